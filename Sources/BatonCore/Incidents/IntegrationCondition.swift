import struct Foundation.Date

/// An integration's shown state as the incident logic needs it.
public struct IntegrationCondition: Sendable, Equatable {
    public var state: IntegrationState
    public var reason: String
    /// When the integration entered `state`: the book takes a change to happen at this time.
    public var since: Date
    /// Root causes when `state` is `blocked`.
    public var blockedBy: [String]

    public init(state: IntegrationState, reason: String, since: Date, blockedBy: [String] = []) {
        self.state = state
        self.reason = reason
        self.since = since
        self.blockedBy = blockedBy
    }

    /// The reason as an incident keeps it: `blocked by sfdc-api` while blocked, the condition's own reason otherwise.
    var incidentReason: String {
        if state == .blocked, !blockedBy.isEmpty { return "blocked by " + blockedBy.joined(separator: ", ") }
        return reason
    }
}
