import BatonCore
import Foundation
import Testing

/// Which silence or maintenance window covers an integration, and what the verdict says.
struct SilenceIndexTests {
    typealias World = IncidentWorld
    static let leads = IncidentWorld.leads  // tags crm, tier1; owner marketing-ops

    static func silence(_ id: Int, _ matcher: IntegrationMatcher, ends minutes: Double, removed: Double? = nil) -> Silence {
        Silence(
            id: id, matcher: matcher, reason: "vendor ticket 1234", createdBy: "alice", createdAt: World.at(0),
            endsAt: World.at(minutes), removedAt: removed.map(World.at)
        )
    }

    /// A silence covers by id, tag or owner while active, and names itself and its author.
    @Test(arguments: [
        IntegrationMatcher(integrations: ["sfdc-marketo-leads"]),
        IntegrationMatcher(tags: ["tier1"]),
        IntegrationMatcher(owners: ["marketing-ops"]),
    ])
    func silenceMatches(matcher: IntegrationMatcher) {
        let index = SilenceIndex(silences: [Self.silence(3, matcher, ends: 120)], maintenance: [], at: World.at(60))
        #expect(index.verdict(for: Self.leads) == SilenceVerdict(description: "silence #3 by alice: vendor ticket 1234", until: World.at(120)))
    }

    /// Not yet started, ended, removed, or about someone else: no verdict.
    @Test(arguments: [
        (silence(3, IntegrationMatcher(tags: ["crm"]), ends: 120), -1.0),
        (silence(3, IntegrationMatcher(tags: ["crm"]), ends: 120), 120.0),
        (silence(3, IntegrationMatcher(tags: ["crm"]), ends: 120, removed: 30), 60.0),
        (silence(3, IntegrationMatcher(tags: ["web"]), ends: 120), 60.0),
        (silence(3, IntegrationMatcher(), ends: 120), 60.0),
    ])
    func noVerdict(silence: Silence, minute: Double) {
        #expect(SilenceIndex(silences: [silence], maintenance: [], at: World.at(minute)).verdict(for: Self.leads) == nil)
    }

    /// Of several that apply, the one ending last is reported.
    @Test func longestWins() throws {
        let utc = try #require(TimeZone(identifier: "UTC"))
        let window = MaintenanceWindow(
            match: IntegrationMatcher(tags: ["crm"]), cron: try CronSchedule(parsing: "0 10 * * *"), duration: .seconds(3 * 3600), reason: "vendor maintenance"
        )
        let silences = [
            Self.silence(3, IntegrationMatcher(tags: ["crm"]), ends: 120),
            Self.silence(4, IntegrationMatcher(owners: ["marketing-ops"]), ends: 150),
            Self.silence(5, IntegrationMatcher(owners: ["marketing-ops"]), ends: 90),
        ]
        let index = SilenceIndex(silences: silences, maintenance: [window], at: World.at(60), defaultTimeZone: utc)
        #expect(index.verdict(for: Self.leads)?.description == "maintenance: vendor maintenance")
        #expect(index.verdict(for: Self.leads)?.until == World.at(180))
        let shorter = SilenceIndex(silences: silences, maintenance: [], at: World.at(60), defaultTimeZone: utc)
        #expect(shorter.verdict(for: Self.leads)?.description == "silence #4 by alice: vendor ticket 1234")
        #expect(SilenceIndex(silences: [], maintenance: [], at: World.at(60)).verdict(for: Self.leads) == nil)
    }
}
