import BatonCore
import Foundation
import Testing

@Suite("Cron expressions")
struct CronScheduleTests {
    /// Every accepted form parses, keeps the expression as written, and equal forms are equal.
    @Test(arguments: [
        "* * * * *", "*/15 * * * *", "0 9 * * MON-FRI", "0 2 * * SUN", "0 9 1 * mon", "5,35 8-18/2 * JAN-mar 1-5",
        "0 0 1 1 *", "30 4 1,15 * 7", "5/15 * * * *", "0 0 29 2 *", "@hourly", "@daily", "@weekly", "@monthly",
        "@yearly", "@annually", "@midnight", "@DAILY", "  0 9 * * 1  ",
    ])
    func parsesValidExpressions(expression: String) throws {
        let schedule = try CronSchedule(parsing: expression)
        #expect(schedule.expression == expression)
        #expect(schedule.description == expression)
    }

    /// Each invalid expression is rejected, and the message names the field and why.
    @Test(arguments: [
        ("", "empty cron expression"),
        ("0 9 * *", "expected 5 fields (minute hour day-of-month month day-of-week), found 4"),
        ("0 9 * * * *", "found 6"),
        ("60 * * * *", "minute field: 60 is out of range 0–59"),
        ("0 24 * * *", "hour field: 24 is out of range 0–23"),
        ("0 0 0 * *", "day-of-month field: 0 is out of range 1–31"),
        ("0 0 * 13 *", "month field: 13 is out of range 1–12"),
        ("0 0 * * 8", "day-of-week field: 8 is out of range 0–7"),
        ("0 9 * * FRY", "day-of-week field: `FRY` is not a number 0–7 or a name SUN–SAT"),
        ("0 9 * JUNE *", "month field: `JUNE` is not a number 1–12 or a name JAN–DEC"),
        ("0 9 * * FRI-MON", "day-of-week field: range `FRI-MON` runs backwards"),
        ("*/0 * * * *", "minute field: step `0` in `*/0` must be a whole number above 0"),
        ("1,,2 * * * *", "minute field: empty item in the list `1,,2`"),
        ("1-2-3 * * * *", "minute field: `1-2-3` is not a value or a range like 1-5"),
        ("x * * * *", "minute field: `x` is not a number 0–59"),
        ("0 0 30 FEB *", "day-of-month field: no chosen month has that day"),
        ("@reboot", "@reboot is not supported"),
        ("@often", "unknown alias `@often`"),
    ])
    func rejectsInvalidExpressions(expression: String, expected: String) {
        #expect {
            _ = try CronSchedule(parsing: expression)
        } throws: { error in
            (error as? CronSyntaxError)?.message.contains(expected) == true
        }
    }

    /// Names and numbers mean the same schedule, and 0 and 7 are both Sunday.
    @Test(arguments: [
        ("0 9 * * MON-FRI", "0 9 * * 1-5"),
        ("0 2 * * SUN", "0 2 * * 7"),
        ("0 2 * * sun", "0 2 * * 0"),
        ("0 0 1 jan *", "@yearly"),
        ("0 * * * *", "@hourly"),
    ])
    func equivalentFormsFireAlike(left: String, right: String) throws {
        let zone = try #require(TimeZone(identifier: "UTC"))
        var a = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z
        var b = a
        for _ in 0..<20 {
            let nextA = try #require(try CronSchedule(parsing: left).nextFire(after: a, in: zone))
            let nextB = try #require(try CronSchedule(parsing: right).nextFire(after: b, in: zone))
            #expect(nextA == nextB)
            a = nextA
            b = nextB
        }
    }
}
