/// `GET /v1/incidents?state=open|all`.
public struct IncidentsResponse: Codable, Sendable, Equatable {
    public var incidents: [IncidentSummary]

    public init(incidents: [IncidentSummary]) {
        self.incidents = incidents
    }
}

/// One incident with its timeline and the notices it produced.
public struct IncidentSummary: Codable, Sendable, Equatable {
    public var id: Int
    public var integration: String
    public var name: String
    public var owner: String
    /// `open` or `resolved`.
    public var status: String
    /// The breach state now (`stale`, `down`), or at resolution.
    public var state: String
    public var reason: String
    public var openedAt: String
    public var resolvedAt: String?
    /// Policy steps fired so far, and how many the policy has.
    public var step: Int
    public var steps: Int
    public var acknowledgedBy: String?
    public var acknowledgedAt: String?
    public var note: String?
    public var durationSeconds: Int?
    public var reopenCount: Int
    public var silencedBy: String?
    public var notifiedChannels: [String]
    /// Integrations shown `blocked` because of this one.
    public var blocks: [String]
    public var timeline: [TimelineEntry]
    public var notices: [NoticeSummary]

    public init(
        id: Int, integration: String, name: String, owner: String, status: String, state: String, reason: String,
        openedAt: String, resolvedAt: String?, step: Int, steps: Int, acknowledgedBy: String?, acknowledgedAt: String?,
        note: String?, durationSeconds: Int?, reopenCount: Int, silencedBy: String?, notifiedChannels: [String],
        blocks: [String] = [], timeline: [TimelineEntry], notices: [NoticeSummary]
    ) {
        self.id = id
        self.integration = integration
        self.name = name
        self.owner = owner
        self.status = status
        self.state = state
        self.reason = reason
        self.openedAt = openedAt
        self.resolvedAt = resolvedAt
        self.step = step
        self.steps = steps
        self.acknowledgedBy = acknowledgedBy
        self.acknowledgedAt = acknowledgedAt
        self.note = note
        self.durationSeconds = durationSeconds
        self.reopenCount = reopenCount
        self.silencedBy = silencedBy
        self.notifiedChannels = notifiedChannels
        self.blocks = blocks
        self.timeline = timeline
        self.notices = notices
    }

    enum CodingKeys: String, CodingKey {
        case id, integration, name, owner, status, state, reason, step, steps, note, timeline, notices, blocks
        case openedAt = "opened_at"
        case resolvedAt = "resolved_at"
        case acknowledgedBy = "acknowledged_by"
        case acknowledgedAt = "acknowledged_at"
        case durationSeconds = "duration_seconds"
        case reopenCount = "reopen_count"
        case silencedBy = "silenced_by"
        case notifiedChannels = "notified_channels"
    }

    // Every key present, nulls included: scripts can rely on the shape.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(integration, forKey: .integration)
        try container.encode(name, forKey: .name)
        try container.encode(owner, forKey: .owner)
        try container.encode(status, forKey: .status)
        try container.encode(state, forKey: .state)
        try container.encode(reason, forKey: .reason)
        try container.encode(openedAt, forKey: .openedAt)
        try container.encode(resolvedAt, forKey: .resolvedAt)
        try container.encode(step, forKey: .step)
        try container.encode(steps, forKey: .steps)
        try container.encode(acknowledgedBy, forKey: .acknowledgedBy)
        try container.encode(acknowledgedAt, forKey: .acknowledgedAt)
        try container.encode(note, forKey: .note)
        try container.encode(durationSeconds, forKey: .durationSeconds)
        try container.encode(reopenCount, forKey: .reopenCount)
        try container.encode(silencedBy, forKey: .silencedBy)
        try container.encode(notifiedChannels, forKey: .notifiedChannels)
        try container.encode(blocks, forKey: .blocks)
        try container.encode(timeline, forKey: .timeline)
        try container.encode(notices, forKey: .notices)
    }
}

/// One entry of an incident's timeline.
public struct TimelineEntry: Codable, Sendable, Equatable {
    public var at: String
    /// `opened`, `escalated`, `repeated`, `acknowledged`, `recovering`, `resolved`, `reopened`, `changed`, `silenced`, `unsilenced`.
    public var kind: String
    public var step: Int?
    public var actor: String?
    public var text: String

    public init(at: String, kind: String, step: Int?, actor: String?, text: String) {
        self.at = at
        self.kind = kind
        self.step = step
        self.actor = actor
        self.text = text
    }
}

/// One stored notice: to which channel, what it said, and whether it was delivered.
public struct NoticeSummary: Codable, Sendable, Equatable {
    /// The idempotency key, sent as `webhook-id`.
    public var key: String
    public var kind: String
    public var channel: String
    public var createdAt: String
    /// `pending`, `delivered` or `dead`.
    public var status: String
    public var attempts: Int
    public var headline: String
    public var lastError: String?

    public init(key: String, kind: String, channel: String, createdAt: String, status: String, attempts: Int, headline: String, lastError: String?) {
        self.key = key
        self.kind = kind
        self.channel = channel
        self.createdAt = createdAt
        self.status = status
        self.attempts = attempts
        self.headline = headline
        self.lastError = lastError
    }

    enum CodingKeys: String, CodingKey {
        case key, kind, channel, status, attempts, headline
        case createdAt = "created_at"
        case lastError = "last_error"
    }
}

/// The body of `POST /v1/incidents/{id}/ack`; the acknowledging user comes from the socket.
public struct AcknowledgeRequest: Codable, Sendable, Equatable {
    public var note: String?

    public init(note: String?) {
        self.note = note
    }
}
