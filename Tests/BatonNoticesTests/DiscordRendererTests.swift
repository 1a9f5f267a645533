import BatonCore
import Foundation
import Testing

@testable import BatonNotices

@Suite struct DiscordRendererTests {
    /// The body is `content` plus one embed with title, description, colour, fields and timestamp, and pings nobody.
    @Test func embedShape() throws {
        let json = try JSONReading.object(try NoticeFixtures.render(NoticeFixtures.notice(.opened), on: .discord))
        #expect(try JSONReading.string(json["content"]).hasPrefix("🟠 \\#42 Salesforce → Marketo lead sync is stale"))
        #expect(try JSONReading.object(json["allowed_mentions"])["parse"] as? [String] == [])
        let embeds = try JSONReading.array(json["embeds"])
        #expect(embeds.count == 1)
        let embed = embeds[0]
        #expect(embed["title"] as? String == "🟠 #42 Salesforce → Marketo lead sync is stale")
        #expect(embed["description"] as? String == "Last sync 3 h 12 min ago; SLA is 2 h.")
        #expect(embed["color"] as? Int == 0xF2711C)
        #expect(embed["timestamp"] as? String == "2026-11-23T12:00:00Z")
        #expect(embed["url"] as? String == NoticeFixtures.link)
        let fields = try JSONReading.array(embed["fields"])
        #expect(fields.count <= 25)
        let values = Dictionary(uniqueKeysWithValues: fields.compactMap { field in (field["name"] as? String).map { ($0, field["value"] as? String ?? "") } })
        #expect(values["Owner"] == "Marketing Operations")
        #expect(values["Incident"] == "\\#42, step 2 of 3")
        #expect(values["Since"] == "<t:1795423680:f>")
        #expect(values["Blocks"] == "hubspot\\-forms\\-sfdc")
        #expect(values["To acknowledge"] == "`baton ack 42`")
        #expect(fields.allSatisfy { ($0["value"] as? String ?? "").utf16.count <= 1024 })
    }

    /// The embed colour says the state: down red, stale orange, degraded yellow, recovered green, acknowledged blue, silenced grey.
    @Test(arguments: [
        (Notice.Kind.opened, "down", 0xE01E5A), (.opened, "stale", 0xF2711C), (.escalated, "degraded", 0xECB22E), (.repeated, "blocked", 0x9B59B6),
        (.resolved, "healthy", 0x2EB67D), (.acknowledged, "stale", 0x1D9BD1), (.silenced, "down", 0x8D8D8D), (.test, "", 0x5865F2),
    ])
    func colourByState(kind: Notice.Kind, state: String, colour: Int) throws {
        let notice = NoticeFixtures.notice(kind, NoticeFixtures.content(state: state))
        let json = try JSONReading.object(try NoticeFixtures.render(notice, on: .discord))
        #expect(try JSONReading.array(json["embeds"])[0]["color"] as? Int == colour)
    }
}
