import struct Foundation.Date

/// Placeholder until the incident logic lands (see the API contract in the helper's brief).
public struct IncidentBook: Sendable {
    public static let defaultCooldown: Duration = .seconds(600)
    public private(set) var nextIncidentID: Int

    public init(config: Config, incidents: [Incident], conditions: [String: IntegrationCondition], nextIncidentID: Int, cooldown: Duration = IncidentBook.defaultCooldown) {
        self.nextIncidentID = nextIncidentID
    }

    public mutating func integrationChanged(_ integrationID: String, to condition: IntegrationCondition, from previous: IntegrationState, silence: SilenceVerdict?) -> [IncidentAction] { [] }
    public mutating func tick(at now: Date, silence: (String) -> SilenceVerdict?) -> [IncidentAction] { [] }
    public mutating func acknowledge(_ incidentID: Int, by user: String, note: String?, at time: Date) throws(AcknowledgeError) -> [IncidentAction] { [] }
    public mutating func apply(config: Config, at time: Date) -> [IncidentAction] { [] }
    public func openIncident(of integrationID: String) -> Incident? { nil }
    public var openIncidents: [Incident] { [] }
}

/// Why an acknowledgement was refused.
public enum AcknowledgeError: Error, Sendable, Equatable {
    case unknown(Int)
    case resolved(Int)
    case alreadyAcknowledged(Int, by: String)
}

/// An integration's shown state as the incident logic needs it.
public struct IntegrationCondition: Sendable, Equatable {
    public var state: IntegrationState
    public var reason: String
    public var since: Date
    /// Root causes when `state` is `blocked`.
    public var blockedBy: [String]

    public init(state: IntegrationState, reason: String, since: Date, blockedBy: [String] = []) {
        self.state = state
        self.reason = reason
        self.since = since
        self.blockedBy = blockedBy
    }
}
