/// The range of every number, duration and size a config may hold, checked when the config is
/// read and listed in docs/config.md (a test keeps the two the same).
///
/// Each bound is what an operator could mean, with room to spare; past it lies a typo or an
/// attack, and arithmetic that no longer fits its type. Defaults lie inside their ranges.
public enum ConfigLimits {
    // MARK: daemon and storage

    /// `daemon.max_concurrency`: probes in flight at once.
    public static let maxConcurrency: ClosedRange<Int> = 1...10_000
    /// `daemon.retention`: history kept in the database.
    public static let retention: ClosedRange<Duration> = days(1)...days(3650)
    /// `storage.postgres.lease`: a standby waits this long before it takes over.
    public static let lease: ClosedRange<Duration> = .seconds(3)...minutes(5)

    // MARK: checks

    /// `interval` (`defaults`, `check`): time between probes.
    public static let interval: ClosedRange<Duration> = .seconds(1)...days(1)
    /// `timeout` (`defaults`, `check`): a slower probe fails.
    public static let timeout: ClosedRange<Duration> = .milliseconds(100)...minutes(5)
    /// `max_body` (`defaults`, `check`): a bound on memory per probe.
    public static let maxBody: ClosedRange<Int> = 1...(64 << 20)
    /// `failure_threshold` and `success_threshold` (`defaults`, an integration).
    public static let threshold: ClosedRange<Int> = 1...1000
    /// `expect.status`: HTTP status codes.
    public static let status: ClosedRange<Int> = 100...599
    /// `expect.max_latency`: slower is degraded.
    public static let maxLatency: ClosedRange<Duration> = .milliseconds(1)...minutes(5)
    /// `expect.min_size`: a smaller file fails; files are never read, so the bound is only sanity.
    public static let minSize: ClosedRange<Int> = 1...(1 << 40)
    /// `expect.certificate.warn_before` and `error_before`: days left on a certificate (which lasts at most 398 days).
    public static let certificate: ClosedRange<Duration> = .seconds(1)...days(400)
    /// `freshness.warn_after` and `error_after`: age of the data.
    public static let freshness: ClosedRange<Duration> = .seconds(1)...days(400)
    /// `heartbeat.period`: expected time between pings (a yearly job at most).
    public static let heartbeatPeriod: ClosedRange<Duration> = .seconds(1)...days(366)
    /// `heartbeat.grace`: extra time before a missing ping is stale.
    public static let heartbeatGrace: ClosedRange<Duration> = .zero...days(30)
    /// `sla.window`: the rolling window attainment is measured over.
    public static let slaWindow: ClosedRange<Duration> = days(1)...days(400)

    // MARK: channels, escalation, schedules

    /// `channels.<id>.max_age`: older notices are dead letters.
    public static let maxAge: ClosedRange<Duration> = minutes(1)...days(30)
    /// `channels.<id>.group_wait`: a breach must not wait longer to be told.
    public static let groupWait: ClosedRange<Duration> = .zero...minutes(10)
    /// `after` of an escalation step, counted from when the incident opened.
    public static let escalationAfter: ClosedRange<Duration> = .zero...days(30)
    /// `repeat_every` of an escalation policy.
    public static let repeatEvery: ClosedRange<Duration> = .seconds(1)...days(30)
    /// `duration` of a maintenance window.
    public static let maintenanceDuration: ClosedRange<Duration> = minutes(1)...days(30)
    /// `since` of a digest: the period summarised.
    public static let digestSince: ClosedRange<Duration> = minutes(1)...days(400)

    // MARK: The table

    /// One row of docs/config.md: a key, where it is written, its range and its default.
    public struct Limit: Sendable, Equatable {
        /// The range, with the default of the same kind.
        public enum Range: Sendable, Equatable {
            case count(ClosedRange<Int>, default: Int?)
            case duration(ClosedRange<Duration>, default: Duration?)
            case size(ClosedRange<Int>, default: Int?)
            /// Above 0% and at most 100%.
            case percentage
        }

        /// The key names, as written in the file: `interval`, or `warn_after, error_after`.
        public var keys: [String]
        /// The sections it is written in: `defaults`, `check`.
        public var sections: [String]
        public var range: Range

        /// The smallest value, as a config writes it (`above 0%` for a percentage).
        public var least: String {
            switch range {
            case .count(let range, _): "\(range.lowerBound)"
            case .duration(let range, _): ConfigLimits.text(range.lowerBound)
            case .size(let range, _): ConfigLimits.sizeText(range.lowerBound)
            case .percentage: "above 0%"
            }
        }

