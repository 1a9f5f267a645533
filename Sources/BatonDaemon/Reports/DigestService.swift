import BatonCore
import BatonStore
import Foundation
import Logging
import ServiceLifecycle

/// Posts the config's `digests:` on their cron schedules: the notices are queued like an
/// incident's and delivered by the same path, so retries, limits and dead letters apply.
///
/// A firing missed while the daemon was down is not made up (see ``DigestSchedule``); a
/// reload that changes the digests restarts their schedule from the reload.
struct DigestService: Service {
    let monitor: Monitor
    let store: StateStore
    let writer: StateWriter
    let leadership: Leadership
    let logger: Logger
    let period: Duration

    init(monitor: Monitor, store: StateStore, writer: StateWriter, leadership: Leadership, logger: Logger, period: Duration = .seconds(1)) {
        self.monitor = monitor
        self.store = store
        self.writer = writer
        self.leadership = leadership
        self.logger = logger
        self.period = period
    }

    func run() async throws {
        var digests = monitor.config.digests
        var schedule = DigestSchedule(digests: digests, from: monitor.clock())
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            try? await Task.sleep(for: period)
            let now = monitor.clock()
            let configured = monitor.config.digests
            if configured != digests {
                digests = configured
                schedule = DigestSchedule(digests: digests, from: now)
                continue
            }
            let due = schedule.due(at: now)
            // Only the leader posts digests (a firing passed while standing by is not made up, as after a restart).
            guard leadership.isLeading else { continue }
            for due in due {
                let snapshot = monitor.snapshot()
                do {
                    // Incidents recorded but not yet stored belong in the digest too.
                    await writer.sync()
                    let notices = try await Self.compose(due, config: snapshot.config, openIncidents: Array(snapshot.openIncidents.values),
                                                         store: store, now: now)
                    monitor.queue(notices)
                    logger.info("digest \(due.index + 1) queued for \(notices.map(\.channelID).joined(separator: ", "))")
                } catch {
                    logger.error("digest \(due.index + 1) could not be composed: \(error)")
                }
            }
        }
    }

    /// The digest's notices: incidents opened in its window, those open now, and integrations over
    /// their error budget, each measured over its own SLA window.
    static func compose(_ due: DigestSchedule.Due, config: Config, openIncidents: [Incident], store: StateStore, now: Date) async throws -> [Notice] {
        let opened = try await store.incidents(openedIn: due.window)
        var overBudget: [IntegrationFigures] = []
        let targeted = Dictionary(grouping: config.integrations.filter { $0.sla != nil }) { $0.sla?.window ?? .zero }
        for (window, integrations) in targeted.sorted(by: { $0.key < $1.key }) where window > .zero {
            var subset = config
            subset.integrations = integrations
            let interval = DateInterval(start: now.addingTimeInterval(-window.seconds), end: now)
            let inputs = try await SLAInputs.gather(for: subset, window: interval, store: store)
            overBudget += inputs.map { SLACalculator.figures($0, window: interval) }.filter(\.overBudget)
        }
        overBudget.sort { ($0.errorBudgetLeftPercent ?? 0) < ($1.errorBudgetLeftPercent ?? 0) }
        return DigestComposer(config: config).notices(for: due, opened: opened, open: openIncidents, overBudget: overBudget)
    }
}
