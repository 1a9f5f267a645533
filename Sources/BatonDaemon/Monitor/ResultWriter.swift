import BatonCore
import BatonStore
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// Stores what the monitor recorded, a batch at a time: probe results, states, transitions.
///
/// Probe rows go in one transaction per second, which keeps thousands of probes per second
/// cheap (rows that share B-tree pages are written to the WAL once). State changes, incidents,
/// notices and silences are stored within ``urgentDelay``: an escalation should not wait for
/// a batch. Reads of the control API flush first, so nothing it reports is unstored.
final class ResultWriter: Service {
    let monitor: Monitor
    let store: StateStore
    let logger: Logger
    let period: Duration
    /// How soon a state change or a notice is stored.
    let urgentDelay: Duration
    let retention: Duration
    private let lastPrune = Mutex<Date>(.distantPast)

    init(
        monitor: Monitor, store: StateStore, logger: Logger, period: Duration = .seconds(1),
        urgentDelay: Duration = .milliseconds(20), retention: Duration
    ) {
        self.monitor = monitor
        self.store = store
        self.logger = logger
        self.period = period
        self.urgentDelay = urgentDelay
        self.retention = retention
    }

    func run() async throws {
        // The daemon's run is recorded and extended every minute: gaps are unknown time in SLA figures.
        let run = try? await store.beginRun(at: Date())
        var lastAlive = ContinuousClock.now
        // Shutdown is noticed by polling, not by cancellation, so the last flush below still runs:
        // the service group stops this service only after the monitor has stopped probing.
        var lastFlush = ContinuousClock.now
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            try? await Task.sleep(for: urgentDelay)
            guard ContinuousClock.now - lastFlush >= period || monitor.hasUrgentPending else { continue }
            await flush()
            lastFlush = ContinuousClock.now
            await pruneIfDue()
            if let run, ContinuousClock.now - lastAlive >= .seconds(60) {
                try? await store.markAlive(run: run, at: Date())
                lastAlive = ContinuousClock.now
            }
        }
        await flush()
        if let run { try? await store.markAlive(run: run, at: Date()) }
        logger.debug("state writer stopped")
    }

    /// Writes everything pending now.
    func flush() async {
        let batch = monitor.takePending()
        guard !batch.isEmpty else { return }
        do {
            try await store.write(batch)
        } catch {
            logger.error("could not store \(batch.probes.count) probe results and \(batch.transitions.count) transitions in \(store.path): \(error)")
        }
    }

    private func pruneIfDue() async {
        let now = Date()
        let due = lastPrune.withLock { last in
            guard now.timeIntervalSince(last) >= 3600 else { return false }
            last = now
            return true
        }
        guard due else { return }
        do {
            let removed = try await store.prune(before: now.addingTimeInterval(-retention.seconds))
            if removed > 0 { logger.info("removed \(removed) transitions older than \(retention.compact)") }
        } catch {
            logger.error("could not prune history in \(store.path): \(error)")
        }
    }
}