        /// The largest value, as a config writes it.
        public var most: String {
            switch range {
            case .count(let range, _): "\(range.upperBound)"
            case .duration(let range, _): ConfigLimits.text(range.upperBound)
            case .size(let range, _): ConfigLimits.sizeText(range.upperBound)
            case .percentage: "100%"
            }
        }

        /// The default as a config writes it; `nil` when the key has none (required, or off when left out).
        public var defaultText: String? {
            switch range {
            case .count(_, let value): value.map { "\($0)" }
            case .duration(_, let value): value.map(ConfigLimits.text)
            case .size(_, let value): value.map(ConfigLimits.sizeText)
            case .percentage: nil
            }
        }

        /// Whether the default, if any, lies inside the range.
        public var defaultIsInRange: Bool {
            switch range {
            case .count(let range, let value), .size(let range, let value): value.map(range.contains) ?? true
            case .duration(let range, let value): value.map(range.contains) ?? true
            case .percentage: true
            }
        }
    }

    /// Every ranged key, in the order docs/config.md lists them.
    public static let all: [Limit] = [
        Limit(keys: ["max_concurrency"], sections: ["daemon"], range: .count(maxConcurrency, default: DaemonSettings().maxConcurrency)),
        Limit(keys: ["retention"], sections: ["daemon"], range: .duration(retention, default: DaemonSettings().retention)),
        Limit(keys: ["lease"], sections: ["storage.postgres"], range: .duration(lease, default: PostgresStorage.defaultLease)),
        Limit(keys: ["interval"], sections: ["defaults", "check"], range: .duration(interval, default: Defaults().interval)),
        Limit(keys: ["timeout"], sections: ["defaults", "check"], range: .duration(timeout, default: Defaults().timeout)),
        Limit(keys: ["max_body"], sections: ["defaults", "check"], range: .size(maxBody, default: Defaults().maxBodyBytes)),
        Limit(keys: ["failure_threshold"], sections: ["defaults", "integration"], range: .count(threshold, default: Defaults().failureThreshold)),
        Limit(keys: ["success_threshold"], sections: ["defaults", "integration"], range: .count(threshold, default: Defaults().successThreshold)),
        Limit(keys: ["status"], sections: ["check.expect"], range: .count(status, default: nil)),
        Limit(keys: ["max_latency"], sections: ["check.expect"], range: .duration(maxLatency, default: nil)),
        Limit(keys: ["min_size"], sections: ["check.expect"], range: .size(minSize, default: nil)),
        Limit(keys: ["warn_before", "error_before"], sections: ["check.expect.certificate"], range: .duration(certificate, default: nil)),
        Limit(keys: ["warn_after", "error_after"], sections: ["check.freshness"], range: .duration(freshness, default: nil)),
        Limit(keys: ["period"], sections: ["heartbeat"], range: .duration(heartbeatPeriod, default: nil)),
        Limit(keys: ["grace"], sections: ["heartbeat"], range: .duration(heartbeatGrace, default: Heartbeat.defaultGrace)),
        Limit(keys: ["availability"], sections: ["sla"], range: .percentage),
        Limit(keys: ["window"], sections: ["sla"], range: .duration(slaWindow, default: SLATarget.defaultWindow)),
        Limit(keys: ["max_age"], sections: ["channels.<id>"], range: .duration(maxAge, default: Channel.defaultMaxAge)),
        Limit(keys: ["group_wait"], sections: ["channels.<id>"], range: .duration(groupWait, default: Channel.defaultGroupWait)),
        Limit(keys: ["after"], sections: ["escalation_policies.<id>.steps"], range: .duration(escalationAfter, default: nil)),
        Limit(keys: ["repeat_every"], sections: ["escalation_policies.<id>"], range: .duration(repeatEvery, default: nil)),
        Limit(keys: ["duration"], sections: ["maintenance"], range: .duration(maintenanceDuration, default: nil)),
        Limit(keys: ["since"], sections: ["digests"], range: .duration(digestSince, default: Digest.defaultSince)),
    ]

    // MARK: Writing values as a config does

    /// A duration as a config writes it: `100ms`, `5m`, `400d`, and nought as `0s`.
    public static func text(_ duration: Duration) -> String {
        duration == .zero ? "0s" : duration.compact
    }

    /// A size as a config writes it, in the largest binary unit that divides it: `1B`, `256KiB`, `64MiB`, `1TiB`.
    public static func sizeText(_ bytes: Int) -> String {
        for (unit, size) in [("TiB", 1 << 40), ("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)] where bytes >= size && bytes % size == 0 {
            return "\(bytes / size)\(unit)"
        }
        return "\(bytes)B"
    }

    private static func minutes(_ count: Int64) -> Duration { .seconds(count * 60) }
    private static func days(_ count: Int64) -> Duration { .seconds(count * 86_400) }
}
