import BatonCore
import Foundation
import Testing

/// Opening, the escalation ladder, acknowledgement and resolution, on an injected clock.
struct IncidentEscalationTests {
    typealias World = IncidentWorld
    let leads = "sfdc-marketo-leads"

    /// The walk-through: open → step 1 at 0 → step 2 at 30 m → ack → no step 3 → resolve, with the exact notices each time.
    @Test func openEscalateAcknowledgeResolve() throws {
        var book = World.book()

        let opened = book.change(leads, to: World.stale(at: 0), from: .healthy)
        #expect(opened.timeline == ["opened: stale — last_sync 3h12m old (error after 2h)", "step 1: notified owner marketing-ops (mops-slack)"])
        #expect(opened.noticeSummary == ["opened mops-slack"])
        let first = try #require(opened.notices.first)
        #expect(first.key == "msg_42_1_mops-slack")
        #expect(first.content.headline == "Salesforce → Marketo lead sync is stale: last_sync 3h12m old (error after 2h)")
        #expect(first.content.acknowledgeCommand == "baton ack 42")
        #expect(first.content.step == 1 && first.content.steps == 3)
        #expect(book.nextIncidentID == 43)

        #expect(book.tick(atMinute: 29.99).isEmpty)
        let step2 = book.tick(atMinute: 30)
        #expect(step2.timeline == ["step 2: notified accountable marketing-cio (mcio-teams)"])
        #expect(step2.noticeSummary == ["escalated mcio-teams"])
        #expect(step2.notices.first?.key == "msg_42_2_mcio-teams")
        #expect(step2.notices.first?.content.step == 2)

        let ack = try book.acknowledge(42, by: "alice", note: "vendor ticket 1234", at: World.at(45))
        #expect(ack.timeline == ["acknowledged by alice: vendor ticket 1234"])
        #expect(ack.events.first?.actor == "alice")
        #expect(ack.noticeSummary == ["acknowledged mops-slack", "acknowledged mcio-teams"])
        #expect(ack.notices.allSatisfy { $0.content.headline == "#42 acknowledged by alice: vendor ticket 1234" })
        #expect(ack.notices.allSatisfy { $0.content.acknowledgeCommand == nil && $0.content.acknowledgedBy == "alice" })
        #expect(ack.notices.allSatisfy { $0.content.note == "vendor ticket 1234" })

        #expect(book.tick(atMinute: 120).isEmpty)
        #expect(book.tick(atMinute: 600).isEmpty)

        let resolved = book.change(leads, to: World.condition(.healthy, at: 612, "last_sync 2m old"), from: .stale)
        #expect(resolved.timeline == ["resolved after 10h12m"])
        #expect(resolved.noticeSummary == ["resolved mops-slack", "resolved mcio-teams"])
        let notice = try #require(resolved.notices.first)
        #expect(notice.content.headline == "Salesforce → Marketo lead sync recovered: #42 resolved after 10h12m")
        #expect(notice.content.durationSeconds == 36_720)
        #expect(notice.content.state == "healthy" && notice.content.reason == "last_sync 2m old")
        #expect(notice.content.acknowledgeCommand == nil)

        let incident = try #require(resolved.saved.first)
        #expect(incident.status == .resolved && incident.resolvedAt == World.at(612))
        #expect(incident.stepsFired == 2 && incident.notifiedChannels == ["mops-slack", "mcio-teams"])
        #expect(book.openIncidents.isEmpty)
    }

    /// Each step fires at `openedAt + after`, not a moment before, and reaches its own recipients.
    @Test(arguments: [
        (0.0, 1, ["mops-slack"]),
        (29.99, 1, ["mops-slack"]),
        (30.0, 2, ["mops-slack", "mcio-teams"]),
        (119.99, 2, ["mops-slack", "mcio-teams"]),
        (120.0, 3, ["mops-slack", "mcio-teams", "exec-slack", "audit"]),
    ])
    func stepsFireOnTime(minute: Double, stepsFired: Int, notified: [String]) throws {
        var book = World.book()
        _ = book.change(leads, to: World.stale(at: 0), from: .healthy)
        _ = book.tick(atMinute: minute)
        let incident = try #require(book.openIncident(of: leads))
        #expect(incident.stepsFired == stepsFired)
        #expect(incident.notifiedChannels == notified)
    }

    /// Step 3 names the team and both its channels, and notifies each channel once.
    @Test func stepToATeamWithTwoChannels() {
        var book = World.book()
        _ = book.change(leads, to: World.stale(at: 0), from: .healthy)
        _ = book.tick(atMinute: 30)
        let step3 = book.tick(atMinute: 120)
        #expect(step3.timeline == ["step 3: notified team exec (exec-slack, audit)"])
        #expect(step3.noticeSummary == ["escalated exec-slack", "escalated audit"])
        #expect(step3.notices.map(\.key) == ["msg_42_3_exec-slack", "msg_42_3_audit"])
    }

