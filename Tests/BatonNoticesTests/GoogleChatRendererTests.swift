import Foundation
import Testing

@testable import BatonNotices

@Suite struct GoogleChatRendererTests {
    /// The body is `text` plus one cardsV2 card with a header and a section of widgets, well under 32,000 bytes.
    @Test func cardShape() throws {
        let message = try NoticeFixtures.render(NoticeFixtures.notice(.opened), on: .googlechat)
        #expect(message.body.count < 32_000)
        let json = try JSONReading.object(message)
        #expect(try JSONReading.string(json["text"]).hasPrefix("🟠 #42 Salesforce → Marketo lead sync is stale: "))
        let cards = try JSONReading.array(json["cardsV2"])
        #expect(cards.count == 1)
        #expect(cards[0]["cardId"] as? String == "baton-notice")
        let card = try JSONReading.object(cards[0]["card"])
        let header = try JSONReading.object(card["header"])
        #expect(header["title"] as? String == "🟠 #42 Salesforce → Marketo lead sync is stale")
        #expect(header["subtitle"] as? String == "Baton")
        let widgets = try JSONReading.array(try JSONReading.array(card["sections"])[0]["widgets"])
        #expect((widgets[0]["textParagraph"] as? [String: Any])?["text"] as? String == "Last sync 3 h 12 min ago; SLA is 2 h.")
        let decorated = widgets.compactMap { $0["decoratedText"] as? [String: Any] }
        #expect(decorated.contains { $0["topLabel"] as? String == "Accountable" && $0["text"] as? String == "Marketing CIO office" })
        #expect(decorated.contains { $0["topLabel"] as? String == "Since" && $0["text"] as? String == "23 Nov 2026, 08:48 UTC" })
        let paragraphs = widgets.compactMap { ($0["textParagraph"] as? [String: Any])?["text"] as? String }
        #expect(paragraphs.contains("To acknowledge, run <b>baton ack 42</b>"))
        let buttons = widgets.compactMap { ($0["buttonList"] as? [String: Any])?["buttons"] as? [[String: Any]] }.flatMap { $0 }
        let openLink = (buttons.first?["onClick"] as? [String: Any])?["openLink"] as? [String: Any]
        #expect(openLink?["url"] as? String == NoticeFixtures.link)
    }
}
