import struct Foundation.Date

/// An ad-hoc maintenance window made from the CLI: `baton silence add --tag crm --for 2h --reason …`.
public struct Silence: Sendable, Equatable, Identifiable {
    public var id: Int
    public var matcher: IntegrationMatcher
    public var reason: String
    /// The Unix user who made it.
    public var createdBy: String
    public var createdAt: Date
    public var endsAt: Date
    /// Set when removed before its end (`baton silence rm`).
    public var removedAt: Date?

    public init(id: Int, matcher: IntegrationMatcher, reason: String, createdBy: String, createdAt: Date, endsAt: Date, removedAt: Date? = nil) {
        self.id = id
        self.matcher = matcher
        self.reason = reason
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.endsAt = endsAt
        self.removedAt = removedAt
    }

    /// In force at `time`.
    public func isActive(at time: Date) -> Bool {
        removedAt == nil && createdAt <= time && time < endsAt
    }
}

/// Why an integration is silenced right now, and until when.
public struct SilenceVerdict: Sendable, Equatable {
    /// `maintenance: vendor maintenance (until 04:00)` or `silence #3 by alice: vendor ticket 1234`.
    public var description: String
    public var until: Date

    public init(description: String, until: Date) {
        self.description = description
        self.until = until
    }
}

/// What the incident logic asks the daemon to store (and, for notices, later deliver),
/// all in the same transaction as the state change that caused them.
public enum IncidentAction: Sendable, Equatable {
    /// Insert or update the incident row.
    case save(Incident)
    case record(IncidentEvent)
    case notify(Notice)
}