    /// `repeat_every` fires the last step again every 4 h; after a clock jump it fires once, not in a burst.
    @Test func repeatsWithoutBursts() throws {
        var book = World.book()
        _ = book.change(leads, to: World.stale(at: 0), from: .healthy)
        _ = book.tick(atMinute: 30)
        _ = book.tick(atMinute: 120)
        #expect(book.tick(atMinute: 359).isEmpty)

        let repeated = book.tick(atMinute: 360)
        #expect(repeated.timeline == ["repeated step 3"])
        #expect(repeated.events.first?.step == 3)
        #expect(repeated.noticeSummary == ["repeated exec-slack", "repeated audit"])
        #expect(repeated.notices.first?.content.headline == "Salesforce → Marketo lead sync is stale: last_sync 3h12m old (error after 2h)")

        // The clock jumps 16 h: repeats 2…5 are all overdue; one fires.
        let jumped = book.tick(atMinute: 1320)
        #expect(jumped.noticeSummary == ["repeated exec-slack", "repeated audit"])
        #expect(try #require(book.openIncident(of: leads)).repeatsFired == 5)
        #expect(book.tick(atMinute: 1321).isEmpty)
        #expect(book.tick(atMinute: 1559).isEmpty)
        #expect(book.tick(atMinute: 1560).noticeSummary == ["repeated exec-slack", "repeated audit"])
    }

    /// After a restart with the clock past steps 2 and 3, both fire once, in order; a second tick fires nothing.
    @Test func restartFiresMissedStepsOnceInOrder() throws {
        let stored = Incident(
            id: 42, integrationID: leads, policyID: "standard", openedAt: World.at(0), openingState: .stale,
            openingReason: World.staleReason, stepsFired: 1, notifiedChannels: ["mops-slack"], eventCount: 2
        )
        var book = World.book(incidents: [stored], nextIncidentID: 43)
        let caughtUp = book.tick(atMinute: 150)
        #expect(caughtUp.timeline == ["step 2: notified accountable marketing-cio (mcio-teams)", "step 3: notified team exec (exec-slack, audit)"])
        #expect(caughtUp.noticeSummary == ["escalated mcio-teams", "escalated exec-slack", "escalated audit"])
        #expect(caughtUp.notices.map(\.key) == ["msg_42_2_mcio-teams", "msg_42_3_exec-slack", "msg_42_3_audit"])
        #expect(caughtUp.saved.count == 1)
        #expect(book.tick(atMinute: 150).isEmpty)
        #expect(book.tick(atMinute: 151).isEmpty)
    }

    /// A restart far past the last step fires the missed steps, but not also a repeat on top of them.
    @Test func restartPastRepeatsFiresNoRepeatWithTheLastStep() throws {
        let stored = Incident(
            id: 42, integrationID: leads, policyID: "standard", openedAt: World.at(0), openingState: .stale,
            openingReason: World.staleReason, stepsFired: 1, notifiedChannels: ["mops-slack"], eventCount: 2
        )
        var book = World.book(incidents: [stored], nextIncidentID: 43)
        let caughtUp = book.tick(atMinute: 7 * 60)
        #expect(caughtUp.events.map(\.kind) == [.escalated, .escalated])
        let incident = try #require(book.openIncident(of: leads))
        #expect(incident.stepsFired == 3 && incident.repeatsFired == 1)
        #expect(book.tick(atMinute: 599).isEmpty)
        #expect(book.tick(atMinute: 600).events.map(\.kind) == [.repeated])
    }

    /// An integration without a policy gets one implicit step: its owner, at once, never repeated.
    @Test func noPolicyNotifiesTheOwnerOnce() throws {
        var book = World.book()
        let opened = book.change("ga4-bigquery-export", to: World.condition(.stale, at: 0, "heartbeat 25h overdue"), from: .healthy)
        #expect(opened.noticeSummary == ["opened mops-slack"])
        #expect(opened.notices.first?.content.steps == 1)
        #expect(opened.saved.first?.policyID == nil)
        #expect(opened.notices.first?.content.accountable == nil)
        #expect(book.tick(atMinute: 24 * 60).isEmpty)
    }

