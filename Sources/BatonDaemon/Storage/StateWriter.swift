import BatonCore
import BatonStore
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// The one path by which the daemon's state reaches the database.
///
/// Everything recorded — probe rows, states, transitions, incidents, notices, silences, delivery
/// outcomes — is queued here in the order it happened and stored in that order by this one
/// service, so two commits can never land the wrong way round. A write that fails stays at the
/// head of the queue and is retried with backoff: nothing is dropped but thinned probe rows.
/// Readers that need up-to-date data call ``sync(timeout:)``, which waits for the "stored up to"
/// mark instead of writing themselves.
final class StateWriter: Service, Sendable {
    /// Why storage is failing, for `/healthz`, `baton status` and `systemctl status`.
    struct Failure: Sendable, Equatable {
        var since: Date
        var message: String
        var attempts: Int
    }

    /// What the writer holds that is not stored yet.
    struct Backlog: Sendable, Equatable {
        var transitions = 0
        var incidents = 0
        var notices = 0
        var deliveries = 0
        var probes = 0
        var thinnedProbes = 0

        var description: String {
            var parts: [String] = []
            for (count, noun) in [(transitions, "transition"), (incidents, "incident change"), (notices, "notice"), (deliveries, "delivery outcome")]
            where count > 0 {
                parts.append("\(count) \(noun)\(count == 1 ? "" : "s")")
            }
            parts.append("\(probes) probe row\(probes == 1 ? "" : "s")")
            if thinnedProbes > 0 { parts.append("\(thinnedProbes) older probe rows thinned") }
            return parts.joined(separator: ", ")
        }
    }

    private struct Queued {
        /// The sequence number of the newest record folded into this batch.
        var through: UInt64
        var batch: StateBatch
    }

    private struct Waiter {
        var through: UInt64
        var continuation: CheckedContinuation<Void, Never>
    }

    private struct State {
        var queue: [Queued] = []
        /// The first `inFlight` entries of the queue are being written; new records go after them.
        var inFlight = 0
        var recorded: UInt64 = 0
        var stored: UInt64 = 0
        var failure: Failure?
        var lastFailureLog: ContinuousClock.Instant?
        /// While writes fail: no new attempt before this (a burst of records must not hammer a full disk).
        var retryAt: ContinuousClock.Instant?
        var thinnedProbes = 0
        var waiters: [Int: Waiter] = [:]
        var nextWaiter = 0
        var run: Int64?
    }

    let store: StateStore
    let logger: Logger
    /// Told when a write is refused because another node leads now (PostgreSQL).
    let leadership: Leadership?
    /// Where the loop says it turns.
    let liveness: Liveness?
    /// Takes what the monitor recorded since the last call.
    let takePending: @Sendable () -> StateBatch
    /// True when the monitor holds something that should be stored now rather than with the next batch.
    let hasUrgentPending: @Sendable () -> Bool
    let clock: @Sendable () -> Date
    /// How often probe rows are stored.
    let period: Duration
    /// How soon a state change, a notice or a delivery outcome is stored.
    let urgentDelay: Duration
    let retention: Duration
    /// Above this many queued probe rows (while storage fails), all but the newest of each integration go.
    let probeRowLimit: Int
    /// The longest wait between two attempts at a failing write.
    let maxBackoff: Duration
    /// How often a lasting failure is logged again.
    let failureLogInterval: Duration
    private let state = Mutex(State())
    private let wake = WakeSignal()
    /// Told each time a write stored new notices (the deliverer, so it need not wait for its next poll).
    private let noticeListeners = Mutex<[@Sendable () -> Void]>([])

    init(
        store: StateStore, logger: Logger, leadership: Leadership? = nil, liveness: Liveness? = nil,
        takePending: @escaping @Sendable () -> StateBatch = { StateBatch() },
        hasUrgentPending: @escaping @Sendable () -> Bool = { false },
        clock: @escaping @Sendable () -> Date = { Date() },
        period: Duration = .seconds(1), urgentDelay: Duration = .milliseconds(20), retention: Duration = .seconds(90 * 86_400),
        probeRowLimit: Int = 100_000, maxBackoff: Duration = .seconds(5), failureLogInterval: Duration = .seconds(60)
    ) {
        self.store = store
        self.logger = logger
        self.leadership = leadership
        self.liveness = liveness
        self.takePending = takePending
        self.hasUrgentPending = hasUrgentPending
        self.clock = clock
        self.period = period
        self.urgentDelay = urgentDelay
        self.retention = retention
        self.probeRowLimit = probeRowLimit
        self.maxBackoff = maxBackoff
        self.failureLogInterval = failureLogInterval
    }

    // MARK: Recording

    /// Queues a batch after everything recorded before it (the monitor's pending batch included);
    /// returns its sequence number, for ``waitUntilStored(_:timeout:)``.
    @discardableResult
    func record(_ batch: StateBatch) -> UInt64 {
        let pending = takePending()
        let through = state.withLock { state in
            if !pending.isEmpty { _ = Self.append(pending, to: &state) }
            return batch.isEmpty ? state.recorded : Self.append(batch, to: &state)
        }
        if batch.isUrgent || pending.isUrgent { wake.signal() }
        return through
    }

