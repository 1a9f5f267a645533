import BatonCore
import Foundation
import Testing

/// Push checks on an injected clock: stale exactly when no ping came within period + grace.
struct HeartbeatJudgeTests {
    static let rule = Heartbeat(token: SecretText(literal: "t"), period: .seconds(86_400), grace: .seconds(3600))
    static let start = Date(timeIntervalSince1970: 1_795_400_000)

    /// A ping within period + grace passes; one second past it is stale, with the age and the expectation.
    @Test(arguments: [
        (3600.0, VerdictLevel.pass, "last heartbeat 1h ago"),
        (90_000.0, .pass, "last heartbeat 1d1h ago"),
        (90_001.0, .stale, "last heartbeat 1d1h0m1s ago (expected every 1d, grace 1h)"),
        (97_200.0, .stale, "last heartbeat 1d3h ago (expected every 1d, grace 1h)"),
    ])
    func ageOfTheLastPing(age: Double, level: VerdictLevel, reason: String) {
        let verdict = HeartbeatJudge.verdict(lastPing: Self.start, watchedSince: Self.start, rule: Self.rule, now: Self.start.addingTimeInterval(age))
        #expect(verdict.level == level)
        #expect(verdict.reason == reason)
        #expect(verdict.dataTimestamp == Self.start)
    }

    /// A job that never pings is fine for period + grace after Baton started watching it, then stale.
    @Test func aJobThatNeverPings() {
        let early = HeartbeatJudge.verdict(lastPing: nil, watchedSince: Self.start, rule: Self.rule, now: Self.start.addingTimeInterval(3600))
        #expect(early.level == .pass)
        #expect(early.reason == "no heartbeat received yet")
        let late = HeartbeatJudge.verdict(lastPing: nil, watchedSince: Self.start, rule: Self.rule, now: Self.start.addingTimeInterval(100_000))
        #expect(late.level == .stale)
        #expect(late.reason == "no heartbeat received in 1d3h (expected every 1d, grace 1h)")
    }
}
