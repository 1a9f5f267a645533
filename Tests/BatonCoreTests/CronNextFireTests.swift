import BatonCore
import Foundation
import Testing

@Suite("Cron next firing")
struct CronNextFireTests {
    struct Case: Sendable, CustomStringConvertible {
        var expression: String
        var zone: String
        var after: String
        var expected: [String]
        var description: String { "\(expression) in \(zone) after \(after)" }
    }

    /// The next firings, in order, each strictly after the one before, at exact instants
    /// across the 2026 DST transitions of Berlin (29 Mar, 25 Oct) and New York (8 Mar, 1 Nov).
    @Test(arguments: [
        // Spring forward, Berlin: 02:00 CET becomes 03:00 CEST (01:00Z). 02:30 does not exist,
        // so it fires once at the end of the gap, then normally the next day.
        Case(expression: "30 2 * * *", zone: "Europe/Berlin", after: "2026-03-28T12:00:00Z",
             expected: ["2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z"]),
        // Several skipped times collapse into the one firing at the end of the gap.
        Case(expression: "*/15 2 * * *", zone: "Europe/Berlin", after: "2026-03-29T00:50:00Z",
             expected: ["2026-03-29T01:00:00Z", "2026-03-30T00:00:00Z"]),
        // Fall back, Berlin: 03:00 CEST becomes 02:00 CET (01:00Z). 02:30 happens twice and
        // fires at the first (CEST), not again an hour later.
        Case(expression: "30 2 * * *", zone: "Europe/Berlin", after: "2026-10-24T12:00:00Z",
             expected: ["2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z"]),
        // Every minute fires once: the repeated hour is silent.
        Case(expression: "*/30 * * * *", zone: "Europe/Berlin", after: "2026-10-25T00:45:00Z",
             expected: ["2026-10-25T02:00:00Z", "2026-10-25T02:30:00Z"]),
        // New York springs forward at 02:00 EST (07:00Z) to 03:00 EDT.
        Case(expression: "30 2 * * *", zone: "America/New_York", after: "2026-03-07T12:00:00Z",
             expected: ["2026-03-08T07:00:00Z", "2026-03-09T06:30:00Z"]),
        // New York falls back at 02:00 EDT (06:00Z) to 01:00 EST: 01:30 fires at its EDT occurrence.
        Case(expression: "30 1 * * *", zone: "America/New_York", after: "2026-10-31T12:00:00Z",
             expected: ["2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z"]),
        // The SPEC's maintenance window: 02:00 on Sunday does not exist on 29 March in Berlin.
        Case(expression: "0 2 * * SUN", zone: "Europe/Berlin", after: "2026-03-22T12:00:00Z",
             expected: ["2026-03-29T01:00:00Z", "2026-04-05T00:00:00Z"]),
        // … and 02:00 on 25 October happens twice; it fires once, in summer time.
        Case(expression: "0 2 * * SUN", zone: "Europe/Berlin", after: "2026-10-18T12:00:00Z",
             expected: ["2026-10-25T00:00:00Z", "2026-11-01T01:00:00Z"]),
        Case(expression: "0 2 * * SUN", zone: "America/New_York", after: "2026-03-01T12:00:00Z",
             expected: ["2026-03-08T07:00:00Z", "2026-03-15T06:00:00Z"]),
        // New York repeats 01:00–01:59, not 02:00, so 02:00 on 1 November happens once, in EST.
        Case(expression: "0 2 * * SUN", zone: "America/New_York", after: "2026-10-25T12:00:00Z",
             expected: ["2026-11-01T07:00:00Z", "2026-11-08T07:00:00Z"]),
        // The SPEC's digest: weekdays at 09:00, across the weekend the clocks change.
        Case(expression: "0 9 * * MON-FRI", zone: "Europe/Berlin", after: "2026-03-27T10:00:00Z",
             expected: ["2026-03-30T07:00:00Z", "2026-03-31T07:00:00Z"]),
        Case(expression: "0 9 * * MON-FRI", zone: "America/New_York", after: "2026-03-06T15:00:00Z",
             expected: ["2026-03-09T13:00:00Z", "2026-03-10T13:00:00Z"]),
        Case(expression: "0 9 * * MON-FRI", zone: "Europe/Berlin", after: "2026-10-23T08:00:00Z",
             expected: ["2026-10-26T08:00:00Z"]),
        // Both day fields restricted: either matches (Vixie cron). 1 Aug 2026 is a Saturday.
        Case(expression: "0 12 1 * MON", zone: "UTC", after: "2026-07-30T00:00:00Z",
             expected: ["2026-08-01T12:00:00Z", "2026-08-03T12:00:00Z", "2026-08-10T12:00:00Z"]),
        // `*/2` counts as unrestricted (Vixie), so both must match: odd days that are Mondays.
        Case(expression: "0 12 */2 * MON", zone: "UTC", after: "2026-08-01T00:00:00Z",
             expected: ["2026-08-03T12:00:00Z", "2026-08-17T12:00:00Z"]),
        // Strictly after: a time exactly on a firing moves to the next one.
        Case(expression: "*/15 * * * *", zone: "UTC", after: "2026-05-01T10:15:00Z",
             expected: ["2026-05-01T10:30:00Z"]),
        Case(expression: "*/15 * * * *", zone: "UTC", after: "2026-05-01T10:14:59Z",
             expected: ["2026-05-01T10:15:00Z"]),
        // Every minute, from inside a minute and from its end: the search starts at `after`'s minute.
        Case(expression: "* * * * *", zone: "UTC", after: "2026-05-01T10:00:00Z",
             expected: ["2026-05-01T10:01:00Z", "2026-05-01T10:02:00Z"]),
        Case(expression: "* * * * *", zone: "UTC", after: "2026-05-01T23:59:30Z",
             expected: ["2026-05-02T00:00:00Z"]),
        Case(expression: "* * * * *", zone: "Asia/Kolkata", after: "2026-05-01T18:29:59Z",
             expected: ["2026-05-01T18:30:00Z", "2026-05-01T18:31:00Z"]),
        // … and across Berlin's fall back, from the last minute of summer time: the repeated hour is silent.
        Case(expression: "* * * * *", zone: "Europe/Berlin", after: "2026-10-25T00:59:30Z",
             expected: ["2026-10-25T02:00:00Z", "2026-10-25T02:01:00Z"]),
        // Leap day: the next 29 February after 2026 is in 2028.
        Case(expression: "0 0 29 2 *", zone: "UTC", after: "2026-01-01T00:00:00Z",
             expected: ["2028-02-29T00:00:00Z"]),
        Case(expression: "@yearly", zone: "Asia/Tokyo", after: "2026-06-01T00:00:00Z",
             expected: ["2026-12-31T15:00:00Z"]),
    ])
    func nextFirings(_ test: Case) throws {
        let schedule = try CronSchedule(parsing: test.expression)
        let zone = try #require(TimeZone(identifier: test.zone))
        var after = try #require(Self.instant(test.after))
        for expected in test.expected {
            let next = try #require(schedule.nextFire(after: after, in: zone))
            #expect(Self.format(next) == expected)
            after = next
        }
    }

    static func instant(_ text: String) -> Date? {
        ISO8601DateFormatter().date(from: text)
    }

    static func format(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }
}
