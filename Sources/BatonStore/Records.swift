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
    /// What became of notices sent since the last batch, in the order it happened.
    public var deliveries: [DeliveryRecord] = []
    /// Integrations no longer in the config, marked after everything else in this batch.
    public var removal: RemovalMark?
    /// The daemon run to mark alive until this time (SLA figures count gaps between runs as unknown).
    public var runAlive: RunAlive?
    /// Requests from standbys the leader applied (PostgreSQL only).
    public var requestsDone: [RequestOutcome] = []

    public init() {}

    /// True when it holds something an operator or a receiver waits for: a state change,
    /// an incident change, a notice, a silence or a delivery. Probe rows alone can wait for the next batch.
    public var isUrgent: Bool {
        !transitions.isEmpty || !incidents.isEmpty || !events.isEmpty || !notices.isEmpty || !silences.isEmpty
            || !deliveries.isEmpty || removal != nil || !requestsDone.isEmpty
    }

    public var isEmpty: Bool {
        probes.isEmpty && integrations.isEmpty && transitions.isEmpty && incidents.isEmpty && events.isEmpty
            && notices.isEmpty && silences.isEmpty && deliveries.isEmpty && removal == nil && runAlive == nil && requestsDone.isEmpty
    }

    /// Rows a write failure must never lose: everything but probe rows and integration snapshots,
    /// which later ones replace.
    public var keptRowCount: Int {
        transitions.count + incidents.count + events.count + notices.count + silences.count + deliveries.count
    }

    /// True when `later` can be folded into this batch and stored in the same order: neither
    /// marks removed integrations (a removal must come after exactly the rows recorded before it).
    public func canAbsorb(_ later: StateBatch) -> Bool {
        removal == nil && later.removal == nil
    }

    /// Folds a later batch into this one: lists keep their order, snapshots keep the latest.
    public mutating func absorb(_ later: StateBatch) {
        probes += later.probes
        integrations.merge(later.integrations) { _, newer in newer }
        transitions += later.transitions
        incidents.merge(later.incidents) { _, newer in newer }
        events += later.events
        notices += later.notices
        silences.merge(later.silences) { _, newer in newer }
        deliveries += later.deliveries
        requestsDone += later.requestsDone
        runAlive = later.runAlive ?? runAlive
    }

    /// Drops all but the newest probe row of each integration: while storage fails, memory must
    /// stay bounded, and the probe ring is history that may be thinned (transitions may not).
    public mutating func thinProbes() {
        var newest: [String: Int] = [:]
        for (index, probe) in probes.enumerated() { newest[probe.integrationID] = index }
        let keep = Set(newest.values)
        probes = probes.enumerated().filter { keep.contains($0.offset) }.map(\.element)
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

/// What became of one notice's delivery (or a channel's), stored in order with the rest.
public enum DeliveryRecord: Sendable, Equatable {
    case delivered(noticeID: Int64, attempts: Int, at: Date)
    case retry(noticeID: Int64, attempts: Int, next: Date, error: String)
    /// Kept as a dead letter: never sent again, still listed with why.
    case dead(noticeID: Int64, attempts: Int, error: String)
    /// The channel's receiver answered 410 Gone: its pending notices become dead letters.
    case disableChannel(channelID: String, urlFingerprint: String, reason: String, at: Date)
    /// A disabled channel's URL changed.
    case enableChannel(channelID: String)
    /// These pending notices go out together as one message under `key`, saying "and `more` more".
    case grouped(key: String, channelID: String, noticeIDs: [Int64], more: Int, at: Date)

    /// The notice it is about, if any.
    public var noticeID: Int64? {
        switch self {
        case .delivered(let id, _, _), .retry(let id, _, _, _), .dead(let id, _, _): id
        case .disableChannel, .enableChannel, .grouped: nil
        }
    }
}

/// Marks every integration not in `keeping` as removed from the config at `at`.
public struct RemovalMark: Sendable, Equatable {
    public var keeping: Set<String>
    public var at: Date

    public init(keeping: Set<String>, at: Date) {
        self.keeping = keeping
        self.at = at
    }
}

/// Extends a daemon run's record to `at`.
public struct RunAlive: Sendable, Equatable {
    public var run: Int64
    public var at: Date

    public init(run: Int64, at: Date) {
        self.run = run
        self.at = at
    }
}
