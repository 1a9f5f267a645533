/// `GET /v1/integrations/{id}`: one integration in depth.
public struct IntegrationDetail: Codable, Sendable, Equatable {
    public var status: IntegrationStatus
    public var check: CheckSummary?
    public var heartbeat: HeartbeatSummary?
    public var dependsOn: [String]
    public var failureThreshold: Int
    public var successThreshold: Int
    public var failStreak: Int
    public var okStreak: Int
    public var escalation: String?
    public var freshness: FreshnessFigures?
    /// Most recent first, at most 50.
    public var probes: [ProbeSummary]
    /// Most recent first.
    public var transitions: [TransitionSummary]
    /// The integration's incidents, most recent first, with timelines.
    public var incidents: [IncidentSummary]
    /// The server certificate last seen, for https checks.
    public var certificate: CertificateStatus?

    public init(
        status: IntegrationStatus, check: CheckSummary?, heartbeat: HeartbeatSummary?, dependsOn: [String],
        failureThreshold: Int, successThreshold: Int, failStreak: Int, okStreak: Int, escalation: String?,
        freshness: FreshnessFigures?, probes: [ProbeSummary], transitions: [TransitionSummary], incidents: [IncidentSummary] = []
    ) {
        self.status = status
        self.check = check
        self.heartbeat = heartbeat
        self.dependsOn = dependsOn
        self.failureThreshold = failureThreshold
        self.successThreshold = successThreshold
        self.failStreak = failStreak
        self.okStreak = okStreak
        self.escalation = escalation
        self.freshness = freshness
        self.probes = probes
        self.transitions = transitions
        self.incidents = incidents
    }

    enum CodingKeys: String, CodingKey {
        case status, check, heartbeat, escalation, freshness, probes, transitions, incidents, certificate
        case dependsOn = "depends_on"
        case failureThreshold = "failure_threshold"
        case successThreshold = "success_threshold"
        case failStreak = "fail_streak"
        case okStreak = "ok_streak"
    }
}

/// A server certificate: who it names, who issued it, and how long it has left.
public struct CertificateStatus: Codable, Sendable, Equatable {
    public var subject: String
    public var issuer: String
    /// RFC 3339, UTC.
    public var notBefore: String
    public var notAfter: String
    /// Whole days until `not_after` (negative once expired).
    public var daysLeft: Int

    public init(subject: String, issuer: String, notBefore: String, notAfter: String, daysLeft: Int) {
        self.subject = subject
        self.issuer = issuer
        self.notBefore = notBefore
        self.notAfter = notAfter
        self.daysLeft = daysLeft
    }

    enum CodingKeys: String, CodingKey {
        case subject, issuer
        case notBefore = "not_before"
        case notAfter = "not_after"
        case daysLeft = "days_left"
    }
}

/// A check's configuration, with secrets shown as `***`.
public struct CheckSummary: Codable, Sendable, Equatable {
    public var url: String
    public var method: String
    /// Header names; values are never shown.
    public var headers: [String]
    public var intervalSeconds: Double
    public var timeoutSeconds: Double
    /// Each rule in words: `status 200`, `latency at most 2s`, `/status equals "ok"`.
    public var rules: [String]

    public init(url: String, method: String, headers: [String], intervalSeconds: Double, timeoutSeconds: Double, rules: [String]) {
        self.url = url
        self.method = method
        self.headers = headers
        self.intervalSeconds = intervalSeconds
        self.timeoutSeconds = timeoutSeconds
        self.rules = rules
    }

    enum CodingKeys: String, CodingKey {
        case url, method, headers, rules
        case intervalSeconds = "interval_seconds"
        case timeoutSeconds = "timeout_seconds"
    }
}

/// A heartbeat's configuration; the token is never shown.
public struct HeartbeatSummary: Codable, Sendable, Equatable {
    public var periodSeconds: Double
    public var graceSeconds: Double

    public init(periodSeconds: Double, graceSeconds: Double) {
        self.periodSeconds = periodSeconds
        self.graceSeconds = graceSeconds
    }

    enum CodingKeys: String, CodingKey {
        case periodSeconds = "period_seconds"
        case graceSeconds = "grace_seconds"
    }
}

/// Where the integration's data age comes from and how old it is.
public struct FreshnessFigures: Codable, Sendable, Equatable {
    /// `pointer /last_sync` or `header Last-Modified`.
    public var source: String
    public var dataTimestamp: String?
    public var ageSeconds: Int?
    public var warnAfterSeconds: Double?
    public var errorAfterSeconds: Double

    public init(source: String, dataTimestamp: String?, ageSeconds: Int?, warnAfterSeconds: Double?, errorAfterSeconds: Double) {
        self.source = source
        self.dataTimestamp = dataTimestamp
        self.ageSeconds = ageSeconds
        self.warnAfterSeconds = warnAfterSeconds
        self.errorAfterSeconds = errorAfterSeconds
    }

    enum CodingKeys: String, CodingKey {
        case source
        case dataTimestamp = "data_timestamp"
        case ageSeconds = "age_seconds"
        case warnAfterSeconds = "warn_after_seconds"
        case errorAfterSeconds = "error_after_seconds"
    }
}

/// One stored probe result.
public struct ProbeSummary: Codable, Sendable, Equatable {
    public var at: String
    /// `pass`, `warn`, `stale` or `fail`.
    public var verdict: String
    public var httpStatus: Int?
    public var latencyMs: Int?
    public var reason: String

    public init(at: String, verdict: String, httpStatus: Int?, latencyMs: Int?, reason: String) {
        self.at = at
        self.verdict = verdict
        self.httpStatus = httpStatus
        self.latencyMs = latencyMs
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
        case at, verdict, reason
        case httpStatus = "http_status"
        case latencyMs = "latency_ms"
    }
}

/// One change of state.
public struct TransitionSummary: Codable, Sendable, Equatable {
    public var at: String
    public var from: String
    public var to: String
    public var reason: String

    public init(at: String, from: String, to: String, reason: String) {
        self.at = at
        self.from = from
        self.to = to
        self.reason = reason
    }
}