    /// Queues what the monitor recorded; returns the sequence number everything recorded so far is stored at.
    @discardableResult
    func collect() -> UInt64 {
        record(StateBatch())
    }

    private static func append(_ batch: StateBatch, to state: inout State) -> UInt64 {
        state.recorded += 1
        // Folded into the last queued batch when it is not being written and the order allows.
        if state.queue.count > state.inFlight, let last = state.queue.indices.last, state.queue[last].batch.canAbsorb(batch) {
            state.queue[last].batch.absorb(batch)
            state.queue[last].through = state.recorded
        } else {
            state.queue.append(Queued(through: state.recorded, batch: batch))
        }
        return state.recorded
    }

    /// Calls `body` after every write that stored new notices, on the writer's task: it must only signal.
    func onNoticesStored(_ body: @escaping @Sendable () -> Void) {
        noticeListeners.withLock { $0.append(body) }
    }

    // MARK: Waiting for the stored mark

    /// Everything recorded up to this sequence number is in the database.
    var storedThrough: UInt64 {
        state.withLock { $0.stored }
    }

    /// Stores what is recorded now and waits until it is; `false` when `timeout` passed first
    /// (storage is failing: what was recorded stays queued and will be stored later).
    @discardableResult
    func sync(timeout: Duration = .seconds(3)) async -> Bool {
        let through = collect()
        wake.signal()
        return await waitUntilStored(through, timeout: timeout)
    }

    /// Waits until everything up to `through` is stored, or `timeout` passes.
    func waitUntilStored(_ through: UInt64, timeout: Duration) async -> Bool {
        if storedThrough >= through { return true }
        let id = state.withLock { state in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        let timer = Task { [self] in
            try? await Task.sleep(for: timeout)
            resumeWaiter(id)
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let ready = state.withLock { state -> Bool in
                    if state.stored >= through { return true }
                    state.waiters[id] = Waiter(through: through, continuation: continuation)
                    return false
                }
                if ready { continuation.resume() }
            }
        } onCancel: {
            resumeWaiter(id)
        }
        timer.cancel()
        return storedThrough >= through
    }

    private func resumeWaiter(_ id: Int) {
        state.withLock { $0.waiters.removeValue(forKey: id) }?.continuation.resume()
    }

    /// Drops everything queued and not stored, when this node stops leading: the new leader decides
    /// again from what is stored. Returns what was dropped, for the log.
    @discardableResult
    func discardQueued() -> Backlog {
        let dropped = backlog
        let waiters = state.withLock { state -> [Waiter] in
            state.queue.removeAll()
            state.inFlight = 0
            state.stored = state.recorded
            state.failure = nil
            state.retryAt = nil
            state.thinnedProbes = 0
            defer { state.waiters.removeAll() }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.continuation.resume() }
        return dropped
    }

    // MARK: Health

    /// The current storage failure, if writes are failing.
    var failure: Failure? {
        state.withLock { $0.failure }
    }

    /// What is queued and not stored yet.
    var backlog: Backlog {
        state.withLock { state in
            var backlog = Backlog(thinnedProbes: state.thinnedProbes)
            for item in state.queue {
                backlog.transitions += item.batch.transitions.count
                backlog.incidents += item.batch.incidents.count
                backlog.notices += item.batch.notices.count
                backlog.deliveries += item.batch.deliveries.count
                backlog.probes += item.batch.probes.count
            }
            return backlog
        }
    }

    // MARK: The service

