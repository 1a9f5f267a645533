import Foundation
import Testing

@testable import BatonNotices

@Suite struct SlackRendererTests {
    /// An opened incident is Block Kit: a `text` fallback, a header, a lead section, fact fields, the ack hint and a context link.
    @Test func blockKitShape() throws {
        let message = try NoticeFixtures.render(NoticeFixtures.notice(.opened), on: .slack)
        #expect(message.contentType == "application/json; charset=utf-8")
        let json = try JSONReading.object(message)
        #expect(Set(json.keys) == ["text", "blocks"])
        let text = try JSONReading.string(json["text"])
        #expect(text.hasPrefix("🟠 #42 Salesforce → Marketo lead sync is stale: Last sync 3 h 12 min ago; SLA is 2 h."))
        let blocks = try JSONReading.array(json["blocks"])
        #expect(blocks.map { $0["type"] as? String } == ["header", "section", "section", "section", "context"])
        let header = try JSONReading.object(blocks[0]["text"])
        #expect(header["type"] as? String == "plain_text")
        #expect(header["text"] as? String == "🟠 #42 Salesforce → Marketo lead sync is stale")
        let lead = try JSONReading.object(blocks[1]["text"])
        #expect(lead["type"] as? String == "mrkdwn")
        #expect(lead["text"] as? String == "Last sync 3 h 12 min ago; SLA is 2 h.")
        let fields = try JSONReading.array(blocks[2]["fields"])
        #expect(fields.count <= 10)
        let fieldTexts = try fields.map { try JSONReading.string($0["text"]) }
        #expect(fieldTexts.contains("*Owner*\nMarketing Operations"))
        #expect(fieldTexts.contains("*Accountable*\nMarketing CIO office"))
        #expect(fieldTexts.contains("*Incident*\n#42, step 2 of 3"))
        #expect(fieldTexts.contains("*Since*\n<!date^1795423680^{date_short_pretty} {time}|23 Nov 2026, 08:48 UTC>"))
        let ack = try JSONReading.object(blocks[3]["text"])
        #expect(ack["text"] as? String == "To acknowledge, run `baton ack 42`")
        let context = try JSONReading.array(blocks[4]["elements"])
        #expect(context.first?["text"] as? String == "<https://baton.example.com/|Status page>")
    }

    /// A digest's lines go into sections of their own, each within 3,000 characters.
    @Test func digestDetails() throws {
        let json = try JSONReading.object(try NoticeFixtures.render(NoticeFixtures.notice(.digest), on: .slack))
        let blocks = try JSONReading.array(json["blocks"])
        let sections = blocks.filter { $0["type"] as? String == "section" }.compactMap { ($0["text"] as? [String: Any])?["text"] as? String }
        #expect(sections.contains { $0.contains("#43 GA4 daily export: resolved after 20 min") })
    }
}
