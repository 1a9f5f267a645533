/// A partial change to an ``EndpointBehaviour``: only the fields present are changed.
///
/// Decodes both the control API's JSON (`{"status": 503, "last_sync_age_seconds": 7200}`)
/// and the scenario file's friendlier keys with human durations
/// (`{ status: 503, last_sync_age: 2h, latency: 300ms }`). `null` (or `none`) for an age
/// removes it. Unknown keys are an error, so a typo never passes silently.
public struct EndpointPatch: Decodable, Sendable, Equatable {
    public var status: Int?
    public var latencyMs: Int?
    /// `.some(nil)` removes `last_sync` from the document.
    public var lastSyncAgeSeconds: Double??
    public var lastSyncFormat: EndpointBehaviour.TimestampFormat?
    public var jsonStatus: String?
    public var queueDepth: Int?
    /// `.some(nil)` removes the `Last-Modified` header.
    public var lastModifiedAgeSeconds: Double??
    public var mode: EndpointBehaviour.Mode?

    public init(
        status: Int? = nil,
        latencyMs: Int? = nil,
        lastSyncAgeSeconds: Double?? = nil,
        lastSyncFormat: EndpointBehaviour.TimestampFormat? = nil,
        jsonStatus: String? = nil,
        queueDepth: Int? = nil,
        lastModifiedAgeSeconds: Double?? = nil,
        mode: EndpointBehaviour.Mode? = nil
    ) {
        self.status = status
        self.latencyMs = latencyMs
        self.lastSyncAgeSeconds = lastSyncAgeSeconds
        self.lastSyncFormat = lastSyncFormat
        self.jsonStatus = jsonStatus
        self.queueDepth = queueDepth
        self.lastModifiedAgeSeconds = lastModifiedAgeSeconds
        self.mode = mode
    }

    /// Every key the patch understands: the control API's and the scenario file's spellings.
    static let knownKeys: Set<String> = [
        "status", "latency_ms", "latency", "last_sync_age_seconds", "last_sync_age", "last_sync_format",
        "json_status", "queue_depth", "last_modified_age_seconds", "last_modified_age", "mode",
    ]

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        let unknown = container.allKeys.map(\.stringValue).filter { !Self.knownKeys.contains($0) }.sorted()
        if !unknown.isEmpty {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: "unknown endpoint field\(unknown.count == 1 ? "" : "s") \(unknown.joined(separator: ", ")); known: \(Self.knownKeys.sorted().joined(separator: ", "))"
            ))
        }
        status = try container.decodeIfPresent(Int.self, forKey: "status")
        if let ms = try container.decodeIfPresent(Int.self, forKey: "latency_ms") {
            latencyMs = ms
        } else if let latency = try container.decodeDurationIfPresent("latency"), let latency {
            latencyMs = Int((latency * 1000).rounded())
        }
        lastSyncAgeSeconds = try container.decodeDurationIfPresent("last_sync_age_seconds")
            ?? container.decodeDurationIfPresent("last_sync_age")
        lastSyncFormat = try container.decodeIfPresent(EndpointBehaviour.TimestampFormat.self, forKey: "last_sync_format")
        jsonStatus = try container.decodeIfPresent(String.self, forKey: "json_status")
        queueDepth = try container.decodeIfPresent(Int.self, forKey: "queue_depth")
        lastModifiedAgeSeconds = try container.decodeDurationIfPresent("last_modified_age_seconds")
            ?? container.decodeDurationIfPresent("last_modified_age")
        mode = try container.decodeIfPresent(EndpointBehaviour.Mode.self, forKey: "mode")
    }

    /// Changes the fields this patch carries.
    public func apply(to behaviour: inout EndpointBehaviour) {
        if let status { behaviour.status = status }
        if let latencyMs { behaviour.latencyMs = latencyMs }
        if let lastSyncAgeSeconds { behaviour.lastSyncAgeSeconds = lastSyncAgeSeconds }
        if let lastSyncFormat { behaviour.lastSyncFormat = lastSyncFormat }
        if let jsonStatus { behaviour.jsonStatus = jsonStatus }
        if let queueDepth { behaviour.queueDepth = queueDepth }
        if let lastModifiedAgeSeconds { behaviour.lastModifiedAgeSeconds = lastModifiedAgeSeconds }
        if let mode { behaviour.mode = mode }
    }

    /// The behaviour `base` becomes with this patch applied.
    public func applied(to base: EndpointBehaviour) -> EndpointBehaviour {
        var behaviour = base
        apply(to: &behaviour)
        return behaviour
    }
}

/// A coding key for any string, to see which keys a document holds.
struct AnyKey: CodingKey, ExpressibleByStringLiteral {
    var stringValue: String
    var intValue: Int? { nil }

    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
    init(stringLiteral value: String) { stringValue = value }
}

extension KeyedDecodingContainer where Key == AnyKey {
    /// Seconds from a number or a human duration (`90s`, `3h12m`); `.some(nil)` for `null` / `none`.
    func decodeDurationIfPresent(_ name: String) throws -> Double?? {
        let key = AnyKey(stringValue: name)
        guard contains(key) else { return nil }
        if try decodeNil(forKey: key) { return .some(nil) }
        if let seconds = try? decode(Double.self, forKey: key) { return .some(seconds) }
        let text = try decode(String.self, forKey: key)
        if text == "none" || text == "null" { return .some(nil) }
        guard let duration = HumanDuration.seconds(in: text) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self,
                debugDescription: "\(name) must be a duration like 500ms, 90s, 4m, 3h12m or 1d, not \(text.debugDescription)"
            )
        }
        return .some(duration)
    }
}
