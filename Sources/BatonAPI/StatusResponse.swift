/// `GET /v1/status`: one entry per configured integration, and a count per state.
public struct StatusResponse: Codable, Sendable, Equatable {
    public var integrations: [IntegrationStatus]
    public var summary: StateSummary
    /// When the daemon produced this answer (RFC 3339, UTC).
    public var generatedAt: String
    /// The last reload's error, while the daemon keeps running the previous config.
    public var configError: String?
    /// Notice delivery: pending, dead letters, disabled channels.
    public var delivery: DeliveryStatus?
    /// Which node answered, and which leads.
    public var cluster: ClusterStatus?
    /// What is wrong with the daemon's own pipeline (storage failing, deliveries failing for
    /// more than 10 minutes, a channel disabled); empty when it is healthy.
    public var warnings: [String]

    public init(
        integrations: [IntegrationStatus], summary: StateSummary, generatedAt: String, configError: String? = nil, delivery: DeliveryStatus? = nil,
        cluster: ClusterStatus? = nil, warnings: [String] = []
    ) {
        self.integrations = integrations
        self.summary = summary
        self.generatedAt = generatedAt
        self.configError = configError
        self.delivery = delivery
        self.cluster = cluster
        self.warnings = warnings
    }

    enum CodingKeys: String, CodingKey {
        case integrations, summary, delivery, cluster, warnings
        case generatedAt = "generated_at"
        case configError = "config_error"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        integrations = try container.decode([IntegrationStatus].self, forKey: .integrations)
        summary = try container.decode(StateSummary.self, forKey: .summary)
        generatedAt = try container.decode(String.self, forKey: .generatedAt)
        configError = try container.decodeIfPresent(String.self, forKey: .configError)
        delivery = try container.decodeIfPresent(DeliveryStatus.self, forKey: .delivery)
        cluster = try container.decodeIfPresent(ClusterStatus.self, forKey: .cluster)
        warnings = try container.decodeIfPresent([String].self, forKey: .warnings) ?? []
    }
}

/// `cluster` in `GET /v1/status`: this node, the leader, since when, and this node's role.
public struct ClusterStatus: Codable, Sendable, Equatable {
    public var node: String
    /// The leading node; `nil` while nobody holds the lease.
    public var leader: String?
    /// RFC 3339, UTC.
    public var leaderSince: String?
    /// `leader` or `standby`.
    public var role: String
    /// True when nodes share the state (PostgreSQL); false for SQLite's single node.
    public var shared: Bool

    public init(node: String, leader: String?, leaderSince: String?, role: String, shared: Bool) {
        self.node = node
        self.leader = leader
        self.leaderSince = leaderSince
        self.role = role
        self.shared = shared
    }

    enum CodingKeys: String, CodingKey {
        case node, leader, role, shared
        case leaderSince = "leader_since"
    }
}

/// How many integrations are in each state.
public struct StateSummary: Codable, Sendable, Equatable {
    public var healthy = 0
    public var degraded = 0
    public var stale = 0
    public var down = 0
    public var unknown = 0
    public var blocked = 0

    public init() {}

    /// Counts one more integration in `state` (a state name of SPEC.md).
    public mutating func count(_ state: String) {
        switch state {
        case "healthy": healthy += 1
        case "degraded": degraded += 1
        case "stale": stale += 1
        case "down": down += 1
        case "blocked": blocked += 1
        default: unknown += 1
        }
    }

    /// Integrations counted, in every state.
    public var total: Int { healthy + degraded + stale + down + unknown + blocked }

    /// Adds the counts of `other`.
    public mutating func add(_ other: StateSummary) {
        healthy += other.healthy
        degraded += other.degraded
        stale += other.stale
        down += other.down
        unknown += other.unknown
        blocked += other.blocked
    }

    /// The states with at least one integration in them.
    public var presentStates: [String] {
        Self.names.filter { self[$0] > 0 }
    }

    // MARK: The `Baton-State-Counts` header

    /// The header `GET /v1/status` sends the answer's summary in, so that `baton status --json`
    /// takes its exit code from it without reading megabytes of JSON for the states.
    public static let headerName = "Baton-State-Counts"

    static let names = ["healthy", "degraded", "stale", "down", "unknown", "blocked"]

    subscript(name: String) -> Int {
        switch name {
        case "healthy": healthy
        case "degraded": degraded
        case "stale": stale
        case "down": down
        case "blocked": blocked
        default: unknown
        }
    }

    /// `healthy=12, degraded=1, stale=1, down=0, unknown=0, blocked=0` (a structured-field dictionary).
    public var headerValue: String {
        Self.names.map { "\($0)=\(self[$0])" }.joined(separator: ", ")
    }

