import BatonCore
import BatonStore
import Crypto
import Foundation

/// Every integration's own health and shown state: the one owner of the trackers.
///
/// Pure and value-typed: time comes in with each call, nothing is stored or logged here. A
/// probe's verdict goes in; the transitions of shown states come out, with the integration rows
/// and probe rows to store, for the caller to queue in one batch with the incident actions they
/// cause. Own states are read from the trackers themselves, never from a copy kept beside them.
struct StateBook: Sendable {
    /// Integration ids in config order.
    private(set) var order: [String]
    /// The heartbeat integrations, in config order: checked every second, so not found by
    /// scanning 10,000 polled ones.
    private(set) var heartbeatIDs: [String]
    private(set) var entries: MonitoredEntries
    private(set) var graph: DependencyGraph
    /// Heartbeat ids by the SHA-256 of their token: a ping finds its integration in O(1), and
    /// the token itself is then compared in constant time.
    private var heartbeatTokens: [[UInt8]: String]

    /// What changed that the store must keep: probe rows, integration rows, transitions.
    struct Rows: Sendable {
        var probes: [ProbeRecord] = []
        var integrations: [String: PersistedIntegration] = [:]
        var transitions: [TransitionRecord] = []
    }

    init(config: Config, persisted: [String: PersistedIntegration]) {
        var entries = MonitoredEntries(minimumCapacity: config.integrations.count)
        for integration in config.integrations {
            entries[integration.id] = MonitoredIntegration(integration: integration, restoring: persisted[integration.id])
        }
        self.entries = entries
        order = config.integrations.map(\.id)
        heartbeatIDs = config.integrations.filter { $0.heartbeat != nil }.map(\.id)
        graph = DependencyGraph(config.integrations)
        heartbeatTokens = Self.tokens(of: config.integrations)
    }

    private static func tokens(of integrations: [Integration]) -> [[UInt8]: String] {
        var tokens: [[UInt8]: String] = [:]
        for integration in integrations {
            if let token = integration.heartbeat?.token.revealed { tokens[Self.digest(Array(token.utf8))] = integration.id }
        }
        return tokens
    }

    // MARK: Reading

    func entry(_ id: String) -> MonitoredIntegration? { entries[id] }

    /// An integration's own state (never `blocked`), from its tracker.
    func ownState(_ id: String) -> IntegrationState? { entries[id]?.tracker.state }

    /// The heartbeat integration whose token this is: found by hash, then compared byte for byte in constant time.
    func heartbeat(token: String) -> String? {
        let bytes = Array(token.utf8)
        guard let id = heartbeatTokens[Self.digest(bytes)],
              let expected = entries[id]?.integration.heartbeat?.token.revealed.utf8 else { return nil }
        return Self.constantTimeEqual(Array(expected), bytes) ? id : nil
    }

