/// A change the simulator applies by itself, some time after it starts.
///
/// ```yaml
/// timeline:
///   - { after: 90s, endpoint: consent-sync, set: { status: 503 } }
///   - { after: 3m, bucket: exports, key: "leads_{date}.csv", set: { age: 26h } }   # the export goes stale
///   - { after: 5m, bucket: exports, key: "leads_{date}.csv", remove: true }        # … or disappears
/// ```
public struct TimelineEvent: Decodable, Sendable, Equatable {
    /// What the event changes.
    public enum Change: Sendable, Equatable {
        /// Merges a patch into an endpoint's behaviour.
        case endpoint(String, EndpointPatch)
        /// Merges a patch into an S3 object (creating it, and its bucket, when new).
        case object(bucket: String, key: String, S3ObjectPatch)
        /// Removes an S3 object.
        case removeObject(bucket: String, key: String)
    }

    /// How long after ``Simulator/start()`` the change happens.
    public var after: Duration
    public var change: Change

    public init(after: Duration, change: Change) {
        self.after = after
        self.change = change
    }

    public init(after: Duration, endpoint: String, patch: EndpointPatch) {
        self.init(after: after, change: .endpoint(endpoint, patch))
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        guard let seconds = try container.decodeDurationIfPresent("after"), let seconds else {
            throw DecodingError.keyNotFound(AnyKey("after"), .init(codingPath: decoder.codingPath, debugDescription: "a timeline event needs `after:` (e.g. 90s)"))
        }
        after = .milliseconds(Int64((seconds * 1000).rounded()))
        if let bucket = try container.decodeIfPresent(String.self, forKey: "bucket") {
            let key = try container.decode(String.self, forKey: "key")
            if try container.decodeIfPresent(Bool.self, forKey: "remove") == true {
                change = .removeObject(bucket: bucket, key: key)
            } else {
                change = .object(bucket: bucket, key: key, try container.decode(S3ObjectPatch.self, forKey: "set"))
            }
        } else {
            let endpoint = try container.decode(String.self, forKey: "endpoint")
            change = .endpoint(endpoint, try container.decode(EndpointPatch.self, forKey: "set"))
        }
    }
}
