import BatonCore
@testable import BatonDaemon
import BatonHTTP
import BatonStore
import Foundation
import Logging
import Synchronization
import TestSupport

/// Every log event of a test, to check levels and that nothing secret was written.
final class LogRecord: Sendable {
    private let events = Mutex<[(level: Logger.Level, message: String)]>([])

    var all: [(level: Logger.Level, message: String)] { events.withLock { $0 } }

    func append(_ level: Logger.Level, _ message: String) {
        events.withLock { $0.append((level, message)) }
    }

    /// A logger that records into this, at trace level.
    func logger() -> Logger {
        var logger = Logger(label: "test") { _ in RecordingLogHandler(record: self) }
        logger.logLevel = .trace
        return logger
    }
}

struct RecordingLogHandler: LogHandler {
    let record: LogRecord
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        record.append(event.level, event.message.description)
    }
}

/// The daemon's real parts around one config, in a scratch state folder: what the control
/// socket's routes and the HTTP listener are built from.
final class DaemonParts {
    let folder: String
    let store: StateStore
    let engine: HTTPEngine
    let monitor: Monitor
    let writer: StateWriter
    let metrics = DaemonMetrics()
    let log = LogRecord()
    let leadership = Leadership.single(node: "test", since: Date())

    init(config: Config) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("baton-parts-\(UUID().uuidString.prefix(8))").path
        store = try StateStore(directory: folder)
        engine = HTTPEngine(maxConcurrency: 2, name: "baton-test")
        let monitor = Monitor(config: config, persisted: [:], engine: engine, logger: log.logger(), metrics: metrics)
        self.monitor = monitor
        writer = StateWriter(
            store: store, logger: log.logger(), takePending: { monitor.takePending() }, hasUrgentPending: { monitor.hasUrgentPending },
            retention: .seconds(86_400)
        )
    }

    deinit {
        engine.shutdown()
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// The control API's real routes.
    func controlRoutes() -> ControlRoutes {
        let logger = log.logger()
        let deliverer = NoticeDeliverer(store: store, writer: writer, leadership: leadership, engine: engine, monitor: monitor, logger: logger)
        let reloader = Reloader(
            configPath: nil, environment: [:], monitor: monitor, writer: writer, notifier: SystemdNotifier(environment: [:]), logger: logger
        )
        return ControlRoutes(monitor: monitor, store: store, writer: writer, deliverer: deliverer, reloader: reloader, leadership: leadership)
    }
}

/// A flag set once from any thread.
final class Flag: Sendable {
    private let value = Mutex(false)

    var isSet: Bool { value.withLock { $0 } }

    func set() { value.withLock { $0 = true } }
}

/// Waits, polling, until `condition` holds or `timeout` passes; never sleeps a fixed time for an event.
/// The bound is generous: a passing test never waits for it, and a busy 2-core machine building
/// beside the tests can take seconds to start a listener.
func eventually(within timeout: Duration = .seconds(30), _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now.advanced(by: timeout)
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        await Task.yield()
        try? await Task.sleep(for: .milliseconds(10))
    }
    return try await condition()
}
