import BatonCore
import BatonHTTP
import BatonStore
import Foundation
import Logging
import ServiceLifecycle
import UnixSignals

/// Everything `batond` needs to run, resolved from flags and environment.
public struct DaemonOptions: Sendable {
    public var config: Config
    /// What `--config` said, so a reload reads the same place.
    public var configPath: String?
    public var environment: [String: String]
    public var stateDirectory: String
    public var socketPath: String

    public init(config: Config, configPath: String?, environment: [String: String], stateDirectory: String, socketPath: String) {
        self.config = config
        self.configPath = configPath
        self.environment = environment
        self.stateDirectory = stateDirectory
        self.socketPath = socketPath
    }
}

/// Builds the daemon's services in dependency order and runs them until SIGTERM or SIGINT.
public enum Daemon {
    public static func run(_ options: DaemonOptions, logger: Logger) async throws {
        let started = ContinuousClock.now
        let config = options.config
        let store: StateStore
        do {
            store = try StateStore(directory: options.stateDirectory)
        } catch let error as StoreOpenError {
            throw DaemonError.database(error.description)
        } catch {
            throw DaemonError.stateDirectory(options.stateDirectory, error)
        }
        let now = Date()
        let persisted: [String: PersistedIntegration]
        let incidents: [Incident]
        let silences: [Silence]
        let nextIncidentID: Int
        let nextSilenceID: Int
        do {
            persisted = try await store.loadIntegrations()
            incidents = try await store.loadLiveIncidents(resolvedSince: now.addingTimeInterval(-IncidentBook.defaultCooldown.seconds))
            silences = try await store.silences(activeAt: now)
            nextIncidentID = try await store.nextIncidentID()
            nextSilenceID = try await store.nextSilenceID()
        } catch {
            throw DaemonError.database("cannot read \(store.path): \(StateWriter.describe(error)); Baton left it untouched")
        }

        let engine = HTTPEngine(maxConcurrency: config.daemon.maxConcurrency, name: "baton-probes")
        let metrics = config.daemon.http == nil ? nil : DaemonMetrics()
        let monitor = Monitor(
            config: config, persisted: persisted, engine: engine, logger: logger,
            incidents: incidents, nextIncidentID: nextIncidentID,
            silences: silences, nextSilenceID: nextSilenceID, metrics: metrics
        )
        // The config's YAML tree is gone by now; give its pages back instead of keeping them for the
        // life of the daemon (tens of MB at 10,000 integrations).
        Memory.returnFreePagesToSystem()
        let writer = StateWriter(
            store: store, logger: logger, takePending: { monitor.takePending() }, hasUrgentPending: { monitor.hasUrgentPending },
            retention: config.daemon.retention
        )
        var removal = StateBatch()
        removal.removal = RemovalMark(keeping: Set(config.integrations.map(\.id)), at: now)
        writer.record(removal)
        let deliverer = NoticeDeliverer(store: store, writer: writer, engine: engine, monitor: monitor, logger: logger)
        let notifier = SystemdNotifier(environment: options.environment)
        let reloader = Reloader(
            configPath: options.configPath, environment: options.environment, monitor: monitor, writer: writer, notifier: notifier, logger: logger
        )
        // The scheduler's own loop pings the watchdog: if it wedges, systemd restarts the daemon.
        engine.observeLoop { notifier.watchdogIfDue() }
        let routes = ControlRoutes(monitor: monitor, store: store, writer: writer, deliverer: deliverer, reloader: reloader)
        let socketPath = options.socketPath
        let checks = config.integrations.filter { $0.check != nil }.count
        let control = try ControlServer.make(socketPath: socketPath, routes: routes, logger: logger) {
            let elapsed = ContinuousClock.now - started
            logger.info("ready in \(elapsed.compact): \(config.integrations.count) integrations (\(checks) polled), state in \(store.path)")
            notifier.ready(status: StatusLine.text(monitor.snapshot()))
        }

        var services: [ServiceGroupConfiguration.ServiceConfiguration] = []
        if let address = config.daemon.http, let metrics {
            services.append(.init(service: HTTPListener.make(address: address, monitor: monitor, store: store, writer: writer, metrics: metrics, logger: logger)))
        }
        // Shutdown runs in reverse: the socket closes, escalation and probing stop, then the writer stores the rest.
        let group = ServiceGroup(
            configuration: .init(
                services: [
                    .init(service: writer),
                    .init(service: MonitorService(monitor: monitor, engine: engine)),
                    .init(service: EscalationService(monitor: monitor)),
                    .init(service: deliverer),
                    .init(service: DigestService(monitor: monitor, store: store, writer: writer, logger: logger)),
                    .init(service: ReloadService(reloader: reloader)),
                    .init(service: control),
                ] + services,
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            )
        )
        logger.info("batond starting: config \(config.files.joined(separator: ", ")), \(config.integrations.count) integrations")
        let reporter = Task { await StatusReporter(monitor: monitor, writer: writer, notifier: notifier, period: .seconds(10)).run() }
        defer { reporter.cancel() }
        // STOPPING=1 as soon as shutdown begins, not after it ended.
        let stopping = Task {
            for await _ in await UnixSignalsSequence(trapping: .sigterm, .sigint) {
                notifier.stopping()
                break
            }
        }
        defer { stopping.cancel() }
        try await group.run()
        try? FileManager.default.removeItem(atPath: socketPath)
        logger.info("batond stopped")
    }
}
