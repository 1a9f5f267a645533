import struct Foundation.Date

/// The shared numbers: SLA attainment, breaches, MTTA and MTTR per integration and per
/// owner, tool and journey stage, over one window. `GET /v1/report` returns it as JSON and
/// every CLI format renders it, so all of them show the same figures.
///
/// Definitions are in docs/sla.md. Every key is always present (`null` when a figure does
/// not apply), so scripts can rely on the shape.
public struct SLAReport: Sendable, Equatable, Codable {
    /// When the report was computed (the window's end), RFC 3339 UTC.
    public var generatedAt: String
    public var windowStart: String
    public var windowEnd: String
    public var windowSeconds: Double
    /// Worst offenders first (see ``SLACalculator``).
    public var integrations: [IntegrationFigures]
    public var owners: [GroupFigures]
    public var tools: [GroupFigures]
    public var journeyStages: [GroupFigures]
    /// Every integration together.
    public var total: GroupFigures

    public init(
        generatedAt: String, windowStart: String, windowEnd: String, windowSeconds: Double, integrations: [IntegrationFigures],
        owners: [GroupFigures], tools: [GroupFigures], journeyStages: [GroupFigures], total: GroupFigures
    ) {
        self.generatedAt = generatedAt
        self.windowStart = windowStart
        self.windowEnd = windowEnd
        self.windowSeconds = windowSeconds
        self.integrations = integrations
        self.owners = owners
        self.tools = tools
        self.journeyStages = journeyStages
        self.total = total
    }

    enum CodingKeys: String, CodingKey {
        case generatedAt = "generated_at"
        case windowStart = "window_start"
        case windowEnd = "window_end"
        case windowSeconds = "window_seconds"
        case integrations, owners, tools
        case journeyStages = "journey_stages"
        case total
    }
}

/// How the time of one integration (or a group) inside the window was spent, in seconds.
///
/// The four parts add up to ``measured``: every second is counted once, in the first that
/// applies of unknown (nothing was observed), silenced, breach (stale or down), up.
public struct TimeSplit: Sendable, Equatable, Codable {
    /// The part of the window in which the integration existed.
    public var measured: Double
    /// Healthy, degraded or blocked, and not silenced.
    public var up: Double
    /// Stale or down, and not silenced.
    public var breach: Double
    /// Covered by a silence or maintenance window: excluded from attainment, shown here.
    public var silenced: Double
    /// The daemon was not running or had not probed yet: neither up nor down.
    public var unknown: Double

    public init(measured: Double = 0, up: Double = 0, breach: Double = 0, silenced: Double = 0, unknown: Double = 0) {
        self.measured = measured
        self.up = up
        self.breach = breach
        self.silenced = silenced
        self.unknown = unknown
    }

    /// Share of the observed, unsilenced time that was not a breach, in percent; `nil` when there was none.
    public var attainment: Double? {
        let counted = up + breach
        return counted > 0 ? up / counted * 100 : nil
    }

    public static func + (lhs: TimeSplit, rhs: TimeSplit) -> TimeSplit {
        TimeSplit(
            measured: lhs.measured + rhs.measured, up: lhs.up + rhs.up, breach: lhs.breach + rhs.breach,
            silenced: lhs.silenced + rhs.silenced, unknown: lhs.unknown + rhs.unknown
        )
    }

    enum CodingKeys: String, CodingKey {
        case measured = "measured_seconds"
        case up = "up_seconds"
        case breach = "breach_seconds"
        case silenced = "silenced_seconds"
        case unknown = "unknown_seconds"
    }
}

/// Mean, median and 90th percentile of a set of durations, in seconds; `nil` when the set is empty.
public struct DurationStatistics: Sendable, Equatable, Codable {
    public var count: Int
    public var mean: Double?
    public var median: Double?
    public var p90: Double?

    public init(count: Int = 0, mean: Double? = nil, median: Double? = nil, p90: Double? = nil) {
        self.count = count
        self.mean = mean
        self.median = median
        self.p90 = p90
    }

    /// The statistics of `samples`: the median averages the two middle values of an even
    /// count; p90 is the nearest-rank percentile (the smallest value at or above 90 % of them).
    public init(samples: [Double]) {
        let sorted = samples.sorted()
        count = sorted.count
        guard !sorted.isEmpty else { return }
        mean = sorted.reduce(0, +) / Double(sorted.count)
        let middle = sorted.count / 2
        median = sorted.count.isMultiple(of: 2) ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle]
        let rank = Int((0.9 * Double(sorted.count)).rounded(.up))
        p90 = sorted[min(sorted.count, max(1, rank)) - 1]
    }

    /// Encodes every key, `null` included.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(count, forKey: .count)
        try container.encode(mean, forKey: .mean)
        try container.encode(median, forKey: .median)
        try container.encode(p90, forKey: .p90)
    }

    enum CodingKeys: String, CodingKey {
        case count
        case mean = "mean_seconds"
        case median = "median_seconds"
        case p90 = "p90_seconds"
    }
}

