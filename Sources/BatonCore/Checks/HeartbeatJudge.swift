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
        let expectation = HeartbeatExpectation(period: rule.period, grace: rule.grace)
        guard let lastPing else {
            let waited = now.timeIntervalSince(watchedSince)
            if waited > deadline.seconds {
                let reason = Reason.heartbeat(.neverReceived(waitedSeconds: DurationText.wholeSeconds(waited), expectation: expectation))
                return Verdict(level: .stale, reason: reason, findings: [Finding(level: .stale, reason: reason)])
            }
            return Verdict(level: .pass, reason: .heartbeat(.notYet), findings: [])
        }
        let age = max(0, now.timeIntervalSince(lastPing))
        if age > deadline.seconds {
            let reason = Reason.heartbeat(.overdue(ageSeconds: DurationText.wholeSeconds(age), expectation: expectation))
            return Verdict(level: .stale, reason: reason, findings: [Finding(level: .stale, reason: reason)], dataTimestamp: lastPing)
        }
        let reason = Reason.heartbeat(.lastPing(ageSeconds: DurationText.wholeSeconds(age)))
        return Verdict(level: .pass, reason: reason, findings: [Finding(level: .pass, reason: reason)], dataTimestamp: lastPing)
    }
}
