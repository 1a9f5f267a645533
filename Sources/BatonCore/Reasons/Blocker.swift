/// An integration that blocks another (through `depends_on`), and its state when known.
public struct Blocker: Sendable, Hashable, Codable {
    public var id: String
    /// `down` or `stale`; `nil` where only the name is kept (an incident's reason).
    public var state: IntegrationState?

    public init(id: String, state: IntegrationState? = nil) {
        self.id = id
        self.state = state
    }

    /// `sfdc-api (down)`, or `sfdc-api`.
    public var compact: String {
        state.map { "\(id) (\($0.rawValue))" } ?? id
    }
}

extension Reason {
    /// `blocked by sfdc-api (down), consent-api (stale)`: each root cause with its own state
    /// (`unknown` when `states` lacks it).
    public static func blocked(by ids: [String], states: [String: IntegrationState]) -> Reason {
        .blocked(by: ids.map { Blocker(id: $0, state: states[$0] ?? .unknown) })
    }
}
