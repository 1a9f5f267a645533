import BatonCore
import Foundation

/// What the daemon keeps of one integration across restarts.
public struct PersistedIntegration: Sendable, Equatable {
    public var id: String
    /// Own state (never `blocked`: that is derived from dependencies).
    public var state: IntegrationState
    public var reason: Reason
    public var since: Date?
    public var lastProbeAt: Date?
    public var dataTimestamp: Date?
    public var latencyMs: Int?
    public var httpStatus: Int?
    public var failStreak: Int
    public var okStreak: Int
    /// Sequence number of the last stored probe; probe rows are a ring indexed by it.
    public var probeSeq: Int64
    /// The state shown to operators last time, `blocked` included: transitions are logged against it.
    public var effectiveState: IntegrationState
    /// When the shown state was entered.
    public var effectiveSince: Date?
    /// When the integration first appeared in the config (read only; set by the store).
    public var firstSeen: Date?

    public init(
        id: String, state: IntegrationState, reason: Reason, since: Date?, lastProbeAt: Date?, dataTimestamp: Date?,
        latencyMs: Int?, httpStatus: Int?, failStreak: Int, okStreak: Int, probeSeq: Int64, effectiveState: IntegrationState,
        effectiveSince: Date?
    ) {
        self.id = id
        self.state = state
        self.reason = reason
        self.since = since
        self.lastProbeAt = lastProbeAt
        self.dataTimestamp = dataTimestamp
        self.latencyMs = latencyMs
        self.httpStatus = httpStatus
        self.failStreak = failStreak
        self.okStreak = okStreak
        self.probeSeq = probeSeq
        self.effectiveState = effectiveState
        self.effectiveSince = effectiveSince
    }
}

/// One probe result as stored.
public struct ProbeRecord: Sendable, Equatable {
    public var integrationID: String
    public var seq: Int64
    public var at: Date
    public var level: VerdictLevel
    public var httpStatus: Int?
    public var latencyMs: Int?
    public var reason: Reason
    public var errorKind: String?
    /// The freshness timestamp the answer carried.
    public var dataTimestamp: Date?

    public init(
        integrationID: String, seq: Int64, at: Date, level: VerdictLevel, httpStatus: Int?, latencyMs: Int?, reason: Reason,
        errorKind: String?, dataTimestamp: Date? = nil
    ) {
        self.integrationID = integrationID
        self.seq = seq
        self.at = at
        self.level = level
        self.httpStatus = httpStatus
        self.latencyMs = latencyMs
        self.reason = reason
        self.errorKind = errorKind
        self.dataTimestamp = dataTimestamp
    }
}

/// One change of an integration's shown state: the SLA figures are computed from these.
public struct TransitionRecord: Sendable, Equatable {
    public var integrationID: String
    public var at: Date
    public var from: IntegrationState
    public var to: IntegrationState
    public var reason: Reason

    public init(integrationID: String, at: Date, from: IntegrationState, to: IntegrationState, reason: Reason) {
        self.integrationID = integrationID
        self.at = at
        self.from = from
        self.to = to
        self.reason = reason
    }
}

/// Everything observed since the last write, stored in one transaction.
///
/// Integration rows are written only when their state or counters change; the details of
/// the last probe (time, latency, status, data timestamp) live in the probe rows, which
/// ``StateStore/loadIntegrations()`` reads back.
public struct StateBatch: Sendable {
    public var probes: [ProbeRecord] = []
    /// Latest snapshot per integration id.
    public var integrations: [String: PersistedIntegration] = [:]
    public var transitions: [TransitionRecord] = []
    /// Latest version of each changed incident, by id.
    public var incidents: [Int: Incident] = [:]
    public var events: [IncidentEvent] = []
    public var notices: [Notice] = []
    /// Latest version of each changed silence, by id.
    public var silences: [Int: Silence] = [:]

    public init() {}

    /// True when it holds something an operator or a receiver waits for: a state change,
    /// an incident change, a notice or a silence. Probe rows alone can wait for the next batch.
    public var isUrgent: Bool {
        !transitions.isEmpty || !incidents.isEmpty || !events.isEmpty || !notices.isEmpty || !silences.isEmpty
    }

    public var isEmpty: Bool {
        probes.isEmpty && integrations.isEmpty && transitions.isEmpty && incidents.isEmpty && events.isEmpty
            && notices.isEmpty && silences.isEmpty
    }

    /// Adds what the incident logic asked to store.
    public mutating func add(_ actions: [IncidentAction]) {
        for action in actions {
            switch action {
            case .save(let incident): incidents[incident.id] = incident
            case .record(let event): events.append(event)
            case .notify(let notice): notices.append(notice)
            }
        }
    }
}
