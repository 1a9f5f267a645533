import BatonAuth
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
    /// SQLite in the state directory, or PostgreSQL when `storage.postgres` says so.
    static func openStore(_ options: DaemonOptions, logger: Logger) async throws -> StateStore {
        if let postgres = options.config.storage?.postgres {
            do {
                let settings = try PostgresConnectionSettings(url: postgres.url.revealed, password: postgres.password?.revealed)
                return try await StateStore.postgres(settings, logger: logger)
            } catch let error as StoreOpenError {
                throw DaemonError.database(error.description)
            } catch {
                throw DaemonError.database("cannot use PostgreSQL at \(URLDisplay.withoutCredentials(postgres.url.redacted)): \(StateWriter.describe(error))")
            }
        }
        do {
            return try StateStore(directory: options.stateDirectory)
        } catch let error as StoreOpenError {
            throw DaemonError.database(error.description)
        } catch {
            throw DaemonError.stateDirectory(options.stateDirectory, error)
        }
    }

    public static func run(_ options: DaemonOptions, logger: Logger) async throws {
        let started = ContinuousClock.now
        let config = options.config
        let store = try await openStore(options, logger: logger)
        let now = Date()
        let stored: StoredState
        do {
            stored = try await StoredState.load(from: store, at: now)
        } catch {
            throw DaemonError.database("cannot read \(store.path): \(StateWriter.describe(error)); Baton left it untouched")
        }
        LineLogHandler.scrubber.withLock { $0 = SecretScrubber(config: config) }
        let node = config.daemon.nodeName ?? ProcessInfo.processInfo.hostName
        let leadership = store.isShared ? Leadership.clustered(node: node) : Leadership.single(node: node, since: now)

        let engine = HTTPEngine(maxConcurrency: config.daemon.maxConcurrency, name: "baton-probes")
        // Notices and the outbound heartbeat have an engine of their own: a notice never waits
        // behind a round of due probes for one of max_concurrency's slots.
        let outbound = HTTPEngine(maxConcurrency: NoticeDeliverer.maxInFlight, name: "baton-notices")
        defer { outbound.shutdown() }
        let metrics = config.daemon.http == nil ? nil : DaemonMetrics()
        // One token cache: every integration with the same OAuth2 credential shares its token.
        let tokens = TokenCache(engine: engine)
        let monitor = Monitor(
            config: config, persisted: stored.persisted, engine: engine, logger: logger,
            incidents: stored.incidents, nextIncidentID: stored.nextIncidentID,
            silences: stored.silences, nextSilenceID: stored.nextSilenceID, metrics: metrics, tokens: tokens
        )
        // The config's YAML tree is gone by now; give its pages back instead of keeping them for the
        // life of the daemon (tens of MB at 10,000 integrations).
        Memory.returnFreePagesToSystem()
        let liveness = Liveness()
        let writer = StateWriter(
            store: store, logger: logger, leadership: leadership, liveness: liveness, takePending: { monitor.takePending() },
            hasUrgentPending: { monitor.hasUrgentPending }, retention: config.daemon.retention
        )
        if !store.isShared {
            var removal = StateBatch()
            removal.removal = RemovalMark(keeping: Set(config.integrations.map(\.id)), at: now)
            writer.record(removal)
        }
        let deliverer = NoticeDeliverer(store: store, writer: writer, leadership: leadership, liveness: liveness, engine: outbound, monitor: monitor, logger: logger)
        let notifier = SystemdNotifier(environment: options.environment)
        let reloader = Reloader(
            configPath: options.configPath, environment: options.environment, monitor: monitor, writer: writer, notifier: notifier, logger: logger
        )
        // The scheduler's own loop pings the watchdog: if it wedges, systemd restarts the daemon.
        engine.observeLoop {
            notifier.watchdogIfDue()
            liveness.beat("probe loop")
        }
        let routes = ControlRoutes(monitor: monitor, store: store, writer: writer, deliverer: deliverer, reloader: reloader, leadership: leadership)
        let socketPath = options.socketPath
        let checks = config.integrations.filter { $0.check != nil }.count
        let control = try ControlServer.make(socketPath: socketPath, routes: routes, logger: logger) {
            let elapsed = ContinuousClock.now - started
            logger.info("ready in \(elapsed.compact): \(config.integrations.count) integrations (\(checks) polled), state in \(store.path)")
            notifier.ready(status: StatusLine.text(monitor.snapshot()))
        }

        // Shutdown runs in reverse: the listeners close, escalation and probing stop, the writer stores
        // the rest, and last of all a leader gives up its lease.
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = []
        if store.isShared, let postgres = config.storage?.postgres {
            services.append(.init(service: LeaseService(
                store: store, leadership: leadership, monitor: monitor, writer: writer, deliverer: deliverer, lease: postgres.lease, logger: logger
            )))
        }
        services += [
            .init(service: writer),
            .init(service: MonitorService(monitor: monitor, engine: engine, leadership: leadership)),
            .init(service: ClockService(monitor: monitor, leadership: leadership, liveness: liveness)),
            .init(service: deliverer),
            .init(service: DigestService(monitor: monitor, store: store, writer: writer, leadership: leadership, logger: logger)),
        ]
        if store.isShared {
            services.append(.init(service: RequestApplier(store: store, leadership: leadership, monitor: monitor, writer: writer, logger: logger)))
        }
        if let url = config.daemon.heartbeatURL {
            services.append(.init(service: HeartbeatPinger(url: url, engine: outbound, leadership: leadership, writer: writer, liveness: liveness, logger: logger)))
        }
        services += [.init(service: ReloadService(reloader: reloader)), .init(service: control)]
        if let address = config.daemon.http, let metrics {
            services.append(.init(service: HTTPListener.make(
                address: address, monitor: monitor, store: store, writer: writer, leadership: leadership, metrics: metrics, logger: logger
            )))
        }
        let group = ServiceGroup(
            configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        )
        logger.info("batond starting: config \(config.files.joined(separator: ", ")), \(config.integrations.count) integrations")
        let reporter = Task { await StatusReporter(monitor: monitor, writer: writer, leadership: leadership, notifier: notifier, period: .seconds(10)).run() }
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
        await store.close()
        try? FileManager.default.removeItem(atPath: socketPath)
        logger.info("batond stopped")
    }
}
