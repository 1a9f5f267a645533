/// A behaviour change the simulator applies by itself, some time after it starts.
public struct TimelineEvent: Decodable, Sendable, Equatable {
    /// How long after ``Simulator/start()`` the change happens.
    public var after: Duration
    public var endpoint: String
    public var patch: EndpointPatch

    public init(after: Duration, endpoint: String, patch: EndpointPatch) {
        self.after = after
        self.endpoint = endpoint
        self.patch = patch
    }

    enum CodingKeys: String, CodingKey {
        case after, endpoint
        case patch = "set"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        guard let seconds = try container.decodeDurationIfPresent("after"), let seconds else {
            throw DecodingError.keyNotFound(AnyKey("after"), .init(codingPath: decoder.codingPath, debugDescription: "a timeline event needs `after:` (e.g. 90s)"))
        }
        after = .milliseconds(Int64((seconds * 1000).rounded()))
        endpoint = try container.decode(String.self, forKey: "endpoint")
        patch = try container.decode(EndpointPatch.self, forKey: "set")
    }
}
