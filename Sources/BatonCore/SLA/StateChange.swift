import struct Foundation.Date

/// An integration's own state moving from one value to another, and why.
public struct StateChange: Sendable, Equatable {
    public var from: IntegrationState
    public var to: IntegrationState
    /// The reason of the verdict that caused the change.
    public var reason: Reason
    public var at: Date

    public init(from: IntegrationState, to: IntegrationState, reason: Reason, at: Date) {
        self.from = from
        self.to = to
        self.reason = reason
        self.at = at
    }
}
