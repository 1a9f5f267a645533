import BatonCore
import Foundation
import Testing

/// Acknowledgement: who may, what it stops, and the errors in plain words.
struct IncidentAcknowledgeTests {
    typealias World = IncidentWorld
    let leads = "sfdc-marketo-leads"

    /// #42 open and acknowledged by alice, #43 resolved (ga4), next id 44.
    func book() throws -> IncidentBook {
        var book = World.book()
        _ = book.change(leads, to: World.stale(at: 0), from: .healthy)
        _ = try book.acknowledge(42, by: "alice", note: nil, at: World.at(1))
        _ = book.change("ga4-bigquery-export", to: World.stale(at: 0), from: .healthy)
        _ = book.change("ga4-bigquery-export", to: World.condition(.healthy, at: 2), from: .stale)
        return book
    }

    /// Unknown, resolved (recently, or long ago and forgotten) and already acknowledged incidents are refused.
    @Test(arguments: [
        (42, 3.0, AcknowledgeError.alreadyAcknowledged(42, by: "alice")),
        (43, 3.0, .resolved(43)),
        (43, 60.0, .resolved(43)),
        (44, 3.0, .unknown(44)),
        (0, 3.0, .unknown(0)),
        (-1, 3.0, .unknown(-1)),
    ])
    func refused(id: Int, minute: Double, error: AcknowledgeError) throws {
        var book = try book()
        _ = book.tick(atMinute: minute)
        #expect(throws: error) { try book.acknowledge(id, by: "bob", note: nil, at: World.at(minute)) }
    }

    /// The errors read as one plain sentence.
    @Test(arguments: [
        (AcknowledgeError.unknown(7), "no incident #7"),
        (.resolved(7), "incident #7 is already resolved"),
        (.alreadyAcknowledged(7, by: "alice"), "incident #7 was already acknowledged by alice"),
    ])
    func errorDescriptions(error: AcknowledgeError, text: String) {
        #expect(error.description == text)
    }

    /// A blank note counts as none; the acknowledgement is saved with who and when.
    @Test func blankNoteIsNone() throws {
        var book = World.book()
        _ = book.change(leads, to: World.stale(at: 0), from: .healthy)
        let ack = try book.acknowledge(42, by: "bob", note: "  ", at: World.at(3))
        #expect(ack.timeline == ["acknowledged by bob"])
        #expect(ack.notices.first?.content.headline == "#42 acknowledged by bob")
        let incident = try #require(ack.saved.first)
        #expect(incident.acknowledgedBy == "bob" && incident.acknowledgedAt == World.at(3) && incident.acknowledgementNote == nil)
    }

    /// A recovering (flapping) incident can be acknowledged; it still resolves after the cool-down.
    @Test func acknowledgeWhileRecovering() throws {
        var book = World.book()
        _ = book.change(leads, to: World.stale(at: 0), from: .healthy)
        _ = book.change(leads, to: World.condition(.healthy, at: 1), from: .stale)
        _ = book.change(leads, to: World.stale(at: 2), from: .healthy)
        _ = book.change(leads, to: World.condition(.healthy, at: 3), from: .stale)
        #expect(try book.acknowledge(42, by: "carol", note: nil, at: World.at(4)).noticeSummary == ["acknowledged mops-slack"])
        #expect(book.tick(atMinute: 13).noticeSummary == ["resolved mops-slack"])
    }
}