/// One integration's figures over the window.
public struct IntegrationFigures: Sendable, Equatable, Codable {
    public var id: String
    public var name: String
    /// Responsible team id.
    public var owner: String
    public var tools: [String]
    public var journey: [String]
    /// The SLA's availability target in percent; `nil` when the integration has no `sla:`.
    public var target: Double?
    public var attainment: Double?
    public var time: TimeSplit
    /// Breach time the target allows over the observed, unsilenced time; `nil` without a target.
    public var errorBudget: Double?
    /// What is left of it (negative when over budget).
    public var errorBudgetLeft: Double?
    /// ``errorBudgetLeft`` as a share of ``errorBudget``; `nil` when the budget is zero.
    public var errorBudgetLeftPercent: Double?
    public var overBudget: Bool
    /// Breaches (entering stale or down) with at least some unsilenced, observed time in the window.
    public var breaches: Int
    /// Incidents opened in the window; how many were acknowledged and resolved; how many are open.
    public var incidents: Int
    public var acknowledged: Int
    public var resolved: Int
    /// Open → first acknowledgement, over incidents opened in the window.
    public var mtta: DurationStatistics
    /// Open → resolution, over incidents opened in the window.
    public var mttr: DurationStatistics

    public init(
        id: String, name: String, owner: String, tools: [String], journey: [String], target: Double?, attainment: Double?,
        time: TimeSplit, errorBudget: Double?, errorBudgetLeft: Double?, errorBudgetLeftPercent: Double?, overBudget: Bool,
        breaches: Int, incidents: Int, acknowledged: Int, resolved: Int, mtta: DurationStatistics, mttr: DurationStatistics
    ) {
        self.id = id
        self.name = name
        self.owner = owner
        self.tools = tools
        self.journey = journey
        self.target = target
        self.attainment = attainment
        self.time = time
        self.errorBudget = errorBudget
        self.errorBudgetLeft = errorBudgetLeft
        self.errorBudgetLeftPercent = errorBudgetLeftPercent
        self.overBudget = overBudget
        self.breaches = breaches
        self.incidents = incidents
        self.acknowledged = acknowledged
        self.resolved = resolved
        self.mtta = mtta
        self.mttr = mttr
    }

    /// Encodes every key, `null` included.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(owner, forKey: .owner)
        try container.encode(tools, forKey: .tools)
        try container.encode(journey, forKey: .journey)
        try container.encode(target, forKey: .target)
        try container.encode(attainment, forKey: .attainment)
        try container.encode(time, forKey: .time)
        try container.encode(errorBudget, forKey: .errorBudget)
        try container.encode(errorBudgetLeft, forKey: .errorBudgetLeft)
        try container.encode(errorBudgetLeftPercent, forKey: .errorBudgetLeftPercent)
        try container.encode(overBudget, forKey: .overBudget)
        try container.encode(breaches, forKey: .breaches)
        try container.encode(incidents, forKey: .incidents)
        try container.encode(acknowledged, forKey: .acknowledged)
        try container.encode(resolved, forKey: .resolved)
        try container.encode(mtta, forKey: .mtta)
        try container.encode(mttr, forKey: .mttr)
    }

    enum CodingKeys: String, CodingKey {
        case id, name, owner, tools, journey
        case target = "target_percent"
        case attainment = "attainment_percent"
        case time
        case errorBudget = "error_budget_seconds"
        case errorBudgetLeft = "error_budget_left_seconds"
        case errorBudgetLeftPercent = "error_budget_left_percent"
        case overBudget = "over_budget"
        case breaches, incidents, acknowledged, resolved, mtta, mttr
    }
}

/// The figures of a group of integrations (an owner, a tool, a journey stage, or all).
///
/// Attainment is time-weighted: the group's up time over its up and breach time, so a
/// long-lived integration weighs more than one added yesterday.
public struct GroupFigures: Sendable, Equatable, Codable {
    /// The owner team id, tool name or journey stage; `all` for the total.
    public var key: String
    /// A display name (the team's name for owners), or the key.
    public var name: String
    public var integrations: Int
    public var attainment: Double?
    public var time: TimeSplit
    public var overBudget: Int
    public var breaches: Int
    public var incidents: Int
    public var mtta: DurationStatistics
    public var mttr: DurationStatistics

    public init(
        key: String, name: String, integrations: Int, attainment: Double?, time: TimeSplit, overBudget: Int, breaches: Int,
        incidents: Int, mtta: DurationStatistics, mttr: DurationStatistics
    ) {
        self.key = key
        self.name = name
        self.integrations = integrations
        self.attainment = attainment
        self.time = time
        self.overBudget = overBudget
        self.breaches = breaches
        self.incidents = incidents
        self.mtta = mtta
        self.mttr = mttr
    }

    /// Encodes every key, `null` included.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(key, forKey: .key)
        try container.encode(name, forKey: .name)
        try container.encode(integrations, forKey: .integrations)
        try container.encode(attainment, forKey: .attainment)
        try container.encode(time, forKey: .time)
        try container.encode(overBudget, forKey: .overBudget)
        try container.encode(breaches, forKey: .breaches)
        try container.encode(incidents, forKey: .incidents)
        try container.encode(mtta, forKey: .mtta)
        try container.encode(mttr, forKey: .mttr)
    }

    enum CodingKeys: String, CodingKey {
        case key, name, integrations
        case attainment = "attainment_percent"
        case time
        case overBudget = "over_budget"
        case breaches, incidents, mtta, mttr
    }
}
