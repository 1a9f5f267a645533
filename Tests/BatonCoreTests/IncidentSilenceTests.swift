import BatonCore
import Foundation
import Testing

/// Silences and maintenance windows: no incident while silenced, and an open incident pauses and resumes.
struct IncidentSilenceTests {
    typealias World = IncidentWorld
    let leads = "sfdc-marketo-leads"
    let ticket = SilenceVerdict(description: "silence #3 by alice: vendor ticket 1234", until: IncidentWorld.at(60))
    let window = SilenceVerdict(description: "maintenance: vendor maintenance", until: IncidentWorld.at(70))

    /// A breach during a silence opens no incident; the first tick after the silence ends opens one, dated then.
    @Test func breachDuringSilenceOpensWhenTheSilenceEnds() throws {
        var book = World.book()
        #expect(book.integrationChanged(leads, to: World.stale(at: 0), from: .healthy, silence: ticket).isEmpty)
        #expect(book.tick(at: World.at(30)) { _ in ticket }.isEmpty)
        #expect(book.openIncidents.isEmpty)

        let opened = book.tick(atMinute: 60)
        #expect(opened.timeline == ["opened: stale — last_sync 3h12m old (error after 2h)", "step 1: notified owner marketing-ops (mops-slack)"])
        #expect(opened.noticeSummary == ["opened mops-slack"])
        let incident = try #require(book.openIncident(of: leads))
        #expect(incident.openedAt == World.at(60) && incident.id == 42)
        #expect(book.tick(atMinute: 89).isEmpty)
        #expect(book.tick(atMinute: 90).noticeSummary == ["escalated mcio-teams"])
    }

    /// A breach that ends during its silence never opens an incident.
    @Test func breachEndingDuringSilenceOpensNothing() {
        var book = World.book()
        _ = book.integrationChanged(leads, to: World.stale(at: 0), from: .healthy, silence: ticket)
        _ = book.integrationChanged(leads, to: World.condition(.healthy, at: 20), from: .stale, silence: ticket)
        #expect(book.tick(atMinute: 61).isEmpty)
        #expect(book.openIncidents.isEmpty)
    }

