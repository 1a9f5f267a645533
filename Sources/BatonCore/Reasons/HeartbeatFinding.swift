/// A push check's pings against `period + grace`.
public enum HeartbeatFinding: Sendable, Hashable, Codable {
    /// `no heartbeat received yet`, while still within `period + grace` of watching.
    case notYet
    /// `heartbeat received`: a ping just came.
    case received
    /// `last heartbeat 4h ago`: within `period + grace`.
    case lastPing(ageSeconds: Int64)
    /// `last heartbeat 1d3h ago (expected every 1d, grace 1h)`.
    case overdue(ageSeconds: Int64, expectation: HeartbeatExpectation)
    /// `no heartbeat received in 1d3h (expected every 1d, grace 1h)`: none since watching began.
    case neverReceived(waitedSeconds: Int64, expectation: HeartbeatExpectation)

    public var compact: String {
        switch self {
        case .notYet: "no heartbeat received yet"
        case .received: "heartbeat received"
        case .lastPing(let age): "last heartbeat \(DurationText.age(seconds: Double(age)).compact) ago"
        case .overdue(let age, let expectation):
            "last heartbeat \(DurationText.age(seconds: Double(age), beyond: expectation.deadline).compact) ago (\(expectation.compact))"
        case .neverReceived(let waited, let expectation):
            "no heartbeat received in \(DurationText.age(seconds: Double(waited)).compact) (\(expectation.compact))"
        }
    }
}

/// How often pings are due: `expected every 1d, grace 1h`.
public struct HeartbeatExpectation: Sendable, Hashable, Codable {
    public var periodMilliseconds: Int64
    public var graceMilliseconds: Int64

    public init(period: Duration, grace: Duration) {
        periodMilliseconds = period.milliseconds
        graceMilliseconds = grace.milliseconds
    }

    public var period: Duration { .milliseconds(periodMilliseconds) }
    public var grace: Duration { .milliseconds(graceMilliseconds) }
    /// Past this since the last ping, the integration is stale.
    public var deadline: Duration { period + grace }

    /// `expected every 1d, grace 1h`; no grace is not mentioned.
    public var compact: String {
        "expected every \(period.compact)" + (grace > .zero ? ", grace \(grace.compact)" : "")
    }
}
