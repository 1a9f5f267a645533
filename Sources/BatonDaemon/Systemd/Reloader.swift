import BatonCore
import BatonStore
import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import UnixSignals

/// Reloads the config on SIGHUP or `baton reload`: validates the new one first, keeps the old one
/// running when it is wrong (and says why in the log, in `systemctl status`, and at the top of
/// `baton status`), and tells systemd RELOADING=1 … READY=1 around it.
final class Reloader: Sendable {
    let configPath: String?
    let environment: [String: String]
    let monitor: Monitor
    let writer: StateWriter
    let notifier: SystemdNotifier
    let logger: Logger
    /// One reload at a time: a second SIGHUP waits for the first.
    private let busy = Mutex(false)

    init(configPath: String?, environment: [String: String], monitor: Monitor, writer: StateWriter, notifier: SystemdNotifier, logger: Logger) {
        self.configPath = configPath
        self.environment = environment
        self.monitor = monitor
        self.writer = writer
        self.notifier = notifier
        self.logger = logger
    }

    /// The outcome of one reload.
    enum Outcome: Sendable {
        case applied(ReloadSummary, integrations: Int)
        case rejected(String)
    }

    func reload(trigger: String) async -> Outcome {
        while busy.withLock({ busy in defer { busy = true }; return busy }) {
            try? await Task.sleep(for: .milliseconds(50))
        }
        defer { busy.withLock { $0 = false } }
        notifier.reloading()
        logger.info("reloading the config (\(trigger))")
        let loaded: Config
        do {
            loaded = try ConfigLoader(environment: environment).load(explicit: configPath)
        } catch {
            let count = error.errors.count
            let first = error.errors.first.map(\.description) ?? "unknown error"
            let message = "the new config has \(count) error\(count == 1 ? "" : "s"); still running the previous one. First: \(first)"
            monitor.reloadFailed(message)
            for problem in error.errors { logger.error("config: \(problem.description)") }
            logger.error("reload rejected: \(message)")
            notifier.ready(status: "config reload failed: \(first)")
            return .rejected(message)
        }
        LineLogHandler.scrubber.withLock { $0 = SecretScrubber(config: loaded) }
        let summary = monitor.reload(loaded)
        var removal = StateBatch()
        removal.removal = RemovalMark(keeping: Set(loaded.integrations.map(\.id)), at: monitor.clock())
        writer.record(removal)
        for setting in summary.needsRestart {
            logger.warning("\(setting) changed: it takes effect at the next restart")
        }
        logger.info("config reloaded: \(loaded.integrations.count) integrations (\(summary.description))")
        notifier.ready(status: StatusLine.text(monitor.snapshot()))
        return .applied(summary, integrations: loaded.integrations.count)
    }
}

/// Reloads on every SIGHUP until shutdown.
struct ReloadService: Service {
    let reloader: Reloader

    func run() async throws {
        for await _ in await UnixSignalsSequence(trapping: .sighup).cancelOnGracefulShutdown() {
            _ = await reloader.reload(trigger: "SIGHUP")
        }
    }
}
