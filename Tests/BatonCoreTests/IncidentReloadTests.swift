import BatonCore
import Foundation
import Testing

/// A reloaded config: removed integrations resolve their incidents, and later notices follow the new teams, channels and policies.
struct IncidentReloadTests {
    typealias World = IncidentWorld
    let leads = "sfdc-marketo-leads"

    /// Removing an integration resolves its open incident and tells everyone notified, in the old config's words.
    @Test func removedIntegrationResolves() throws {
        var book = World.book()
        _ = book.change(leads, to: World.stale(at: 0), from: .healthy)
        _ = book.tick(atMinute: 30)
        var config = World.config()
        config.integrations.removeAll { $0.id == leads }

        let actions = book.apply(config: config, at: World.at(45))
        #expect(actions.timeline == ["removed from the config"])
        #expect(actions.events.first?.kind == .resolved)
        #expect(actions.noticeSummary == ["resolved mops-slack", "resolved mcio-teams"])
        let notice = try #require(actions.notices.first)
        #expect(notice.content.headline == "Salesforce → Marketo lead sync was removed from the config: #42 resolved after 45m")
        #expect(notice.content.durationSeconds == 2700 && notice.content.integrationName == "Salesforce → Marketo lead sync")
        #expect(actions.saved.first?.status == .resolved)
        #expect(book.openIncidents.isEmpty)
        #expect(book.tick(atMinute: 46).isEmpty)
        #expect(book.change(leads, to: World.stale(at: 47), from: .healthy).isEmpty)
    }

    /// An unchanged config changes nothing.
    @Test func sameConfigIsQuiet() {
        var book = World.book()
        _ = book.change(leads, to: World.stale(at: 0), from: .healthy)
        #expect(book.apply(config: World.config(), at: World.at(5)).isEmpty)
        #expect(book.openIncident(of: leads)?.stepsFired == 1)
    }

    /// A channel removed from the config is no longer notified, though it was notified before.
    @Test func removedChannelIsNotNotified() throws {
        var book = World.book()
        _ = book.change(leads, to: World.stale(at: 0), from: .healthy)
        _ = book.tick(atMinute: 30)
        var config = World.config()
        config.channels.removeAll { $0.id == "mcio-teams" }
        config.teams = config.teams.map { team in
            var team = team
            team.channels.removeAll { $0 == "mcio-teams" }
            return team
        }
        _ = book.apply(config: config, at: World.at(31))
        #expect(try book.acknowledge(42, by: "alice", note: nil, at: World.at(32)).noticeSummary == ["acknowledged mops-slack"])
    }

    /// An open incident whose policy disappeared follows its integration's new policy; fired steps stay fired.
    @Test func removedPolicyFallsBackToTheIntegrationsPolicy() throws {
        var book = World.book()
        _ = book.change(leads, to: World.stale(at: 0), from: .healthy)
        let fast = EscalationPolicy(id: "fast", steps: [
            EscalationStep(after: .zero, notify: [.owner]), EscalationStep(after: .seconds(300), notify: [.channel("ops-discord")]),
        ])
        var config = World.config(policies: [fast])
        config.integrations = config.integrations.map { integration in
            var integration = integration
            if integration.escalation != nil { integration.escalation = "fast" }
            return integration
        }
        let applied = book.apply(config: config, at: World.at(2))
        #expect(applied.saved.first?.policyID == "fast")
        #expect(applied.events.isEmpty && applied.notices.isEmpty)
        let step = book.tick(atMinute: 5)
        #expect(step.timeline == ["step 2: notified channel ops-discord"])
        #expect(step.noticeSummary == ["escalated ops-discord"])
        #expect(step.notices.first?.content.steps == 2)
    }

    /// A stored open incident of an integration gone from the config (changed while the daemon was down) resolves on the first tick.
    @Test func orphanFromStorageResolvesOnFirstTick() throws {
        let stored = Incident(
            id: 7, integrationID: "retired-sync", policyID: "standard", openedAt: World.at(0), openingState: .down,
            openingReason: .text("HTTP 503"), stepsFired: 1, notifiedChannels: ["mops-slack"], eventCount: 2
        )
        var book = World.book(incidents: [stored], nextIncidentID: 8)
        let actions = book.tick(atMinute: 60)
        #expect(actions.timeline == ["removed from the config"])
        #expect(actions.noticeSummary == ["resolved mops-slack"])
        #expect(actions.notices.first?.key == "msg_7_2_mops-slack")
        #expect(actions.notices.first?.content.headline == "retired-sync was removed from the config: #7 resolved after 1h")
        #expect(book.openIncidents.isEmpty)
        #expect(book.tick(atMinute: 61).isEmpty)
    }
}
