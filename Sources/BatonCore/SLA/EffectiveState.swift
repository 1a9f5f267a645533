/// The state shown for an integration once its dependencies are taken into account.
public struct EffectiveState: Sendable, Equatable {
    /// The own state, or ``IntegrationState/blocked`` when a dependency is stale or down.
    public var state: IntegrationState
    /// Root causes of a block: the stale or down integrations, sorted; empty otherwise.
    public var blockedBy: [String]

    public init(state: IntegrationState, blockedBy: [String] = []) {
        self.state = state
        self.blockedBy = blockedBy
    }
}
