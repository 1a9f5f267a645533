/// How long the answer took against `max_latency`.
public enum LatencyFinding: Sendable, Hashable, Codable {
    /// `answered in 45ms (max 2s)`.
    case within(latencyMilliseconds: Int64, maximumMilliseconds: Int64)
    /// `slow: 2.4s (max 2s)`: degraded, not down.
    case slow(latencyMilliseconds: Int64, maximumMilliseconds: Int64)

    /// The finding for `latency` against `maximum`; exactly the maximum is within it.
    public init(latency: Duration, maximum: Duration) {
        self = latency > maximum
            ? .slow(latencyMilliseconds: latency.milliseconds, maximumMilliseconds: maximum.milliseconds)
            : .within(latencyMilliseconds: latency.milliseconds, maximumMilliseconds: maximum.milliseconds)
    }

    public var latency: Duration {
        switch self {
        case .within(let latency, _), .slow(let latency, _): .milliseconds(latency)
        }
    }

    public var maximum: Duration {
        switch self {
        case .within(_, let maximum), .slow(_, let maximum): .milliseconds(maximum)
        }
    }

    public var compact: String {
        switch self {
        case .within: "answered in \(latency.compact) (max \(maximum.compact))"
        case .slow: "slow: \(latency.compact) (max \(maximum.compact))"
        }
    }
}
