/// How fresh the data is, read from a body pointer, a header or a file's time.
public struct FreshnessFinding: Sendable, Hashable, Codable {
    /// Where the timestamp is, and what it said.
    public enum Outcome: Sendable, Hashable, Codable {
        /// `last_sync 4m old`: within the limits.
        case fresh(ageSeconds: Int64)
        /// `last_sync 3h12m old (error after 2h)`, `… (warn after 30m)`.
        case tooOld(ageSeconds: Int64, limit: FreshnessLimit)
        /// `last_sync is 2h in the future (check the clock of the source)`.
        case inFuture(aheadSeconds: Int64)
        /// `last_sync is missing`.
        case missing
        /// `Last-Modified header is missing`.
        case headerMissing
        /// `last_sync "yesterday" is not a timestamp (expected RFC 3339 or Unix epoch)`; the value as shown.
        case unreadable(value: String, expected: TimestampSyntax)
    }

    /// `last_sync`, `Last-Modified`, or a file's name.
    public var label: String
    public var outcome: Outcome

    public init(label: String, outcome: Outcome) {
        self.label = label
        self.outcome = outcome
    }

    public var compact: String {
        switch outcome {
        case .fresh(let age):
            return "\(label) \(DurationText.age(seconds: Double(age)).compact) old"
        case .tooOld(let age, let limit):
            let shown = DurationText.age(seconds: Double(age), beyond: limit.duration).compact
            return "\(label) \(shown) old (\(limit.name) after \(limit.duration.compact))"
        case .inFuture(let ahead):
            return "\(label) is \(DurationText.age(seconds: Double(ahead)).compact) in the future (check the clock of the source)"
        case .missing:
            return "\(label) is missing"
        case .headerMissing:
            return "\(label) header is missing"
        case .unreadable(let value, let expected):
            return "\(label) \(value) is not a timestamp (expected \(expected.compact))"
        }
    }
}

/// The freshness limit that data passed.
public enum FreshnessLimit: Sendable, Hashable, Codable {
    /// Degraded: `warn_after`.
    case warnAfter(milliseconds: Int64)
    /// Stale, an SLA breach: `error_after`.
    case errorAfter(milliseconds: Int64)

    public static func warnAfter(_ duration: Duration) -> FreshnessLimit { .warnAfter(milliseconds: duration.milliseconds) }
    public static func errorAfter(_ duration: Duration) -> FreshnessLimit { .errorAfter(milliseconds: duration.milliseconds) }

    public var duration: Duration {
        switch self {
        case .warnAfter(let ms), .errorAfter(let ms): .milliseconds(ms)
        }
    }

    /// `warn` or `error`, as in the config keys.
    public var name: String {
        switch self {
        case .warnAfter: "warn"
        case .errorAfter: "error"
        }
    }
}

/// The timestamp forms a freshness source accepts.
public enum TimestampSyntax: Sendable, Hashable, Codable {
    /// A body value: RFC 3339 or Unix epoch seconds or milliseconds.
    case rfc3339OrEpoch
    /// A header: an HTTP date (RFC 3339 and epoch are read too).
    case httpDate

    public var compact: String {
        switch self {
        case .rfc3339OrEpoch: "RFC 3339 or Unix epoch"
        case .httpDate: "an HTTP date"
        }
    }
}