    private static func digest(_ bytes: [UInt8]) -> [UInt8] {
        Array(SHA256.hash(data: bytes))
    }

    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }

    /// An integration's shown state and reason, as the incident logic reads it.
    func condition(of id: String, at time: Date) -> IntegrationCondition? {
        guard let entry = entries[id] else { return nil }
        return IntegrationCondition(
            state: entry.effective.state, reason: reason(of: entry), since: entry.effectiveSince ?? time, blockedBy: entry.effective.blockedBy
        )
    }

    /// The shown reason: the tracker's, or the root causes when blocked.
    func reason(of entry: MonitoredIntegration) -> Reason {
        entry.effective.state == .blocked
            ? .blocked(by: entry.effective.blockedBy.map { Blocker(id: $0, state: ownState($0) ?? .unknown) })
            : entry.tracker.reason
    }

    func conditions(at time: Date) -> [String: IntegrationCondition] {
        var result: [String: IntegrationCondition] = [:]
        for id in order { result[id] = condition(of: id, at: time) }
        return result
    }

    /// A dependency of `id` (direct or transitive) without a verdict yet: never probed, or failing
    /// probes without being stale or down yet.
    func upstreamPending(of id: String) -> String? {
        graph.upstream(of: id).first { dependency in
            guard let tracker = entries[dependency]?.tracker else { return false }
            return tracker.state == .unknown || (tracker.failStreak > 0 && !tracker.state.isBreach)
        }
    }

    // MARK: Recording

    /// One probe's verdict: the tracker, the probe row, and whether the own state changed.
    mutating func record(_ id: String, _ verdict: Verdict, _ observation: ProbeObservation, into rows: inout Rows) -> StateChange?? {
        let time = observation.observedAt
        let latencyMs = Int(clamping: observation.latency.milliseconds)
        let applied = entries.inPlace(id) { entry -> (StateChange?, Int64) in
            entry.probeSeq += 1
            entry.lastProbeAt = time
            entry.latencyMs = latencyMs
            entry.httpStatus = verdict.httpStatus
            if case .answered(let answer) = observation.result, let certificate = answer.certificate { entry.certificate = certificate }
            if let timestamp = verdict.dataTimestamp { entry.dataTimestamp = timestamp }
            let change = entry.tracker.record(
                verdict, at: time, failureThreshold: entry.integration.failureThreshold, successThreshold: entry.integration.successThreshold
            )
            return (change, entry.probeSeq)
        }
        guard let (change, seq) = applied else { return nil }
        rows.probes.append(ProbeRecord(
            integrationID: id, seq: seq, at: time, level: verdict.level, httpStatus: verdict.httpStatus, latencyMs: latencyMs,
            reason: verdict.reason, errorKind: verdict.errorKind?.rawValue, dataTimestamp: verdict.dataTimestamp
        ))
        return .some(change)
    }

    /// A heartbeat's verdict (a ping, or an overdue one): conclusive on its own, so one is enough.
    mutating func recordHeartbeat(_ id: String, _ verdict: Verdict, at now: Date, ping: Bool, into rows: inout Rows) -> StateChange?? {
        let applied = entries.inPlace(id) { entry -> (StateChange?, Int64) in
            entry.probeSeq += 1
            if ping { entry.lastProbeAt = now }
            entry.dataTimestamp = verdict.dataTimestamp ?? entry.dataTimestamp
            return (entry.tracker.record(verdict, at: now, failureThreshold: 1, successThreshold: 1), entry.probeSeq)
        }
        guard let (change, seq) = applied else { return nil }
        rows.probes.append(ProbeRecord(
            integrationID: id, seq: seq, at: now, level: verdict.level, httpStatus: nil, latencyMs: nil,
            reason: ping ? .heartbeat(.received) : verdict.reason, errorKind: nil, dataTimestamp: verdict.dataTimestamp
        ))
        return .some(change)
    }

    /// Since when an overdue heartbeat counts: set the first time it is checked.
    mutating func watch(_ id: String, since now: Date) -> Date {
        entries.inPlace(id) { entry in
            if entry.watchedSince == nil { entry.watchedSince = now }
            return entry.watchedSince ?? now
        } ?? now
    }

    /// A shown state that changed: the integration, what it showed before, and the transition stored for it.
    struct ShownChange: Sendable {
        var id: String
        var previous: IntegrationState
    }

    /// Recomputes the shown state of `ids` (an integration and those it blocks); the transitions
    /// go into `rows`, the changes come back for the incident logic.
    mutating func settle(_ ids: [String], at time: Date, into rows: inout Rows) -> [ShownChange] {
        var changes: [ShownChange] = []
        for id in ids {
            let effective = graph.effectiveState(of: id) { ownState($0) }
            let change = entries.inPlace(id) { entry -> IntegrationState? in
                let previous = entry.effective.state
                entry.effective = effective
                guard effective.state != previous else { return nil }
                entry.effectiveSince = time
                return previous
            } ?? nil
            if let previous = change, let entry = entries[id] {
                rows.transitions.append(TransitionRecord(integrationID: id, at: time, from: previous, to: effective.state, reason: reason(of: entry)))
                changes.append(ShownChange(id: id, previous: previous))
            }
            rowIfChanged(id, into: &rows)
        }
        return changes
    }

    /// Queues the integration row when a field that matters after a restart changed.
    mutating func rowIfChanged(_ id: String, into rows: inout Rows) {
        let changed = entries.inPlace(id) { entry -> PersistedIntegration? in
            let fields = entry.storedFields
            guard fields != entry.stored else { return nil }
            entry.stored = fields
            return entry.persisted
        }
        if let row = changed ?? nil { rows.integrations[id] = row }
    }

    // MARK: Reloading

    /// Swaps in a new config: integrations whose probe and thresholds are the same keep their
    /// entry as it is (only the config it carries changes); changed ones start over, keeping the
    /// shown state until their check says otherwise; new ones start from `unknown`.
    mutating func reload(_ config: Config) -> ReloadSummary {
        var summary = ReloadSummary()
        var next = MonitoredEntries(minimumCapacity: config.integrations.count)
        for integration in config.integrations {
            guard var old = entries[integration.id] else {
                next[integration.id] = MonitoredIntegration(integration: integration, restoring: nil)
                summary.added.append(integration.id)
                continue
            }
            if old.integration.probe == integration.probe && old.integration.failureThreshold == integration.failureThreshold
                && old.integration.successThreshold == integration.successThreshold {
                old.integration = integration
                next[integration.id] = old
                summary.kept += 1
            } else {
                var fresh = MonitoredIntegration(integration: integration, restoring: nil)
                fresh.effective = old.effective
                fresh.effectiveSince = old.effectiveSince
                fresh.probeSeq = old.probeSeq
                next[integration.id] = fresh
                summary.changed.append(integration.id)
            }
        }
        summary.removed = order.filter { next[$0] == nil }
        entries = next
        order = config.integrations.map(\.id)
        heartbeatIDs = config.integrations.filter { $0.heartbeat != nil }.map(\.id)
        graph = DependencyGraph(config.integrations)
        heartbeatTokens = Self.tokens(of: config.integrations)
        return summary
    }
}