    /// A silence starting mid-incident is announced and pauses escalation; when it ends, the steps that came due fire, in order, once.
    @Test func silenceMidIncidentPausesAndResumes() throws {
        var book = World.book()
        _ = book.change(leads, to: World.stale(at: 0), from: .healthy)

        let silenced = book.tick(at: World.at(10)) { _ in window }
        #expect(silenced.timeline == ["silenced: maintenance: vendor maintenance"])
        #expect(silenced.noticeSummary == ["silenced mops-slack"])
        let notice = try #require(silenced.notices.first)
        #expect(notice.content.headline == "#42 silenced: maintenance: vendor maintenance")
        #expect(notice.content.acknowledgeCommand == "baton ack 42")
        #expect(book.openIncident(of: leads)?.silencedBy == "maintenance: vendor maintenance")

        #expect(book.tick(at: World.at(30)) { _ in window }.isEmpty)
        #expect(book.tick(at: World.at(125)) { _ in window }.isEmpty)

        let resumed = book.tick(atMinute: 130)
        #expect(resumed.timeline == [
            "silence ended", "step 2: notified accountable marketing-cio (mcio-teams)", "step 3: notified team exec (exec-slack, audit)",
        ])
        #expect(resumed.noticeSummary == ["unsilenced mops-slack", "escalated mcio-teams", "escalated exec-slack", "escalated audit"])
        #expect(resumed.notices.first?.content.headline == "#42: silence ended, escalation resumes")
        #expect(book.openIncident(of: leads)?.silencedBy == nil)
        #expect(book.tick(atMinute: 131).isEmpty)
    }

    /// A change report that comes with a silence marks the open incident silenced at once.
    @Test func silenceNoticedOnAStateChange() {
        var book = World.book()
        _ = book.change(leads, to: World.stale(at: 0), from: .healthy)
        let actions = book.integrationChanged(leads, to: World.condition(.down, at: 5, "HTTP 503"), from: .stale, silence: window)
        #expect(actions.timeline == ["stale → down: HTTP 503", "silenced: maintenance: vendor maintenance"])
        #expect(actions.noticeSummary == ["silenced mops-slack"])
        #expect(book.tick(at: World.at(30)) { _ in window }.isEmpty)
    }

    /// Repeats that came due during a silence are skipped, not sent on its end; the next one keeps its slot.
    @Test func repeatsDoNotCatchUpAfterASilence() throws {
        var book = World.book()
        _ = book.change(leads, to: World.stale(at: 0), from: .healthy)
        _ = book.tick(atMinute: 30)
        _ = book.tick(atMinute: 120)
        let long = SilenceVerdict(description: "maintenance: vendor maintenance", until: World.at(800))
        _ = book.tick(at: World.at(200)) { _ in long }
        #expect(book.tick(at: World.at(360)) { _ in long }.isEmpty)
        let resumed = book.tick(atMinute: 800)
        #expect(resumed.events.map(\.kind) == [.unsilenced])
        #expect(resumed.noticeSummary == ["unsilenced mops-slack", "unsilenced mcio-teams", "unsilenced exec-slack", "unsilenced audit"])
        #expect(try #require(book.openIncident(of: leads)).repeatsFired == 2)
        #expect(book.tick(atMinute: 839).isEmpty)
        #expect(book.tick(atMinute: 840).events.map(\.kind) == [.repeated])
    }

    /// An acknowledged incident hears that its silence ended, without a promise of escalation.
    @Test func unsilencingAnAcknowledgedIncident() throws {
        var book = World.book()
        _ = book.change(leads, to: World.stale(at: 0), from: .healthy)
        _ = book.tick(at: World.at(5)) { _ in window }
        _ = try book.acknowledge(42, by: "bob", note: nil, at: World.at(6))
        let ended = book.tick(atMinute: 70)
        #expect(ended.notices.first?.content.headline == "#42: silence ended")
        #expect(ended.events.map(\.kind) == [.unsilenced])
    }

    /// A maintenance window (SPEC: crm, Sundays 02:00 for 2 h) opening mid-incident silences it; after it, the due steps fire.
    @Test func maintenanceWindowMidIncident() throws {
        var config = World.config()
        config.maintenance = [
            MaintenanceWindow(match: IntegrationMatcher(tags: ["crm"]), cron: try CronSchedule(parsing: "0 2 * * SUN"), duration: .seconds(7200), reason: "vendor maintenance"),
        ]
        let utc = try #require(TimeZone(identifier: "UTC"))
        func silence(at minutes: Double) -> (String) -> SilenceVerdict? {
            let index = SilenceIndex(silences: [], maintenance: config.maintenance, at: World.at(minutes), defaultTimeZone: utc)
            return { id in config.integration(id).flatMap(index.verdict(for:)) }
        }
        // Sunday 29 November 2026, 02:00Z is minute 8160 after t0 (Monday 10:00Z).
        var book = World.book(config: config)
        #expect(book.integrationChanged(leads, to: World.stale(at: 8130), from: .healthy, silence: silence(at: 8130)("sfdc-marketo-leads")).noticeSummary == ["opened mops-slack"])

        // Step 2 falls due the minute the window opens: the window wins.
        let silenced = book.tick(at: World.at(8160), silence: silence(at: 8160))
        #expect(silenced.timeline == ["silenced: maintenance: vendor maintenance"])
        #expect(book.tick(at: World.at(8279), silence: silence(at: 8279)).isEmpty)

        let resumed = book.tick(at: World.at(8280), silence: silence(at: 8280))
        #expect(resumed.noticeSummary == ["unsilenced mops-slack", "escalated mcio-teams", "escalated exec-slack", "escalated audit"])
        #expect(book.tick(at: World.at(8281), silence: silence(at: 8281)).isEmpty)
    }

    /// A breach inside a maintenance window opens its incident when the window closes.
    @Test func breachInsideMaintenanceWindow() throws {
        var config = World.config()
        config.maintenance = [
            MaintenanceWindow(match: IntegrationMatcher(integrations: ["sfdc-marketo-leads"]), cron: try CronSchedule(parsing: "0 2 * * SUN"), duration: .seconds(7200), reason: "vendor maintenance", timezone: "UTC"),
        ]
        func silence(at minutes: Double) -> (String) -> SilenceVerdict? {
            let index = SilenceIndex(silences: [], maintenance: config.maintenance, at: World.at(minutes))
            return { id in config.integration(id).flatMap(index.verdict(for:)) }
        }
        var book = World.book(config: config)
        #expect(book.integrationChanged(leads, to: World.stale(at: 8200), from: .healthy, silence: silence(at: 8200)(leads)).isEmpty)
        #expect(book.tick(at: World.at(8279), silence: silence(at: 8279)).isEmpty)
        let opened = book.tick(at: World.at(8280), silence: silence(at: 8280))
        #expect(opened.noticeSummary == ["opened mops-slack"])
        #expect(book.openIncident(of: leads)?.openedAt == World.at(8280))
    }
}
