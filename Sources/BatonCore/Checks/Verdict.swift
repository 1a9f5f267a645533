import struct Foundation.Date

/// How bad one probe's answer is, from best to worst.
public enum VerdictLevel: Int, Sendable, Comparable, CaseIterable, CustomStringConvertible {
    /// Everything as expected.
    case pass
    /// Slow, or data older than `warn_after`: degraded.
    case warn
    /// Data older than `error_after`: stale.
    case stale
    /// No answer, or an answer that breaks a rule: counts toward `failure_threshold`.
    case fail

    public static func < (lhs: VerdictLevel, rhs: VerdictLevel) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String {
        switch self {
        case .pass: "pass"
        case .warn: "warn"
        case .stale: "stale"
        case .fail: "fail"
        }
    }
}

/// One rule's outcome: `HTTP 200`, `/status is "error", expected "ok"`.
public struct Finding: Sendable, Equatable {
    public var level: VerdictLevel
    public var reason: Reason

    public init(level: VerdictLevel, reason: Reason) {
        self.level = level
        self.reason = reason
    }

    /// The outcome in the words of `baton check`.
    public var text: String { reason.compact }
}

/// The judgement of one probe.
public struct Verdict: Sendable, Equatable {
    public var level: VerdictLevel
    /// The first finding at the verdict's level, or a summary when all passed.
    public var reason: Reason
    /// Every rule that was evaluated, in order.
    public var findings: [Finding]
    public var httpStatus: Int?
    /// The freshness timestamp the answer carried, when the check reads one.
    public var dataTimestamp: Date?
    /// Set when the probe got no usable answer.
    public var errorKind: ProbeErrorKind?

    public init(level: VerdictLevel, reason: Reason, findings: [Finding] = [], httpStatus: Int? = nil, dataTimestamp: Date? = nil, errorKind: ProbeErrorKind? = nil) {
        self.level = level
        self.reason = reason
        self.findings = findings
        self.httpStatus = httpStatus
        self.dataTimestamp = dataTimestamp
        self.errorKind = errorKind
    }
}
