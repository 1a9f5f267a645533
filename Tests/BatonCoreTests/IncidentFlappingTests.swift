import BatonCore
import Foundation
import Testing

/// The cool-down: a breach soon after resolution re-opens the same incident, and a flapping one resolves only once it stays quiet.
struct IncidentFlappingTests {
    typealias World = IncidentWorld
    let leads = "sfdc-marketo-leads"

    /// Resolve, re-open, recover, breach, recover, wait: exactly four notices — opened, resolved, re-opened, resolved.
    @Test func flappingSendsFourNotices() throws {
        var book = World.book()
        var all = book.change(leads, to: World.stale(at: 0), from: .healthy)

        let resolved = book.change(leads, to: World.condition(.healthy, at: 2), from: .stale)
        #expect(resolved.noticeSummary == ["resolved mops-slack"])
        all += resolved

        let reopened = book.change(leads, to: World.condition(.down, at: 5, "HTTP 503"), from: .healthy)
        #expect(reopened.timeline == ["re-opened: down — HTTP 503"])
        #expect(reopened.noticeSummary == ["reopened mops-slack"])
        #expect(reopened.notices.first?.content.headline == "Salesforce → Marketo lead sync is down again: HTTP 503 (#42 re-opened)")
        let incident = try #require(reopened.saved.first)
        #expect(incident.id == 42 && incident.isOpen && incident.resolvedAt == nil && incident.reopenCount == 1)
        all += reopened

        let recovering = book.change(leads, to: World.condition(.healthy, at: 7), from: .down)
        #expect(recovering.timeline == ["recovering: resolves after 10m without a new breach"])
        #expect(recovering.notices.isEmpty)
        #expect(book.openIncident(of: leads)?.recoveringSince == World.at(7))
        all += recovering

        let breachedAgain = book.change(leads, to: World.condition(.down, at: 9, "HTTP 503"), from: .healthy)
        #expect(breachedAgain.timeline == ["healthy → down: HTTP 503"])
        #expect(breachedAgain.events.first?.kind == .changed)
        #expect(breachedAgain.notices.isEmpty)
        #expect(book.openIncident(of: leads)?.recoveringSince == nil)
        all += breachedAgain

        all += book.change(leads, to: World.condition(.degraded, at: 11, "last_sync 40m old (warn after 30m)"), from: .down)
        all += book.tick(atMinute: 15)
        #expect(book.tick(atMinute: 20.99).isEmpty)

        let final = book.tick(atMinute: 21)
        #expect(final.timeline == ["resolved after 11m"])
        let notice = try #require(final.notices.first)
        #expect(notice.content.headline == "Salesforce → Marketo lead sync recovered: #42 resolved after 11m")
        #expect(notice.content.durationSeconds == 660 && notice.content.state == "degraded")
        #expect(final.saved.first?.resolvedAt == World.at(11))
        all += final

        #expect(all.notices.map(\.kind) == [.opened, .resolved, .reopened, .resolved])
        #expect(book.openIncidents.isEmpty)
    }

    /// A re-opened incident keeps its schedule: a step that came due while it was resolved fires right after the re-opened notice.
    @Test func reopenedEscalationContinuesOnTheOriginalSchedule() throws {
        var book = World.book()
        _ = book.change(leads, to: World.stale(at: 0), from: .healthy)
        _ = book.change(leads, to: World.condition(.healthy, at: 25), from: .stale)
        let reopened = book.change(leads, to: World.stale(at: 32), from: .healthy)
        #expect(reopened.noticeSummary == ["reopened mops-slack", "escalated mcio-teams"])
        #expect(reopened.timeline == ["re-opened: stale — last_sync 3h12m old (error after 2h)", "step 2: notified accountable marketing-cio (mcio-teams)"])
        #expect(book.tick(atMinute: 119).isEmpty)
        #expect(book.tick(atMinute: 120).noticeSummary == ["escalated exec-slack", "escalated audit"])
    }

    /// The cool-down is measured from the resolution: at exactly 10 minutes a breach opens a new incident.
    @Test(arguments: [(11.99, 42), (12.0, 43)])
    func breachAfterTheCooldownOpensANewIncident(minute: Double, expectedID: Int) throws {
        var book = World.book()
        _ = book.change(leads, to: World.stale(at: 0), from: .healthy)
        _ = book.change(leads, to: World.condition(.healthy, at: 2), from: .stale)
        let actions = book.change(leads, to: World.stale(at: minute), from: .healthy)
        #expect(actions.saved.first?.id == expectedID)
        #expect(actions.notices.first?.kind == (expectedID == 42 ? .reopened : .opened))
    }

    /// A tick forgets incidents resolved longer ago than the cool-down; a later breach opens a new one.
    @Test func tickForgetsOldResolvedIncidents() throws {
        var book = World.book()
        _ = book.change(leads, to: World.stale(at: 0), from: .healthy)
        _ = book.change(leads, to: World.condition(.healthy, at: 2), from: .stale)
        #expect(book.tick(atMinute: 12).isEmpty)
        #expect(throws: AcknowledgeError.resolved(42)) { try book.acknowledge(42, by: "alice", note: nil, at: World.at(13)) }
        let next = book.change(leads, to: World.stale(at: 13), from: .healthy)
        #expect(next.saved.first?.id == 43)
    }

    /// An acknowledged incident that re-opens stays acknowledged: its notice offers no `baton ack`, and it does not escalate.
    @Test func reopenedAcknowledgedIncidentStaysQuiet() throws {
        var book = World.book()
        _ = book.change(leads, to: World.stale(at: 0), from: .healthy)
        _ = try book.acknowledge(42, by: "alice", note: nil, at: World.at(1))
        _ = book.change(leads, to: World.condition(.healthy, at: 20), from: .stale)
        let reopened = book.change(leads, to: World.stale(at: 28), from: .healthy)
        #expect(reopened.noticeSummary == ["reopened mops-slack"])
        #expect(reopened.notices.first?.content.acknowledgeCommand == nil)
        #expect(book.tick(atMinute: 600).isEmpty)
    }
}
