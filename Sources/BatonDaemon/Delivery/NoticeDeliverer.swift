import BatonCore
import BatonHTTP
import BatonNotices
import BatonStore
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// Delivers stored notices to their channels, oldest first, at least once.
///
/// A notice is marked delivered only after a 2xx, so a crash at any point sends it again
/// (with the same `webhook-id`) rather than never. Outcomes are stored through the
/// ``StateWriter``; until one is stored, the deliverer remembers it, so a notice that was
/// delivered is never sent again because its record could not be written yet. Per channel: at most
/// ``ChannelLimits/inFlight`` at once, at least ``ChannelLimits/spacing`` apart, and a failing
/// receiver holds back the whole channel until its retry time, so the backlog goes out in
/// order when it returns. Per incident and channel, a notice never overtakes an earlier one.
final class NoticeDeliverer: Service, Sendable {
    struct State {
        var inFlight: Set<Int64> = []
        var perChannel: [String: Int] = [:]
        var lastStart: [String: ContinuousClock.Instant] = [:]
        var blockedUntil: [String: Date] = [:]
        /// Channel id → URL fingerprint it was disabled for.
        var disabled: [String: String] = [:]
        /// Outcomes recorded but maybe not stored yet, by notice id: the store may still list these
        /// notices as due. Forgotten once stored and a later read of due notices has seen that.
        var unstored: [Int64: Unstored] = [:]
        /// Sends by notice id; finished ones are dropped on the next pass.
        var sends: [Int64: Task<Void, Never>] = [:]
    }

    /// An outcome the store may not show yet.
    struct Unstored {
        /// The writer's sequence number of the record.
        var sequence: UInt64
        /// `nil`: never send again (delivered or dead); otherwise not before this time.
        var notBefore: Date?
    }

    let store: StateStore
    let writer: StateWriter
    let engine: HTTPEngine
    let monitor: Monitor
    let logger: Logger
    let poll: Duration
    let timeout: Duration
    private let state = Mutex(State())
    /// A finished send frees a slot: look for the next notice at once, not at the next poll.
    private let wake = WakeSignal()

    init(
        store: StateStore, writer: StateWriter, engine: HTTPEngine, monitor: Monitor, logger: Logger, poll: Duration = .milliseconds(100),
        timeout: Duration = .seconds(10)
    ) {
        self.store = store
        self.writer = writer
        self.engine = engine
        self.monitor = monitor
        self.logger = logger
        self.poll = poll
        self.timeout = timeout
    }

