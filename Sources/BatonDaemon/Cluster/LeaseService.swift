import BatonCore
import BatonHTTP
import BatonStore
import Foundation
import Logging
import ServiceLifecycle

/// Takes, keeps and gives up the leader lease in PostgreSQL, and makes this node act or stand by.
///
/// The leader renews every third of the lease. It counts its lease from when it *sent* a renewal,
/// minus a second, so it stops acting before any standby can take the lease over; a node paused
/// (SIGSTOP, a stall) wakes up no longer leading, and its writes are refused by the epoch fence.
/// A standby tries to take the lease every second, so it leads within `lease` + 1 s of the
/// leader's death; in between it refreshes its view from the database for the CLI.
struct LeaseService: Service {
    let store: StateStore
    let leadership: Leadership
    let monitor: Monitor
    let writer: StateWriter
    let deliverer: NoticeDeliverer
    let lease: Duration
    let logger: Logger

    /// A lease counted from when the renewal was sent, minus this, in case the clocks' rates differ.
    static let margin: Duration = .seconds(1)

    var renewEvery: Duration { lease / 3 }

    func run() async throws {
        standBy()
        var lastRefresh = ContinuousClock.now - .seconds(60)
        var lastRenewal = ContinuousClock.now
        var lastError: ContinuousClock.Instant?
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            if let reason = leadership.takeLostReason() { stepDown(reason, wasLeading: true) }
            do {
                if leadership.view.role == .leader {
                    if ContinuousClock.now - lastRenewal >= renewEvery {
                        lastRenewal = ContinuousClock.now
                        try await renew()
                    }
                } else {
                    try await tryToLead()
                    lastRenewal = ContinuousClock.now
                    if leadership.view.role == .standby, ContinuousClock.now - lastRefresh >= .seconds(2) {
                        try await refreshView()
                        lastRefresh = ContinuousClock.now
                    }
                }
                lastError = nil
            } catch {
                // The database is away: say so at most every 30 s; the lease lapses by itself.
                if lastError.map({ ContinuousClock.now - $0 >= .seconds(30) }) ?? true {
                    logger.error("cannot reach the lease in \(store.path): \(StateWriter.describe(error))")
                    lastError = ContinuousClock.now
                }
                if leadership.view.role == .leader, !leadership.isLeading {
                    stepDown("the lease could not be renewed within \(lease.compact)")
                }
            }
            // At most a second: a standby tries to lead every second, and shutdown is noticed in time.
            await leadership.lost.wait(upTo: min(renewEvery, .seconds(1)))
        }
        // Handing over at once instead of after the lease runs out: the services that act have
        // stopped by now (this service stops last), and a standby may take over.
        let view = leadership.view
        if view.role == .leader {
            try? await store.releaseLease(node: leadership.node, epoch: view.epoch)
            logger.info("gave up the lease (epoch \(view.epoch))")
        }
    }

    private func renew() async throws {
        let sent = MonotonicInstant.now().nanoseconds
        let epoch = leadership.view.epoch
        if try await store.renewLease(node: leadership.node, epoch: epoch, for: lease) {
            leadership.extend(until: Self.validUntil(from: sent, lease: lease))
        } else {
            stepDown("another node took the lease")
        }
    }

    private func tryToLead() async throws {
        let sent = MonotonicInstant.now().nanoseconds
        guard let record = try await store.acquireLease(node: leadership.node, for: lease) else { return }
        do {
            try store.setFence(Fence(holder: leadership.node, epoch: record.epoch))
            let stored = try await StoredState.load(from: store, at: monitor.clock())
            writer.discardQueued()
            monitor.restore(stored)
            await deliverer.startTerm()
            leadership.promote(epoch: record.epoch, since: record.acquiredAt, validUntil: Self.validUntil(from: sent, lease: lease))
            await writer.beginRun()
            var removal = StateBatch()
            removal.removal = RemovalMark(keeping: Set(monitor.config.integrations.map(\.id)), at: monitor.clock())
            writer.record(removal)
            monitor.start()
            logger.notice("this node (\(leadership.node)) leads now, epoch \(record.epoch): \(stored.incidents.filter(\.isOpen).count) open incidents continue from the stored state")
        } catch {
            stepDown("could not take over: \(StateWriter.describe(error))")
            try? await store.releaseLease(node: leadership.node, epoch: record.epoch)
            throw error
        }
    }

    /// Who leads, and the stored state, for a standby's answers.
    private func refreshView() async throws {
        if let record = try await store.readLease() {
            let holder = record.holder.isEmpty ? nil : record.holder
            leadership.observe(leader: record.expiresAt > Date() ? holder : nil, since: record.acquiredAt, epoch: record.epoch)
        }
        monitor.restore(try await StoredState.load(from: store, at: monitor.clock()))
    }

    private func standBy() {
        // A fence no lease matches: any write this node makes by mistake while standing by is refused.
        try? store.setFence(Fence(holder: leadership.node, epoch: -1))
    }

    private func stepDown(_ reason: String, wasLeading: Bool? = nil) {
        let wasLeading = wasLeading ?? (leadership.view.role == .leader)
        leadership.demote(leader: nil, since: nil)
        monitor.deactivate()
        let dropped = writer.discardQueued()
        standBy()
        if wasLeading || dropped != StateWriter.Backlog() {
            logger.warning("this node (\(leadership.node)) stopped leading: \(reason); not stored, for the new leader to decide again: \(dropped.description)")
        }
    }

    static func validUntil(from sent: UInt64, lease: Duration) -> UInt64 {
        // The lease is at most 5 minutes (config validation), far from any overflow.
        let nanoseconds = UInt64(max(0, (lease - margin).seconds) * 1_000_000_000)
        return sent.addingReportingOverflow(nanoseconds).overflow ? .max : sent + nanoseconds
    }
}
