/// `POST /v1/integrations/{id}/check`: the verdict of a probe made on request, and why.
public struct CheckResult: Codable, Sendable, Equatable {
    public var id: String
    /// `pass`, `warn`, `stale` or `fail`.
    public var verdict: String
    public var reason: String
    /// Every rule evaluated, in order.
    public var findings: [CheckFinding]
    public var httpStatus: Int?
    public var latencyMs: Int?
    public var dataTimestamp: String?
    /// The integration's state after this probe was recorded.
    public var state: String
    public var checkedAt: String

    public init(id: String, verdict: String, reason: String, findings: [CheckFinding], httpStatus: Int?, latencyMs: Int?, dataTimestamp: String?, state: String, checkedAt: String) {
        self.id = id
        self.verdict = verdict
        self.reason = reason
        self.findings = findings
        self.httpStatus = httpStatus
        self.latencyMs = latencyMs
        self.dataTimestamp = dataTimestamp
        self.state = state
        self.checkedAt = checkedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, verdict, reason, findings, state
        case httpStatus = "http_status"
        case latencyMs = "latency_ms"
        case dataTimestamp = "data_timestamp"
        case checkedAt = "checked_at"
    }
}

/// One rule's outcome.
public struct CheckFinding: Codable, Sendable, Equatable {
    /// `pass`, `warn`, `stale` or `fail`.
    public var level: String
    public var text: String

    public init(level: String, text: String) {
        self.level = level
        self.text = text
    }
}