    func run() async throws {
        await loadDisabledChannels()
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            await startDueDeliveries()
            await wake.wait(upTo: poll)
        }
        // Sends in flight get a second to finish; then they are cancelled, their notices stay
        // pending and go out after the restart (same webhook-id): SIGTERM must end within 10 s.
        let deadline = ContinuousClock.now + .seconds(1)
        while ContinuousClock.now < deadline, state.withLock({ !$0.inFlight.isEmpty }) {
            try? await Task.sleep(for: .milliseconds(20))
        }
        let sends = state.withLock { Array($0.sends.values) }
        for send in sends { send.cancel() }
        for send in sends { await send.value }
    }

    // MARK: Scheduling

    private func startDueDeliveries() async {
        let now = monitor.clock()
        // Outcomes stored before this read began are in what it returns; later ones are remembered here.
        let storedBeforeRead = writer.storedThrough
        let listed: [DueNotice]
        do {
            listed = try await store.dueNotices(at: now)
        } catch {
            logger.error("could not read pending notices from \(store.path): \(error)")
            return
        }
        let due = state.withLock { state -> [DueNotice] in
            let due = listed.filter { candidate in
                guard let outcome = state.unstored[candidate.id] else { return true }
                return outcome.notBefore.map { $0 <= now } ?? false
            }
            state.unstored = state.unstored.filter { $0.value.sequence > storedBeforeRead }
            return due
        }
        guard !due.isEmpty else { return }
        let config = monitor.snapshot().config
        for candidate in due {
            let channel = config.channel(candidate.channelID)
            guard reserve(candidate, channel: channel, now: now) else { continue }
            let task = Task { [self] in
                if let stored = try? await store.notice(candidate.id), stored.status == .pending {
                    await deliver(stored, to: channel, config: config)
                }
                release(candidate)
                wake.signal()
            }
            state.withLock { state in
                state.sends = state.sends.filter { state.inFlight.contains($0.key) }
                if state.inFlight.contains(candidate.id) { state.sends[candidate.id] = task }
            }
        }
    }

    /// Claims a slot for the notice if its channel has one free, is not held back, and its spacing allows.
    private func reserve(_ stored: DueNotice, channel: Channel?, now: Date) -> Bool {
        let id = stored.channelID
        let limits = channel.map { ChannelLimits.of($0.type) } ?? ChannelLimits(inFlight: 1, spacing: .zero)
        return state.withLock { state in
            guard !state.inFlight.contains(stored.id) else { return false }
            if let until = state.blockedUntil[id], until > now { return false }
            guard state.perChannel[id, default: 0] < limits.inFlight else { return false }
            if let last = state.lastStart[id], ContinuousClock.now - last < limits.spacing { return false }
            state.inFlight.insert(stored.id)
            state.perChannel[id, default: 0] += 1
            state.lastStart[id] = ContinuousClock.now
            return true
        }
    }

    private func release(_ stored: DueNotice) {
        state.withLock { state in
            state.inFlight.remove(stored.id)
            state.perChannel[stored.channelID, default: 1] -= 1
        }
    }

    // MARK: One delivery

    private func deliver(_ stored: StoredNotice, to channel: Channel?, config: Config) async {
        let notice = stored.notice
        let attempts = stored.attempts + 1
        let now = monitor.clock()
        guard let channel else {
            await record(stored, .dead(reason: "channel \(notice.channelID) is no longer in the config"), attempts: attempts, channel: nil)
            return
        }
        if state.withLock({ $0.disabled[channel.id] }) == ChannelFingerprint.of(channel) {
            await record(stored, .dead(reason: "channel \(channel.id) is disabled: its webhook answered 410 Gone"), attempts: attempts, channel: channel)
            return
        }
        if now.timeIntervalSince(notice.createdAt) > channel.maxAge.seconds {
            await record(stored, .dead(reason: "older than max_age \(channel.maxAge.compact): not sent"), attempts: stored.attempts, channel: channel)
            return
        }
        let request: HTTPRequest
        do {
            request = try DeliveryRequest.make(notice, for: channel, at: now, timeout: timeout)
        } catch {
            await record(stored, .dead(reason: "cannot render for \(channel.type.rawValue): \(error)"), attempts: attempts, channel: channel)
            return
        }
        let result = await engine.perform(request)
        let outcome = DeliveryPolicy.outcome(of: result, attempts: attempts, now: monitor.clock())
        await record(stored, outcome, attempts: attempts, channel: channel)
    }

    private func record(_ stored: StoredNotice, _ outcome: DeliveryOutcome, attempts: Int, channel: Channel?) async {
        let notice = stored.notice
        let label = "notice \(notice.key) to \(notice.channelID)"
        switch outcome {
        case .delivered:
            remember(stored.id, .delivered(noticeID: stored.id, attempts: attempts, at: monitor.clock()), notBefore: nil)
            monitor.metrics?.noticesDelivered.increment()
            logger.info("\(label) delivered\(attempts > 1 ? " after \(attempts) attempts" : "")")
        case .retry(let next, let reason):
            remember(stored.id, .retry(noticeID: stored.id, attempts: attempts, next: next, error: reason), notBefore: next)
            monitor.metrics?.deliveryRetries.increment()
            state.withLock { $0.blockedUntil[notice.channelID] = next }
            let wait = Duration.milliseconds(Int64(max(0, next.timeIntervalSince(monitor.clock())) * 1000)).compact
            logger.warning("\(label) failed (attempt \(attempts)): \(reason); channel \(notice.channelID) retries in \(wait)")
        case .dead(let reason):
            remember(stored.id, .dead(noticeID: stored.id, attempts: attempts, error: reason), notBefore: nil)
            monitor.metrics?.noticesDead.increment()
            logger.error("\(label) will not be delivered: \(reason)")
        case .disableChannel(let reason):
            let fingerprint = channel.map(ChannelFingerprint.of) ?? ""
            state.withLock { $0.disabled[notice.channelID] = fingerprint }
            remember(stored.id, .dead(noticeID: stored.id, attempts: attempts, error: reason), notBefore: nil)
            var batch = StateBatch()
            batch.deliveries = [.disableChannel(channelID: notice.channelID, urlFingerprint: fingerprint, reason: reason, at: monitor.clock())]
            writer.record(batch)
            logger.critical("channel \(notice.channelID) is DISABLED: \(reason). Its pending notices are dead letters; fix its url in the config and reload.")
        case .abandoned:
            logger.debug("\(label) not finished before shutdown: it stays pending")
        }
    }

    /// Hands the outcome to the writer and remembers it until the store shows it.
    private func remember(_ id: Int64, _ record: DeliveryRecord, notBefore: Date?) {
        var batch = StateBatch()
        batch.deliveries = [record]
        // Remembered before it is recorded: a read of due notices in between must already skip it.
        state.withLock { $0.unstored[id] = Unstored(sequence: .max, notBefore: notBefore) }
        let sequence = writer.record(batch)
        state.withLock { $0.unstored[id]?.sequence = sequence }
    }

    /// Channels disabled for the URL they still have stay disabled; a changed URL enables them again.
    private func loadDisabledChannels() async {
        let config = monitor.snapshot().config
        do {
            var disabled: [String: String] = [:]
            for entry in try await store.disabledChannels() {
                if let channel = config.channel(entry.channelID), ChannelFingerprint.of(channel) == entry.urlFingerprint {
                    disabled[entry.channelID] = entry.urlFingerprint
                    logger.error("channel \(entry.channelID) stays disabled since \(entry.disabledAt): \(entry.reason)")
                } else {
                    var batch = StateBatch()
                    batch.deliveries = [.enableChannel(channelID: entry.channelID)]
                    writer.record(batch)
                    logger.info("channel \(entry.channelID) is enabled again: its url changed")
                }
            }
            state.withLock { $0.disabled = disabled }
        } catch {
            logger.error("could not read disabled channels from \(store.path): \(error)")
        }
    }

    /// Channel ids disabled now.
    var disabledChannels: [String] {
        state.withLock { $0.disabled.keys.sorted() }
    }
}
