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
        /// Channels whose deliveries fail, since when, and the last error.
        var failing: [String: (since: Date, error: String)] = [:]
        /// Outcomes recorded but maybe not stored yet, by notice id: the store may still list these
        /// notices as due. Forgotten once stored and a later read of due notices has seen that.
        var unstored: [Int64: Unstored] = [:]
        /// Sends by (first) notice id; finished ones are dropped on the next pass.
        var sends: [Int64: Task<Void, Never>] = [:]
        /// Per channel with `group_wait`: when its oldest ungrouped due notice was first seen.
        var windowOpened: [String: Date] = [:]
        /// The last read of due notices, and when it was made: a finished send (a slot freed) starts
        /// the next from it, without another read. `nil`, or older than `poll`: read again.
        var listing: (due: [DueNotice], at: ContinuousClock.Instant)?
    }

    /// An outcome the store may not show yet.
    struct Unstored {
        /// The writer's sequence number of the record.
        var sequence: UInt64
        /// `nil`: never send again (delivered or dead); otherwise not before this time.
        var notBefore: Date?
    }

    /// Deliveries in flight at once, over every channel (each channel has its own smaller limit).
    static let maxInFlight = 32

    let store: StateStore
    let writer: StateWriter
    /// Only the leader delivers; it asks again right before each send.
    let leadership: Leadership
    let liveness: Liveness?
    let engine: HTTPEngine
    let monitor: Monitor
    let logger: Logger
    let poll: Duration
    let timeout: Duration
    let state = Mutex(State())
    /// A finished send frees a slot, or the writer stored new notices: look at once, not at the next poll.
    private let wake = WakeSignal()

    init(
        store: StateStore, writer: StateWriter, leadership: Leadership, liveness: Liveness? = nil, engine: HTTPEngine, monitor: Monitor,
        logger: Logger, poll: Duration = .milliseconds(100), timeout: Duration = .seconds(10)
    ) {
        self.liveness = liveness
        self.store = store
        self.writer = writer
        self.leadership = leadership
        self.engine = engine
        self.monitor = monitor
        self.logger = logger
        self.poll = poll
        self.timeout = timeout
        // A stored notice is due at once: look for it now, not at the next poll (issue 11: stored →
        // delivered under probe load).
        writer.onNoticesStored { [weak self] in self?.noticesStored() }
    }

    func run() async throws {
        if !leadership.shared { await loadDisabledChannels() }
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            liveness?.beat("delivery")
            if leadership.isLeading { await startDueDeliveries() }
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

    /// Starts what is due and has a slot. The store is read when new notices were stored, when the
    /// last read is older than `poll` (retries coming due, an incident's next notice once the one
    /// before it is stored) or there is none; a pass woken only by a finished send takes the next
    /// notices from the last read. (One read per finished send made a storm quadratic: each reads
    /// every pending notice.) Outcomes recorded since a read are in `unstored`, so its notices are
    /// not sent twice; a send checks its notice is still pending before it goes.
    private func startDueDeliveries() async {
        let now = monitor.clock()
        let cached = state.withLock { state -> [DueNotice]? in
            guard let listing = state.listing, ContinuousClock.now - listing.at < poll else { return nil }
            return listing.due
        }
        let listed: [DueNotice]
        if let cached {
            listed = cached
        } else {
            // Outcomes stored before this read began are in what it returns; later ones are remembered here.
            let storedBeforeRead = writer.storedThrough
            let readAt = ContinuousClock.now
            do {
                listed = try await store.dueNotices(at: now)
            } catch {
                logger.error("could not read pending notices from \(store.path): \(error)")
                return
            }
            state.withLock { state in
                state.unstored = state.unstored.filter { $0.value.sequence > storedBeforeRead }
                state.listing = (listed, readAt)
            }
        }
        let due = state.withLock { state -> [DueNotice] in
            listed.filter { candidate in
                guard let outcome = state.unstored[candidate.id] else { return true }
                return outcome.notBefore.map { $0 <= now } ?? false
            }
        }
        guard !due.isEmpty else { return }
        let config = monitor.config
        for unit in units(from: due, config: config, now: now) {
            let channel = config.channel(unit.channelID)
            guard reserve(unit.ids, channelID: unit.channelID, channel: channel, now: now) else { continue }
            let task = Task { [self] in
                switch unit {
                case .single(let candidate):
                    if let stored = try? await store.notice(candidate.id), stored.status == .pending {
                        await deliver(stored, to: channel, config: config)
                    }
                case .group(let key, _, _):
                    if let group = try? await store.group(key), !group.members.isEmpty {
                        await deliver(group, to: channel, config: config)
                    }
                case .form(let channelID, let ids):
                    await formAndDeliver(ids, channelID: channelID, to: channel, config: config)
                }
                release(unit.ids, channelID: unit.channelID)
                wake.signal()
            }
            state.withLock { state in
                state.sends = state.sends.filter { state.inFlight.contains($0.key) }
                if let first = unit.ids.first, state.inFlight.contains(first) { state.sends[first] = task }
            }
        }
    }

    /// New notices are in the store: read it on the next pass, which starts now.
    private func noticesStored() {
        state.withLock { $0.listing = nil }
        wake.signal()
    }

    /// Claims a slot for the notices if their channel has one free, is not held back, and its spacing allows.
    private func reserve(_ ids: [Int64], channelID id: String, channel: Channel?, now: Date) -> Bool {
        let limits = channel.map { ChannelLimits.of($0.type) } ?? ChannelLimits(inFlight: 1, spacing: .zero)
        return state.withLock { state in
            guard !ids.contains(where: state.inFlight.contains) else { return false }
            if let until = state.blockedUntil[id], until > now { return false }
            guard state.perChannel[id, default: 0] < limits.inFlight else { return false }
            if let last = state.lastStart[id], ContinuousClock.now - last < limits.spacing { return false }
            state.inFlight.formUnion(ids)
            state.perChannel[id, default: 0] += 1
            state.lastStart[id] = ContinuousClock.now
            return true
        }
    }

    private func release(_ ids: [Int64], channelID: String) {
        state.withLock { state in
            state.inFlight.subtract(ids)
            state.perChannel[channelID, default: 1] -= 1
        }
    }

    // MARK: One delivery

    func deliver(_ stored: StoredNotice, to channel: Channel?, config: Config) async {
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
        // A node that stopped leading (its lease lapsed while it waited) sends nothing more.
        guard leadership.isLeading else {
            await record(stored, .abandoned, attempts: attempts, channel: channel)
            return
        }
        let result = await engine.perform(request)
        let outcome = DeliveryPolicy.outcome(of: result, attempts: attempts, now: monitor.clock())
        await record(stored, outcome, attempts: attempts, channel: channel)
    }

    func record(_ stored: StoredNotice, _ outcome: DeliveryOutcome, attempts: Int, channel: Channel?) async {
        record([stored], outcome, attempts: attempts, channel: channel, label: "notice \(stored.notice.key) to \(stored.notice.channelID)")
    }

    /// Records one outcome for every notice one message carried (one notice, or a group's members).
    func record(_ members: [StoredNotice], _ outcome: DeliveryOutcome, attempts: Int, channel: Channel?, label: String) {
        guard let channelID = members.first?.notice.channelID else { return }
        // A receiver's answer may quote its own URL (a secret): blanked before it is logged or stored.
        let outcome: DeliveryOutcome = switch outcome {
        case .retry(let next, let reason): .retry(at: next, reason: monitor.scrub(reason))
        case .dead(let reason): .dead(reason: monitor.scrub(reason))
        case .disableChannel(let reason): .disableChannel(reason: monitor.scrub(reason))
        case .delivered, .abandoned: outcome
        }
        let now = monitor.clock()
        switch outcome {
        case .delivered:
            for stored in members { remember(stored.id, .delivered(noticeID: stored.id, attempts: attempts, at: now), notBefore: nil) }
            state.withLock { _ = $0.failing.removeValue(forKey: channelID) }
            monitor.metrics?.noticesDelivered.increment(by: Int64(members.count))
            logger.info("\(label) delivered\(attempts > 1 ? " after \(attempts) attempts" : "")")
        case .retry(let next, let reason):
            for stored in members { remember(stored.id, .retry(noticeID: stored.id, attempts: attempts, next: next, error: reason), notBefore: next) }
            monitor.metrics?.deliveryRetries.increment()
            state.withLock { state in
                state.blockedUntil[channelID] = next
                state.failing[channelID] = (state.failing[channelID]?.since ?? now, reason)
            }
            let wait = DurationText(seconds: max(0, next.timeIntervalSince(now))).compact
            logger.warning("\(label) failed (attempt \(attempts)): \(reason); channel \(channelID) retries in \(wait)")
        case .dead(let reason):
            for stored in members { remember(stored.id, .dead(noticeID: stored.id, attempts: attempts, error: reason), notBefore: nil) }
            monitor.metrics?.noticesDead.increment(by: Int64(members.count))
            logger.error("\(label) will not be delivered: \(reason)")
        case .disableChannel(let reason):
            let fingerprint = channel.map(ChannelFingerprint.of) ?? ""
            state.withLock { $0.disabled[channelID] = fingerprint }
            for stored in members { remember(stored.id, .dead(noticeID: stored.id, attempts: attempts, error: reason), notBefore: nil) }
            var batch = StateBatch()
            batch.deliveries = [.disableChannel(channelID: channelID, urlFingerprint: fingerprint, reason: reason, at: now)]
            writer.record(batch)
            logger.critical("channel \(channelID) is DISABLED: \(reason). Its pending notices are dead letters; fix its url in the config and reload.")
        case .abandoned:
            logger.debug("\(label) not finished before shutdown: it stays pending")
        }
    }

    /// Hands the outcome to the writer and remembers it until the store shows it.
    func remember(_ id: Int64, _ record: DeliveryRecord, notBefore: Date?) {
        var batch = StateBatch()
        batch.deliveries = [record]
        // Remembered before it is recorded: a read of due notices in between must already skip it.
        state.withLock { $0.unstored[id] = Unstored(sequence: .max, notBefore: notBefore) }
        let sequence = writer.record(batch)
        state.withLock { $0.unstored[id]?.sequence = sequence }
    }

    /// Starts a term as leader: what a previous term remembered is stale; the store says what is due.
    func startTerm() async {
        state.withLock { state in
            state.unstored.removeAll()
            state.listing = nil
            state.blockedUntil.removeAll()
            state.lastStart.removeAll()
        }
        await loadDisabledChannels()
    }

    /// Channels disabled for the URL they still have stay disabled; a changed URL enables them again.
    private func loadDisabledChannels() async {
        let config = monitor.config
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

    /// Channels whose deliveries have failed without a success for longer than `threshold`.
    func failingChannels(longerThan threshold: Duration, at now: Date) -> [(channel: String, since: Date, error: String)] {
        state.withLock { state in
            state.failing.filter { now.timeIntervalSince($0.value.since) > threshold.seconds }
                .map { (channel: $0.key, since: $0.value.since, error: $0.value.error) }
                .sorted { $0.channel < $1.channel }
        }
    }
}