    func run() async throws {
        // The daemon's run is recorded, then extended every minute: gaps are unknown time in SLA figures.
        // In a cluster the leader records it when it starts to lead.
        if leadership?.shared != true { await beginRun() }
        var lastCollect = ContinuousClock.now
        var lastAlive = ContinuousClock.now
        var lastPrune = ContinuousClock.now - .seconds(3600)
        // Shutdown is noticed by polling, not by cancellation, so the last write below still runs:
        // the service group stops this service only after the monitor has stopped probing.
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            await wake.wait(upTo: urgentDelay)
            liveness?.beat("storage writer")
            if ContinuousClock.now - lastCollect >= period || hasUrgentPending() {
                collect()
                lastCollect = ContinuousClock.now
            }
            if let run = state.withLock({ $0.run }), ContinuousClock.now - lastAlive >= .seconds(60), leadership?.isLeading ?? true {
                var alive = StateBatch()
                alive.runAlive = RunAlive(run: run, at: clock())
                record(alive)
                lastAlive = ContinuousClock.now
            }
            await writeQueued()
            if failure == nil, leadership?.isLeading ?? true, ContinuousClock.now - lastPrune >= .seconds(3600) {
                await prune()
                lastPrune = ContinuousClock.now
            }
        }
        await drain(run: leadership?.isLeading ?? true ? state.withLock { $0.run } : nil)
    }

    /// Starts this run's record (when the daemon starts, or a node starts to lead).
    func beginRun() async {
        let run = try? await store.beginRun(at: clock())
        state.withLock { $0.run = run }
    }

    /// At shutdown: store the rest, retrying for a few seconds (SIGTERM must end within 10 s).
    private func drain(run: Int64?) async {
        var last = StateBatch()
        if let run { last.runAlive = RunAlive(run: run, at: clock()) }
        record(last)
        let deadline = ContinuousClock.now + .seconds(4)
        // In a task of its own: a cancelled service must still store what it holds.
        await Task { [self] in
            state.withLock { $0.retryAt = nil }
            await writeQueued()
            while failure != nil, ContinuousClock.now < deadline {
                try? await Task.sleep(for: .milliseconds(250))
                state.withLock { $0.retryAt = nil }
                await writeQueued()
            }
        }.value
        if let failure {
            logger.critical("stopping with storage still failing (\(failure.message)): lost \(backlog.description)")
        }
        logger.debug("state writer stopped")
    }

    /// Writes everything queued, oldest first, in one transaction; on failure keeps it queued.
    func writeQueued() async {
        let work: [Queued] = state.withLock { state in
            if let retryAt = state.retryAt, ContinuousClock.now < retryAt { return [] }
            state.inFlight = state.queue.count
            return state.queue
        }
        guard let through = work.last?.through else { return }
        do {
            try await store.write(work.map(\.batch), now: clock())
            stored(work.count, through: through)
            if work.contains(where: { !$0.batch.notices.isEmpty }) {
                for listener in noticeListeners.withLock({ $0 }) { listener() }
            }
        } catch is CancellationError {
            state.withLock { $0.inFlight = 0 }
        } catch let fenced as StoreFenced {
            // Not a storage failure: this node does not lead any more, and what it holds is not its to store.
            discardQueued()
            leadership?.fenced(fenced.description)
        } catch {
            failed(error)
        }
    }

    private func stored(_ count: Int, through: UInt64) {
        let (waiters, recovered) = state.withLock { state -> ([Waiter], (Failure, Int)?) in
            state.queue.removeFirst(count)
            state.inFlight = 0
            state.stored = through
            let ready = state.waiters.filter { $0.value.through <= through }
            for id in ready.keys { state.waiters.removeValue(forKey: id) }
            let recovered = state.failure.map { ($0, state.thinnedProbes) }
            state.failure = nil
            state.lastFailureLog = nil
            state.retryAt = nil
            state.thinnedProbes = 0
            return (Array(ready.values), recovered)
        }
        for waiter in waiters { waiter.continuation.resume() }
        if let (failure, thinned) = recovered {
            let lasted = Duration.milliseconds(Int64(clamping: Int(max(0, clock().timeIntervalSince(failure.since)) * 1000))).compact
            logger.notice("storage recovered after \(lasted) and \(failure.attempts) failed attempts: everything queued is stored\(thinned > 0 ? " (\(thinned) older probe rows were thinned)" : "")")
        }
    }

    private func failed(_ error: any Error) {
        let message = Self.describe(error)
        let (first, logNow, failure) = state.withLock { state -> (Bool, Bool, Failure) in
            state.inFlight = 0
            let first = state.failure == nil
            var failure = state.failure ?? Failure(since: clock(), message: message, attempts: 0)
            failure.attempts += 1
            failure.message = message
            state.failure = failure
            // Backoff: 100 ms, doubling, up to maxBackoff.
            let exponent = min(failure.attempts - 1, 16)
            state.retryAt = ContinuousClock.now + min(.milliseconds(100) * (1 << exponent), maxBackoff)
            // Memory stays bounded: probe rows may be thinned, everything else is kept.
            let probes = state.queue.reduce(0) { $0 + $1.batch.probes.count }
            if probes > probeRowLimit {
                for index in state.queue.indices {
                    let before = state.queue[index].batch.probes.count
                    state.queue[index].batch.thinProbes()
                    state.thinnedProbes += before - state.queue[index].batch.probes.count
                }
            }
            let now = ContinuousClock.now
            let logNow = state.lastFailureLog.map { now - $0 >= failureLogInterval } ?? true
            if logNow { state.lastFailureLog = now }
            return (first, logNow, failure)
        }
        guard logNow else { return }
        if first {
            logger.error("storage is failing: \(message) (\(store.path)); everything recorded stays queued in order and is retried")
        } else {
            let lasted = Duration.milliseconds(Int64(clamping: Int(max(0, clock().timeIntervalSince(failure.since)) * 1000))).compact
            logger.error("storage still failing after \(lasted) (\(failure.attempts) attempts): \(message); waiting: \(backlog.description)")
        }
    }

    /// The database's own words for the failure (`SQLite error 13: database or disk is full`).
    static func describe(_ error: any Error) -> String {
        StoreErrorText.describe(error)
    }

    private func prune() async {
        let cutoff = clock().addingTimeInterval(-retention.seconds)
        do {
            let removed = try await store.prune(before: cutoff)
            if removed > 0 { logger.info("removed \(removed) transitions older than \(retention.compact)") }
        } catch {
            logger.warning("could not prune history in \(store.path): \(Self.describe(error))")
        }
    }
}
