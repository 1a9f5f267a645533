import struct Foundation.Date

/// Judges a push check: the integration's job calls `POST /ping/<token>` when it succeeds, and
/// is stale once no ping came within `period + grace`.
public enum HeartbeatJudge {
    /// - Parameters:
    ///   - lastPing: the last ping's time, if any.
    ///   - watchedSince: when Baton started expecting pings (first seen in the config): a job that
    ///     never pings goes stale too, `period + grace` after that.
    public static func verdict(lastPing: Date?, watchedSince: Date, rule: Heartbeat, now: Date) -> Verdict {
        let deadline = rule.period + rule.grace
        let expectation = "expected every \(rule.period.compact)" + (rule.grace > .zero ? ", grace \(rule.grace.compact)" : "")
        guard let lastPing else {
            let waited = now.timeIntervalSince(watchedSince)
            if waited > deadline.seconds {
                let text = "no heartbeat received in \(Judge.age(waited)) (\(expectation))"
                return Verdict(level: .stale, reason: text, findings: [Finding(level: .stale, text: text)])
            }
            return Verdict(level: .pass, reason: "no heartbeat received yet", findings: [])
        }
        let age = max(0, now.timeIntervalSince(lastPing))
        if age > deadline.seconds {
            let text = "last heartbeat \(Judge.age(age, beyond: deadline)) ago (\(expectation))"
            return Verdict(level: .stale, reason: text, findings: [Finding(level: .stale, text: text)], dataTimestamp: lastPing)
        }
        let text = "last heartbeat \(Judge.age(age)) ago"
        return Verdict(level: .pass, reason: text, findings: [Finding(level: .pass, text: text)], dataTimestamp: lastPing)
    }
}
