import BatonCore
import Foundation
import Testing

/// Digests fire on their cron schedule, once per firing, on an injected clock.
struct DigestScheduleTests {
    static let berlin = TimeZone(identifier: "Europe/Berlin")!

    static func digest(_ cron: String, since: Duration = .seconds(86_400), timezone: String? = "Europe/Berlin") throws -> Digest {
        Digest(cron: try CronSchedule(parsing: cron), channels: ["exec-slack"], since: since, timezone: timezone)
    }

    static func date(_ text: String) -> Date {
        ISO8601DateFormatter().date(from: text) ?? .distantPast
    }

    /// "0 9 * * MON-FRI" fires at 09:00 Berlin time on weekdays only, and each firing once.
    @Test func weekdayMornings() throws {
        // Friday 2026-11-20 08:00 UTC = 09:00 Berlin (CET, UTC+1).
        var schedule = DigestSchedule(digests: [try Self.digest("0 9 * * MON-FRI")], from: Self.date("2026-11-20T07:00:00Z"), defaultTimeZone: Self.berlin)
        #expect(schedule.due(at: Self.date("2026-11-20T07:59:59Z")).isEmpty)
        let friday = schedule.due(at: Self.date("2026-11-20T08:00:00Z"))
        #expect(friday.map(\.firedAt) == [Self.date("2026-11-20T08:00:00Z")])
        #expect(friday.first?.window == DateInterval(start: Self.date("2026-11-19T08:00:00Z"), end: Self.date("2026-11-20T08:00:00Z")))
        #expect(schedule.due(at: Self.date("2026-11-20T08:00:30Z")).isEmpty)
        #expect(schedule.nextFiring == Self.date("2026-11-23T08:00:00Z"))
        #expect(schedule.due(at: Self.date("2026-11-22T12:00:00Z")).isEmpty)
        #expect(schedule.due(at: Self.date("2026-11-23T08:00:01Z")).count == 1)
    }

    /// Firings missed while the daemon was down are not sent in a burst: one digest, then the schedule goes on.
    @Test func missedFiringsDoNotBurst() throws {
        var schedule = DigestSchedule(digests: [try Self.digest("0 * * * *", since: .seconds(3600))], from: Self.date("2026-11-23T00:30:00Z"), defaultTimeZone: Self.berlin)
        let due = schedule.due(at: Self.date("2026-11-23T05:10:00Z"))
        #expect(due.count == 1)
        #expect(schedule.nextFiring == Self.date("2026-11-23T06:00:00Z"))
    }

    /// Across the spring daylight-saving change, "0 9 * * *" in Berlin moves from 08:00 to 07:00 UTC.
    @Test func daylightSaving() throws {
        var schedule = DigestSchedule(digests: [try Self.digest("0 9 * * *")], from: Self.date("2026-03-28T12:00:00Z"), defaultTimeZone: Self.berlin)
        #expect(schedule.nextFiring == Self.date("2026-03-29T07:00:00Z"))
        #expect(schedule.due(at: Self.date("2026-03-29T07:00:00Z")).count == 1)
        #expect(schedule.nextFiring == Self.date("2026-03-30T07:00:00Z"))
    }
}
