import BatonCore
import Foundation
import Testing

/// Maintenance windows evaluated by cron on a wall clock, across the 2026 daylight-saving changes.
struct MaintenanceWindowTests {
    struct Case: Sendable, CustomStringConvertible {
        var cron = "0 2 * * SUN"
        var hours = 2
        var timezone: String?
        var at: String
        /// When the window ends, or nil when it is not active.
        var until: String?
        var description: String { "\(cron) for \(hours)h in \(timezone ?? "Europe/Berlin (server)") at \(at)" }
    }

    static let integration = IncidentWorld.integration("sfdc-api", tags: ["crm"])

    /// The SPEC's window (Sundays 02:00 for 2 h) on a Berlin server: active exactly from its firing for its duration.
    @Test(arguments: [
        // An ordinary Sunday in winter: 02:00 CET is 01:00Z.
        Case(at: "2026-03-22T00:59:59Z", until: nil),
        Case(at: "2026-03-22T01:00:00Z", until: "2026-03-22T03:00:00Z"),
        Case(at: "2026-03-22T02:59:59Z", until: "2026-03-22T03:00:00Z"),
        Case(at: "2026-03-22T03:00:00Z", until: nil),
        // Spring forward: 02:00 does not exist on 29 March; the window opens at 03:00 CEST (01:00Z).
        Case(at: "2026-03-29T00:59:59Z", until: nil),
        Case(at: "2026-03-29T01:00:00Z", until: "2026-03-29T03:00:00Z"),
        Case(at: "2026-03-29T02:59:59Z", until: "2026-03-29T03:00:00Z"),
        Case(at: "2026-03-29T03:00:00Z", until: nil),
        // A summer Sunday: 02:00 CEST is 00:00Z.
        Case(at: "2026-04-05T00:00:00Z", until: "2026-04-05T02:00:00Z"),
        // Fall back: 02:00 happens twice on 25 October; the window opens once, at the first (00:00Z),
        // and stays two hours, through the repeated 02:00–02:59 CET.
        Case(at: "2026-10-24T23:59:59Z", until: nil),
        Case(at: "2026-10-25T00:00:00Z", until: "2026-10-25T02:00:00Z"),
        Case(at: "2026-10-25T01:30:00Z", until: "2026-10-25T02:00:00Z"),
        Case(at: "2026-10-25T02:00:00Z", until: nil),
        // The next Sunday is back in CET.
        Case(at: "2026-11-01T00:30:00Z", until: nil),
        Case(at: "2026-11-01T01:00:00Z", until: "2026-11-01T03:00:00Z"),
        // A window's own timezone beats the server's: 02:00 in New York on 1 November (EST) is 07:00Z.
        Case(timezone: "America/New_York", at: "2026-11-01T01:30:00Z", until: nil),
        Case(timezone: "America/New_York", at: "2026-11-01T07:00:00Z", until: "2026-11-01T09:00:00Z"),
        Case(timezone: "America/New_York", at: "2026-03-08T07:30:00Z", until: "2026-03-08T09:00:00Z"),
        Case(timezone: "UTC", at: "2026-03-29T02:30:00Z", until: "2026-03-29T04:00:00Z"),
        // Overlapping firings (hourly, 90 minutes each) run on until the last firing's end.
        Case(cron: "0 * * * *", hours: 0, timezone: "UTC", at: "2026-05-01T10:10:00Z", until: nil),
    ])
    func window(_ test: Case) throws {
        let berlin = try #require(TimeZone(identifier: "Europe/Berlin"))
        let window = MaintenanceWindow(
            match: IntegrationMatcher(tags: ["crm"]), cron: try CronSchedule(parsing: test.cron), duration: .seconds(test.hours * 3600),
            reason: "vendor maintenance", timezone: test.timezone
        )
        let index = SilenceIndex(silences: [], maintenance: [window], at: try Self.instant(test.at), defaultTimeZone: berlin)
        let verdict = index.verdict(for: Self.integration)
        #expect(verdict?.until == (try test.until.map(Self.instant)))
        if verdict != nil { #expect(verdict?.description == "maintenance: vendor maintenance") }
    }

    /// Firings closer than the window's duration extend it to the last firing's end.
    @Test(arguments: [("2026-05-01T10:10:00Z", "2026-05-01T11:30:00Z"), ("2026-05-01T10:45:00Z", "2026-05-01T11:30:00Z"), ("2026-05-01T11:00:00Z", "2026-05-01T12:30:00Z")])
    func overlappingFirings(at: String, until: String) throws {
        let utc = try #require(TimeZone(identifier: "UTC"))
        let window = MaintenanceWindow(
            match: IntegrationMatcher(tags: ["crm"]), cron: try CronSchedule(parsing: "0 * * * *"), duration: .seconds(5400), reason: "reindex"
        )
        let index = SilenceIndex(silences: [], maintenance: [window], at: try Self.instant(at), defaultTimeZone: utc)
        #expect(index.verdict(for: Self.integration)?.until == (try Self.instant(until)))
    }

    /// A window matching other integrations does not cover this one.
    @Test func otherIntegrationsOnly() throws {
        let window = MaintenanceWindow(
            match: IntegrationMatcher(tags: ["web"]), cron: try CronSchedule(parsing: "* * * * *"), duration: .seconds(3600), reason: "cms deploy"
        )
        #expect(SilenceIndex(silences: [], maintenance: [window], at: IncidentWorld.t0).verdict(for: Self.integration) == nil)
    }

    static func instant(_ text: String) throws -> Date {
        try #require(ISO8601DateFormatter().date(from: text))
    }
}
