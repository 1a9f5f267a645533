import struct Foundation.Date

/// An integration's shown state as the incident logic needs it.
public struct IntegrationCondition: Sendable, Equatable {
    public var state: IntegrationState
    public var reason: Reason
    /// When the integration entered `state`: the book takes a change to happen at this time.
    public var since: Date
    /// Root causes when `state` is `blocked`.
    public var blockedBy: [String]

    public init(state: IntegrationState, reason: Reason, since: Date, blockedBy: [String] = []) {
        self.state = state
        self.reason = reason
        self.since = since
        self.blockedBy = blockedBy
    }

    /// The reason as an incident keeps it: `blocked by sfdc-api` (names only, states change
    /// without the incident hearing of it) while blocked, the condition's own reason otherwise.
    var incidentReason: Reason {
        if state == .blocked, !blockedBy.isEmpty { return .blocked(by: blockedBy.map { Blocker(id: $0) }) }
        return reason
    }
}
