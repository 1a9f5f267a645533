/// `GET /v1/silences`.
public struct SilencesResponse: Codable, Sendable, Equatable {
    public var silences: [SilenceSummary]

    public init(silences: [SilenceSummary]) {
        self.silences = silences
    }
}

/// An ad-hoc maintenance window.
public struct SilenceSummary: Codable, Sendable, Equatable {
    public var id: Int
    public var integrations: [String]
    public var tags: [String]
    public var owners: [String]
    public var reason: String
    public var createdBy: String
    public var createdAt: String
    public var endsAt: String
    /// `active`, `expired` or `removed`.
    public var status: String
    /// Configured integrations it covers.
    public var matches: [String]

    public init(
        id: Int, integrations: [String], tags: [String], owners: [String], reason: String, createdBy: String,
        createdAt: String, endsAt: String, status: String, matches: [String]
    ) {
        self.id = id
        self.integrations = integrations
        self.tags = tags
        self.owners = owners
        self.reason = reason
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.endsAt = endsAt
        self.status = status
        self.matches = matches
    }

    enum CodingKeys: String, CodingKey {
        case id, integrations, tags, owners, reason, status, matches
        case createdBy = "created_by"
        case createdAt = "created_at"
        case endsAt = "ends_at"
    }
}

/// The body of `POST /v1/silences`: exactly one of integration, tag or owner; the user comes from the socket.
public struct SilenceRequest: Codable, Sendable, Equatable {
    public var integration: String?
    public var tag: String?
    public var owner: String?
    /// A duration such as `2h` or `30m`.
    public var duration: String
    public var reason: String

    public init(integration: String?, tag: String?, owner: String?, duration: String, reason: String) {
        self.integration = integration
        self.tag = tag
        self.owner = owner
        self.duration = duration
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
        case integration, tag, owner, reason
        case duration = "for"
    }
}
