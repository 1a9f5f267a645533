import BatonCore
import Foundation
import Testing

/// Dependencies: a blocked integration raises no incident of its own; the root cause's notices say what it blocks.
struct IncidentDependencyTests {
    typealias World = IncidentWorld

    static let chain = World.config(integrations: [
        World.integration("a"), World.integration("b", dependsOn: ["a"]), World.integration("c", dependsOn: ["b"]),
    ])

    /// In a chain a ← b ← c with a down and b, c blocked, only a has an incident, and its notices list b and c.
    @Test func onlyTheRootCauseHasAnIncident() throws {
        var book = World.book(config: Self.chain)
        let opened = book.change("a", to: World.condition(.down, at: 0, "HTTP 503"), from: .healthy)
        #expect(book.change("b", to: World.condition(.blocked, at: 0, blockedBy: ["a"]), from: .healthy).isEmpty)
        #expect(book.change("c", to: World.condition(.blocked, at: 0, blockedBy: ["a"]), from: .healthy).isEmpty)
        #expect(opened.notices.first?.content.blocks == ["b", "c"])

        var later = book.tick(atMinute: 30)
        later += book.tick(atMinute: 120)
        #expect(book.openIncidents.map(\.integrationID) == ["a"])
        #expect(later.notices.allSatisfy { $0.content.blocks == ["b", "c"] && $0.content.integrationID == "a" })
        #expect(later.noticeSummary == ["escalated mcio-teams", "escalated exec-slack", "escalated audit"])
    }

    /// An open incident that becomes blocked stays open, says so quietly, and pauses; back in breach, the due step fires.
    @Test func openIncidentBecomingBlocked() throws {
        var book = World.book(config: Self.chain)
        _ = book.change("b", to: World.stale(at: 0), from: .healthy)

        let blocked = book.change("b", to: World.condition(.blocked, at: 10, blockedBy: ["a"]), from: .stale)
        #expect(blocked.timeline == ["blocked by a"])
        #expect(blocked.notices.isEmpty)
        let incident = try #require(book.openIncident(of: "b"))
        #expect(incident.state == .blocked && incident.reason == "blocked by a")

        #expect(book.tick(atMinute: 30).isEmpty)
        let back = book.change("b", to: World.stale(at: 40), from: .blocked)
        #expect(back.timeline == ["blocked → stale: last_sync 3h12m old (error after 2h)", "step 2: notified accountable marketing-cio (mcio-teams)"])
        #expect(back.noticeSummary == ["escalated mcio-teams"])
    }

    /// Once the root cause recovers, a dependent that is still in breach on its own gets its own incident.
    @Test func dependentBreachingOnItsOwnAfterwards() {
        var book = World.book(config: Self.chain)
        _ = book.change("a", to: World.condition(.down, at: 0, "HTTP 503"), from: .healthy)
        _ = book.change("b", to: World.condition(.blocked, at: 0, blockedBy: ["a"]), from: .healthy)
        _ = book.change("a", to: World.condition(.healthy, at: 20), from: .down)
        let own = book.change("b", to: World.stale(at: 20), from: .blocked)
        #expect(own.saved.first?.id == 43)
        #expect(own.notices.first?.content.blocks == ["c"])
        #expect(book.openIncidents.map(\.integrationID) == ["b"])
    }
}