    /// A notice carries the integration, its teams by name, SLA, dependents, the status-page link and since when.
    @Test func noticeContentNamesEverything() throws {
        var book = World.book()
        let notice = try #require(book.change(leads, to: World.stale(at: 0), from: .healthy).notices.first)
        let content = notice.content
        #expect(content.integrationID == leads && content.integrationName == "Salesforce → Marketo lead sync")
        #expect(content.tools == ["Salesforce", "Marketo"])
        #expect(content.owner == TeamRef(id: "marketing-ops", name: "Marketing Operations"))
        #expect(content.accountable == TeamRef(id: "marketing-cio", name: "Marketing CIO office"))
        #expect(content.state == "stale" && content.reason == World.staleReason)
        #expect(content.since == World.at(0) && content.incidentID == 42)
        #expect(content.blocks == ["lead-scoring"])
        #expect(content.slaTarget == 99.5)
        #expect(content.link == "https://baton.example.com/")
        #expect(notice.createdAt == World.at(0) && notice.incidentID == 42)
    }

    /// Without `public_url` notices carry no link.
    @Test func noLinkWithoutPublicURL() throws {
        var book = World.book(config: World.config(publicURL: nil))
        #expect(try #require(book.change(leads, to: World.stale(at: 0), from: .healthy).notices.first).content.link == nil)
    }

    /// Every notice key is unique and names its incident, the timeline entry that caused it, and its channel.
    @Test func idempotencyKeysAreUniquePerChannelAndEvent() throws {
        var book = World.book()
        var actions = book.change(leads, to: World.stale(at: 0), from: .healthy)
        actions += book.tick(atMinute: 30)
        actions += book.tick(atMinute: 120)
        actions += book.tick(atMinute: 360)
        actions += try book.acknowledge(42, by: "alice", note: nil, at: World.at(400))
        actions += book.change(leads, to: World.condition(.healthy, at: 420), from: .stale)
        let keys = actions.notices.map(\.key)
        #expect(keys.count == 1 + 1 + 2 + 2 + 4 + 4)  // steps 1–3, a repeat, then ack and resolve reach all four channels
        #expect(Set(keys).count == keys.count)
        let sequences = Dictionary(uniqueKeysWithValues: actions.events.map { ($0.sequence, $0) })
        for notice in actions.notices {
            let parts = notice.key.split(separator: "_")
            #expect(parts.count == 4 && parts[0] == "msg" && parts[1] == "42" && parts[3] == Substring(notice.channelID))
            let sequence = try #require(Int(parts[2]))
            #expect(sequences[sequence] != nil)
        }
        #expect(actions.events.map(\.sequence) == Array(0..<actions.events.count))
    }

    /// Between breach states an open incident only records the change; no notice, no new incident.
    @Test func changeBetweenBreachStatesIsQuiet() throws {
        var book = World.book()
        _ = book.change(leads, to: World.condition(.down, at: 0, "HTTP 503"), from: .healthy)
        let changed = book.change(leads, to: World.stale(at: 10, "last_sync 3h old (error after 2h)"), from: .down)
        #expect(changed.timeline == ["down → stale: last_sync 3h old (error after 2h)"])
        #expect(changed.events.first?.kind == .changed)
        #expect(changed.notices.isEmpty)
        let incident = try #require(book.openIncident(of: leads))
        #expect(incident.state == .stale && incident.reason == "last_sync 3h old (error after 2h)")
        #expect(incident.openingState == .down && incident.openingReason == "HTTP 503")
        #expect(book.openIncidents.count == 1 && book.nextIncidentID == 43)
    }

    /// `unknown` neither opens nor resolves; `blocked` and `degraded` never open an incident.
    @Test(arguments: [IntegrationState.unknown, .blocked, .degraded, .healthy])
    func nonBreachOpensNothing(state: IntegrationState) {
        var book = World.book()
        #expect(book.change(leads, to: World.condition(state, at: 0, blockedBy: state == .blocked ? ["sfdc-api"] : []), from: .healthy).isEmpty)
        #expect(book.tick(atMinute: 1).isEmpty)
        #expect(book.openIncidents.isEmpty)
    }

    /// An open incident survives `unknown` (no probe result yet after a reload).
    @Test func unknownKeepsTheIncidentOpen() {
        var book = World.book()
        _ = book.change(leads, to: World.stale(at: 0), from: .healthy)
        #expect(book.change(leads, to: World.condition(.unknown, at: 5), from: .stale).isEmpty)
        #expect(book.openIncident(of: leads)?.id == 42)
    }

    /// Changes for integrations the config does not have are ignored.
    @Test func unconfiguredIntegrationIsIgnored() {
        var book = World.book()
        #expect(book.change("nope", to: World.stale(at: 0), from: .healthy).isEmpty)
        #expect(book.tick(atMinute: 1).isEmpty)
    }
}
