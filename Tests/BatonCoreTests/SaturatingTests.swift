@testable import BatonCore
import Foundation
import Testing

/// Arithmetic on values from outside stops at the edge of its type instead of trapping.
@Suite("Saturating arithmetic")
struct SaturatingTests {
    /// Doubles convert to the nearest integer, rounded toward zero; NaN is nought.
    @Test(arguments: [
        (0.0, 0 as Int64), (1.9, 1), (-1.9, -1), (1e300, .max), (-1e300, .min), (.infinity, .max), (-.infinity, .min), (.nan, 0),
        (9_223_372_036_854_775_808.0, .max), (-9_223_372_036_854_775_808.0, .min), (9_223_372_036_854_774_784.0, 9_223_372_036_854_774_784),
    ])
    func int64FromDouble(value: Double, expected: Int64) {
        #expect(Int64(saturating: value) == expected)
        #expect(Int(saturating: value) == Int(expected))
    }

    /// Unsigned: negatives and NaN are nought, the top is `UInt64.max`.
    @Test(arguments: [(-5.0, 0 as UInt64), (.nan, 0), (1e30, .max), (.infinity, .max), (42.7, 42)])
    func uint64FromDouble(value: Double, expected: UInt64) {
        #expect(UInt64(saturating: value) == expected)
    }

    /// Sums, differences and products stop at the bounds, in the direction they overflowed.
    @Test func integerOperations() {
        #expect(Int64.max.addingSaturated(1) == .max && Int64.min.addingSaturated(-1) == .min && Int64(5).addingSaturated(-7) == -2)
        #expect(Int64.min.subtractingSaturated(1) == .min && Int64.max.subtractingSaturated(-1) == .max && Int64(5).subtractingSaturated(7) == -2)
        #expect(Int64.max.multipliedSaturated(by: 2) == .max && Int64.max.multipliedSaturated(by: -2) == .min)
        #expect(Int64.min.multipliedSaturated(by: -1) == .max && Int64(-3).multipliedSaturated(by: 4) == -12)
        #expect(UInt64.max.addingSaturated(1) == .max && UInt64(0).subtractingSaturated(1) == 0 && UInt64.max.multipliedSaturated(by: 3) == .max)
        #expect(Int.max.addingSaturated(1) == .max)
    }

    /// Any date converts to Unix milliseconds and seconds, clamped to ±9e15 ms (about 285,000 years).
    @Test func datesClampToTheDatabaseRange() {
        let limit = Date.unixMillisecondsLimit
        #expect(Date(timeIntervalSince1970: 1e300).unixMilliseconds == limit)
        #expect(Date(timeIntervalSince1970: -1e300).unixMilliseconds == -limit)
        #expect(Date(timeIntervalSince1970: .infinity).unixMilliseconds == limit)
        #expect(Date(timeIntervalSince1970: .nan).unixMilliseconds == 0)
        #expect(Date.distantFuture.unixMilliseconds == Int64((Date.distantFuture.timeIntervalSince1970 * 1000).rounded()))
        #expect(Date(timeIntervalSince1970: 1e300).unixSeconds == limit / 1000)
        #expect(Date(timeIntervalSince1970: 1_795_428_000.7).unixSeconds == 1_795_428_000)
        #expect(UTCTime.rfc3339(Date(timeIntervalSince1970: 1e300)).hasSuffix("Z"), "a far date is shown, not a trap")
    }

    /// Incident lengths between far-apart instants saturate.
    @Test func wholeSecondsSaturate() {
        #expect(Date(timeIntervalSince1970: 1e300).wholeSeconds(since: Date(timeIntervalSince1970: 0)) == .max)
        #expect(Date(timeIntervalSince1970: 0).wholeSeconds(since: Date(timeIntervalSince1970: 1e300)) == 0)
    }

    /// Probe slots of an interval whose nanoseconds overflow `UInt64` (a million days) are
    /// computed, not trapped, and the clock's far end does not wrap round.
    @Test func probeSlotsSaturate() {
        let huge = ProbeSlots(id: "api", interval: .seconds(Int64(1_157_407) * 86_400))
        #expect(huge.intervalNanoseconds == .max)
        #expect(huge.next(after: .max - 1) == .max)
        #expect(huge.first(after: .max - 1, window: .seconds(30)) >= .max - 1)
        let normal = ProbeSlots(id: "api", interval: .seconds(60))
        #expect(normal.next(after: .max - 5) > .max - 5, "near the clock's end the next slot is still after now")
        #expect(normal.next(after: 0) > 0)
    }

    /// The cron search gives up on a start beyond the clock's range, instead of trapping.
    @Test func cronFarOutIsNil() throws {
        let cron = try CronSchedule(parsing: "0 9 * * MON")
        let utc = try #require(TimeZone(identifier: "UTC"))
        #expect(cron.nextFire(after: Date(timeIntervalSince1970: 1e300), in: utc) == nil)
        #expect(cron.nextFire(after: Date(timeIntervalSince1970: -1e300), in: utc) == nil)
        #expect(cron.nextFire(after: Date(timeIntervalSince1970: .infinity), in: utc) == nil)
        #expect(cron.nextFire(after: Date(timeIntervalSince1970: 1_795_428_000), in: utc) != nil)
    }

    /// A streak restored at `Int.max` (a corrupt row) stays there instead of overflowing.
    @Test func healthStreaksSaturate() {
        var failing = HealthTracker(state: .down, failStreak: .max)
        _ = failing.record(Verdict(level: .fail, reason: .text("HTTP 503")), at: Date(), failureThreshold: 3, successThreshold: 2)
        #expect(failing.failStreak == .max)
        var passing = HealthTracker(state: .healthy, okStreak: .max)
        _ = passing.record(Verdict(level: .pass, reason: .text("HTTP 200")), at: Date(), failureThreshold: 3, successThreshold: 2)
        #expect(passing.okStreak == .max)
    }

    /// Daily buckets are capped at ``SLACalculator/maximumDays``, and a far `now` does not trap.
    @Test func dailyBucketsAreCapped() {
        let integration = Integration(
            id: "leads", name: "Leads", owner: "mops",
            probe: .heartbeat(Heartbeat(token: SecretText(literal: "t"), period: .seconds(60), grace: .zero))
        )
        let input = SLAInput(integration: integration, initialState: .healthy, changes: [], existsSince: nil, removedAt: nil,
                             silenced: [], downtime: [], incidents: [])
        #expect(SLACalculator.daily(input, days: .max, now: Date(timeIntervalSince1970: 1_795_428_000)).count == SLACalculator.maximumDays)
        #expect(SLACalculator.daily(input, days: 2, now: Date(timeIntervalSince1970: 1e300)).count == 2)
    }
}
