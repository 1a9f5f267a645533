/// How one simulated integration endpoint answers its health checks.
///
/// Encoded with snake_case keys (`last_sync_age_seconds`, …), as the control API shows it.
public struct EndpointBehaviour: Codable, Sendable, Equatable {
    /// What the endpoint does with a request, beyond the plain answer.
    public enum Mode: String, Codable, Sendable, CaseIterable {
        /// Answer with ``EndpointBehaviour/status`` and a JSON health document.
        case normal
        /// Accept the request and never answer (until the client gives up).
        case hang
        /// Stream 1 GiB of JSON-ish bytes, chunked, generated as it goes.
        case huge
        /// `302` to itself, forever.
        case redirectLoop = "redirect_loop"
        /// An HTML page instead of JSON, with ``EndpointBehaviour/status``.
        case notJSON = "not_json"
        /// Close the connection without answering.
        case closeConnection = "close_connection"
    }

    /// How `last_sync` is written in the health document.
    public enum TimestampFormat: String, Codable, Sendable, CaseIterable {
        /// `2026-11-23T10:00:00Z`
        case rfc3339
        /// `2026-11-23T10:00:00.123Z`
        case rfc3339Fraction = "rfc3339_fraction"
        /// `1795428000` (a JSON number)
        case epochSeconds = "epoch_seconds"
        /// `1795428000123` (a JSON number)
        case epochMilliseconds = "epoch_milliseconds"
        /// `"yesterday"`: not a timestamp at all.
        case garbage
    }

    public var status: Int = 200
    /// Delay before answering.
    public var latencyMs: Int = 0
    /// `last_sync` is now minus this age; nil leaves the field out.
    public var lastSyncAgeSeconds: Double? = 60
    public var lastSyncFormat: TimestampFormat = .rfc3339
    /// The document's `status` field.
    public var jsonStatus: String = "ok"
    public var queueDepth: Int = 0
    /// When set, a `Last-Modified` header this many seconds in the past.
    public var lastModifiedAgeSeconds: Double?
    public var mode: Mode = .normal

    public init(
        status: Int = 200,
        latencyMs: Int = 0,
        lastSyncAgeSeconds: Double? = 60,
        lastSyncFormat: TimestampFormat = .rfc3339,
        jsonStatus: String = "ok",
        queueDepth: Int = 0,
        lastModifiedAgeSeconds: Double? = nil,
        mode: Mode = .normal
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

    enum CodingKeys: String, CodingKey {
        case status
        case latencyMs = "latency_ms"
        case lastSyncAgeSeconds = "last_sync_age_seconds"
        case lastSyncFormat = "last_sync_format"
        case jsonStatus = "json_status"
        case queueDepth = "queue_depth"
        case lastModifiedAgeSeconds = "last_modified_age_seconds"
        case mode
    }

    /// Decodes a full behaviour; missing keys keep their defaults, so any patch is a behaviour too.
    public init(from decoder: any Decoder) throws {
        self.init()
        try EndpointPatch(from: decoder).apply(to: &self)
    }

    /// Writes every key, `null` included, so the control API shows the whole behaviour.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(status, forKey: .status)
        try container.encode(latencyMs, forKey: .latencyMs)
        try container.encode(lastSyncAgeSeconds, forKey: .lastSyncAgeSeconds)
        try container.encode(lastSyncFormat, forKey: .lastSyncFormat)
        try container.encode(jsonStatus, forKey: .jsonStatus)
        try container.encode(queueDepth, forKey: .queueDepth)
        try container.encode(lastModifiedAgeSeconds, forKey: .lastModifiedAgeSeconds)
        try container.encode(mode, forKey: .mode)
    }
}

extension EndpointBehaviour.Mode {
    /// Accepts the Swift spelling too (`redirectLoop`), so hand-written JSON forgives.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let mode = Self.allCases.first(where: { $0.rawValue == text || "\($0)" == text }) else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: "unknown mode \(text.debugDescription); expected one of \(Self.allCases.map(\.rawValue).joined(separator: ", "))"
            ))
        }
        self = mode
    }
}

extension EndpointBehaviour.TimestampFormat {
    /// Accepts the Swift spelling too (`epochSeconds`).
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let format = Self.allCases.first(where: { $0.rawValue == text || "\($0)" == text }) else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: "unknown timestamp format \(text.debugDescription); expected one of \(Self.allCases.map(\.rawValue).joined(separator: ", "))"
            ))
        }
        self = format
    }
}
