import struct Foundation.Date

/// An SLA breach of one integration, from opening to resolution, and how far it climbed.
public struct Incident: Sendable, Equatable, Identifiable {
    public enum Status: String, Sendable, Codable {
        case open
        case resolved
    }

    /// Small integer, shown as `#42`.
    public var id: Int
    public var integrationID: String
    /// The escalation policy in force when the incident opened; `nil` when none applies.
    public var policyID: String?
    public var status: Status
    public var openedAt: Date
    /// The breach state (`stale` or `down`) at opening, and the reason then.
    public var openingState: IntegrationState
    public var openingReason: Reason
    /// The latest breach state and reason while open.
    public var state: IntegrationState
    public var reason: Reason
    /// Policy steps fired so far (0…steps.count).
    public var stepsFired: Int
    /// Repeats of the last step fired so far.
    public var repeatsFired: Int
    public var acknowledgedBy: String?
    public var acknowledgedAt: Date?
    public var acknowledgementNote: String?
    public var resolvedAt: Date?
    /// Set while a flapping incident waits out the cool-down before it resolves.
    public var recoveringSince: Date?
    /// How often it re-opened after resolving; more than zero means it flaps.
    public var reopenCount: Int
    /// Channel ids notified so far, in the order they were first notified: "everyone notified".
    public var notifiedChannels: [String]
    /// What silences it right now (maintenance window or silence); escalation pauses meanwhile.
    public var silencedBy: String?
    /// Timeline entries so far; the next entry's sequence number.
    public var eventCount: Int

    public init(
        id: Int, integrationID: String, policyID: String?, status: Status = .open, openedAt: Date,
        openingState: IntegrationState, openingReason: Reason, state: IntegrationState? = nil, reason: Reason? = nil,
        stepsFired: Int = 0, repeatsFired: Int = 0, acknowledgedBy: String? = nil, acknowledgedAt: Date? = nil,
        acknowledgementNote: String? = nil, resolvedAt: Date? = nil, recoveringSince: Date? = nil, reopenCount: Int = 0,
        notifiedChannels: [String] = [], silencedBy: String? = nil, eventCount: Int = 0
    ) {
        self.id = id
        self.integrationID = integrationID
        self.policyID = policyID
        self.status = status
        self.openedAt = openedAt
        self.openingState = openingState
        self.openingReason = openingReason
        self.state = state ?? openingState
        self.reason = reason ?? openingReason
        self.stepsFired = stepsFired
        self.repeatsFired = repeatsFired
        self.acknowledgedBy = acknowledgedBy
        self.acknowledgedAt = acknowledgedAt
        self.acknowledgementNote = acknowledgementNote
        self.resolvedAt = resolvedAt
        self.recoveringSince = recoveringSince
        self.reopenCount = reopenCount
        self.notifiedChannels = notifiedChannels
        self.silencedBy = silencedBy
        self.eventCount = eventCount
    }

    public var isOpen: Bool { status == .open }
    public var isAcknowledged: Bool { acknowledgedBy != nil }
}

/// One entry of an incident's timeline.
public struct IncidentEvent: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case opened
        /// A policy step fired (`step` is 1-based).
        case escalated
        /// The last step fired again (`repeat_every`).
        case repeated
        case acknowledged
        /// The integration recovered while the incident flaps: it resolves after the cool-down.
        case recovering
        case resolved
        case reopened
        /// The integration changed between breach states, or became blocked, while the incident is open.
        case changed
        case silenced
        case unsilenced
    }

    public var incidentID: Int
    /// Position in the incident's timeline, from 0.
    public var sequence: Int
    public var at: Date
    public var kind: Kind
    /// The step concerned, for `escalated` and `repeated`.
    public var step: Int?
    /// Who acted (the Unix user, for acknowledgements).
    public var actor: String?
    /// The entry in plain words: `step 2: notified marketing-cio (mcio-teams)`.
    public var text: String

    public init(incidentID: Int, sequence: Int, at: Date, kind: Kind, step: Int? = nil, actor: String? = nil, text: String) {
        self.incidentID = incidentID
        self.sequence = sequence
        self.at = at
        self.kind = kind
        self.step = step
        self.actor = actor
        self.text = text
    }
}