    /// Reads ``headerValue``: `nil` unless each of the six states is there once, with a count of
    /// at most nine digits, and nothing else is.
    public init?(headerValue: String) {
        var seen = Set<String>()
        for member in headerValue.split(separator: ",", omittingEmptySubsequences: false) {
            let parts = member.split(separator: "=", omittingEmptySubsequences: false)
            guard parts.count == 2 else { return nil }
            let name = String(parts[0].drop { $0 == " " })
            let digits = parts[1]
            guard Self.names.contains(name), seen.insert(name).inserted, (1...9).contains(digits.count),
                  digits.utf8.allSatisfy({ (48...57).contains($0) }), let value = Int(digits)
            else { return nil }
            switch name {
            case "healthy": healthy = value
            case "degraded": degraded = value
            case "stale": stale = value
            case "down": down = value
            case "blocked": blocked = value
            default: unknown = value
            }
        }
        guard seen.count == Self.names.count else { return nil }
    }
}

/// One integration's line in the status.
public struct IntegrationStatus: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var owner: String
    public var accountable: String?
    public var tools: [String]
    public var tags: [String]
    public var journey: [String]
    /// `unknown`, `healthy`, `degraded`, `stale`, `down` or `blocked`.
    public var state: String
    /// Covered by a maintenance window or a silence.
    public var silenced: Bool
    /// The state's reason in plain words.
    public var reason: String
    /// When the integration entered `state` (RFC 3339), if known.
    public var since: String?
    public var lastProbeAt: String?
    /// Age of the integration's data (freshness timestamp) at the time of the answer.
    public var dataAgeSeconds: Int?
    public var latencyMs: Int?
    /// Upstream integrations that are stale or down, when `state` is `blocked`.
    public var blockedBy: [String]
    public var incident: IncidentRef?
    public var sla: SLAFigures?

    public init(
        id: String, name: String, owner: String, accountable: String?, tools: [String], tags: [String],
        journey: [String], state: String, silenced: Bool, reason: String, since: String?, lastProbeAt: String?,
        dataAgeSeconds: Int?, latencyMs: Int?, blockedBy: [String], incident: IncidentRef?, sla: SLAFigures?
    ) {
        self.id = id
        self.name = name
        self.owner = owner
        self.accountable = accountable
        self.tools = tools
        self.tags = tags
        self.journey = journey
        self.state = state
        self.silenced = silenced
        self.reason = reason
        self.since = since
        self.lastProbeAt = lastProbeAt
        self.dataAgeSeconds = dataAgeSeconds
        self.latencyMs = latencyMs
        self.blockedBy = blockedBy
        self.incident = incident
        self.sla = sla
    }

    enum CodingKeys: String, CodingKey {
        case id, name, owner, accountable, tools, tags, journey, state, silenced, reason, since, incident, sla
        case lastProbeAt = "last_probe_at"
        case dataAgeSeconds = "data_age_seconds"
        case latencyMs = "latency_ms"
        case blockedBy = "blocked_by"
    }

    // Optional fields are written as explicit nulls: scripts can rely on every key being present.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(owner, forKey: .owner)
        try container.encode(accountable, forKey: .accountable)
        try container.encode(tools, forKey: .tools)
        try container.encode(tags, forKey: .tags)
        try container.encode(journey, forKey: .journey)
        try container.encode(state, forKey: .state)
        try container.encode(silenced, forKey: .silenced)
        try container.encode(reason, forKey: .reason)
        try container.encode(since, forKey: .since)
        try container.encode(lastProbeAt, forKey: .lastProbeAt)
        try container.encode(dataAgeSeconds, forKey: .dataAgeSeconds)
        try container.encode(latencyMs, forKey: .latencyMs)
        try container.encode(blockedBy, forKey: .blockedBy)
        try container.encode(incident, forKey: .incident)
        try container.encode(sla, forKey: .sla)
    }
}

/// The open incident of an integration, as shown in its status line.
public struct IncidentRef: Codable, Sendable, Equatable {
    public var id: Int
    /// The escalation step reached (1-based).
    public var step: Int
    public var acknowledgedBy: String?

    public init(id: Int, step: Int, acknowledgedBy: String?) {
        self.id = id
        self.step = step
        self.acknowledgedBy = acknowledgedBy
    }

    enum CodingKeys: String, CodingKey {
        case id, step
        case acknowledgedBy = "acknowledged_by"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(step, forKey: .step)
        try container.encode(acknowledgedBy, forKey: .acknowledgedBy)
    }
}

/// An integration's SLA: the target, and the attainment once it is measured.
public struct SLAFigures: Codable, Sendable, Equatable {
    /// Target availability in percent, e.g. 99.5.
    public var target: Double
    /// Window the target applies to, e.g. `30d`.
    public var window: String
    /// Measured availability in percent over the window; `nil` until measured.
    public var attainment: Double?

    public init(target: Double, window: String, attainment: Double?) {
        self.target = target
        self.window = window
        self.attainment = attainment
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(target, forKey: .target)
        try container.encode(window, forKey: .window)
        try container.encode(attainment, forKey: .attainment)
    }
}
