import BatonCore
import Foundation
import Testing

@testable import BatonNotices

/// Each chat type's grouped message, in that chat's own shape.
@Suite struct GroupShapeTests {
    static let group = NoticeGroup(
        key: GroupFixtures.key,
        notices: [GroupFixtures.notice(7, name: "Lead sync"), GroupFixtures.notice(8, kind: .escalated, name: "Consent sync", state: "stale"),
                  GroupFixtures.notice(9, kind: .resolved, name: "GA4 export")],
        more: 240, link: NoticeFixtures.link
    )

    static func json(_ type: ChannelType) throws -> [String: Any] {
        try JSONReading.object(try GroupFixtures.render(group, on: type))
    }

    /// Slack: a header block, the lines in one mrkdwn section with the ack commands as code, and a context with "and N more" and the link.
    @Test func slack() throws {
        let json = try Self.json(.slack)
        #expect(try JSONReading.string(json["text"]) == "🔴 3 incidents: 2 need attention, 1 recovered")
        let blocks = try JSONReading.array(json["blocks"])
        #expect(blocks.map { $0["type"] as? String } == ["header", "section", "context"])
        #expect(try JSONReading.object(blocks[0]["text"])["text"] as? String == "🔴 3 incidents: 2 need attention, 1 recovered")
        let section = try JSONReading.object(blocks[1]["text"])
        #expect(section["type"] as? String == "mrkdwn")
        #expect(section["text"] as? String == """
            🔴 #7 Lead sync is down: the partner API answered HTTP 503 Service Unavailable again · `baton ack 7`
            🟠 #8 Consent sync is still stale, step 2 of 3: the partner API answered HTTP 503 Service Unavailable again · `baton ack 8`
            ✅ #9 GA4 export recovered after 1 h 12 min
            """)
        let context = try JSONReading.array(blocks[2]["elements"]).map { $0["text"] as? String }
        #expect(context == ["and 240 more", "<https://baton.example.com/|Status page>"])
    }

    /// Teams: the Workflows attachment with an Adaptive Card 1.4: a coloured title, a FactSet row per notice, "and N more", a link action.
    @Test func teams() throws {
        let json = try Self.json(.teams)
        #expect(json["type"] as? String == "message")
        let attachment = try JSONReading.array(json["attachments"])[0]
        #expect(attachment["contentType"] as? String == "application/vnd.microsoft.card.adaptive")
        #expect(attachment["contentUrl"] is NSNull)
        let card = try JSONReading.object(attachment["content"])
        #expect(card["version"] as? String == "1.4")
        let body = try JSONReading.array(card["body"])
        #expect(body.map { $0["type"] as? String } == ["TextBlock", "FactSet", "TextBlock"])
        #expect(body[0]["text"] as? String == "🔴 3 incidents: 2 need attention, 1 recovered")
        #expect(body[0]["color"] as? String == "attention")
        let facts = try JSONReading.array(body[1]["facts"])
        #expect(facts.map { $0["title"] as? String } == ["🔴 #7", "🟠 #8", "✅ #9"])
        #expect(facts[0]["value"] as? String == "Lead sync is down: the partner API answered HTTP 503 Service Unavailable again · baton ack 7")
        #expect(body[2]["text"] as? String == "and 240 more")
        let actions = try JSONReading.array(card["actions"])
        #expect(actions.first?["url"] as? String == NoticeFixtures.link)
    }

    /// Discord: the header as content and title, the lines in the description ending with "and N more" and the link; nobody pinged.
    @Test func discord() throws {
        let json = try Self.json(.discord)
        #expect(try JSONReading.string(json["content"]) == "🔴 3 incidents: 2 need attention, 1 recovered")
        #expect(try JSONReading.object(json["allowed_mentions"])["parse"] as? [String] == [])
        let embed = try JSONReading.array(json["embeds"])[0]
        #expect(embed["title"] as? String == "🔴 3 incidents: 2 need attention, 1 recovered")
        #expect(embed["color"] as? Int == 0xE01E5A)
        #expect(embed["url"] as? String == NoticeFixtures.link)
        #expect(embed["timestamp"] as? String == "2026-11-23T12:00:09Z")
        let description = try JSONReading.string(embed["description"])
        #expect(description.hasPrefix("🔴 \\#7 Lead sync is down: the partner API answered HTTP 503 Service Unavailable again · `baton ack 7`\n"))
        #expect(description.hasSuffix("\nand 240 more · [Status page](https://baton.example.com/)"))
        #expect((embed["fields"] as? [Any])?.isEmpty == true)
    }

    /// Mattermost: one Markdown post, the header in bold, a line per notice, then "and N more" and the link; no attachment.
    @Test func mattermost() throws {
        let json = try Self.json(.mattermost)
        #expect(json["attachments"] == nil)
        #expect(json["username"] as? String == "Baton")
        let lines = try JSONReading.string(json["text"]).components(separatedBy: "\n")
        #expect(lines.first == "**🔴 3 incidents: 2 need attention, 1 recovered**")
        #expect(lines[1] == "🔴 \\#7 Lead sync is down: the partner API answered HTTP 503 Service Unavailable again · `baton ack 7`")
        #expect(lines.last == "and 240 more · [Status page](https://baton.example.com/)")
    }

    /// Google Chat: the header as text and card title, the lines in a paragraph, "and N more", and a status page button.
    @Test func googleChat() throws {
        let json = try Self.json(.googlechat)
        #expect(try JSONReading.string(json["text"]) == "🔴 3 incidents: 2 need attention, 1 recovered")
        let card = try JSONReading.object(try JSONReading.array(json["cardsV2"])[0]["card"])
        #expect(try JSONReading.object(card["header"])["title"] as? String == "🔴 3 incidents: 2 need attention, 1 recovered")
        let widgets = try JSONReading.array(try JSONReading.array(card["sections"])[0]["widgets"])
        #expect(widgets.count == 3)
        let paragraph = try JSONReading.string(try JSONReading.object(widgets[0]["textParagraph"])["text"])
        #expect(paragraph.components(separatedBy: "<br>").count == 3)
        #expect(paragraph.hasPrefix("🔴 #7 Lead sync is down: the partner API answered HTTP 503 Service Unavailable again · <b>baton ack 7</b><br>"))
        #expect(try JSONReading.object(widgets[1]["textParagraph"])["text"] as? String == "and 240 more")
        #expect(JSONReading.strings(widgets[2]).contains(NoticeFixtures.link))
    }

    // MARK: Hostile text

    static func hostileGroup(_ text: String) -> NoticeGroup {
        let notices = (1...3).map { id in
            var notice = GroupFixtures.notice(id, kind: id == 2 ? .acknowledged : .opened, name: text, reason: .text(text))
            notice.content.acknowledgedBy = text
            notice.content.note = text
            notice.content.state = id == 2 ? notice.content.state : text
            return notice
        }
        return NoticeGroup(key: "k", notices: notices, more: 2, link: NoticeFixtures.link)
    }

    static func hostile(_ type: ChannelType) throws -> RenderedMessage {
        try GroupFixtures.render(hostileGroup(HostileTextTests.hostile), on: type)
    }

    /// User text adds no block, field, widget or key, and the message stays within limits.
    @Test(arguments: ChannelType.allCases)
    func hostileSameStructure(type: ChannelType) throws {
        let hostile = try JSONSerialization.jsonObject(with: Data(Self.hostile(type).body))
        let plain = try JSONSerialization.jsonObject(with: Data(GroupFixtures.render(Self.hostileGroup("plain"), on: type).body))
        #expect(HostileTextTests.skeleton(hostile) == HostileTextTests.skeleton(plain))
        #expect(try ServiceLimits.violations(type, try Self.hostile(type)) == [])
    }

    /// No line break from a name starts a heading or list item, and no bidi override survives.
    @Test(arguments: ChannelType.allCases.filter { $0 != .webhook })
    func hostileStaysOnItsLine(type: ChannelType) throws {
        let strings = JSONReading.strings(try JSONSerialization.jsonObject(with: Data(Self.hostile(type).body)))
        #expect(!strings.contains { $0.contains("\n# heading") || $0.contains("\n\\# heading") || $0.contains("\n- item") || $0.contains("\n\\- item") })
        #expect(!strings.contains { $0.unicodeScalars.contains("\u{202E}") })
        if [.teams, .discord, .mattermost].contains(type) { #expect(!strings.contains { $0.contains("[click](") }) }
    }

    /// Slack: every `<` in mrkdwn is Baton's own link; names show `&lt;script&gt;`.
    @Test func hostileSlack() throws {
        let json = try JSONReading.object(try Self.hostile(.slack))
        var mrkdwn = [try JSONReading.string(json["text"])]
        for block in try JSONReading.array(json["blocks"]) {
            let texts: [Any] = [block["text"] ?? NSNull()] + (block["elements"] as? [Any] ?? [])
            for case let object as [String: Any] in texts where object["type"] as? String == "mrkdwn" {
                mrkdwn.append(try JSONReading.string(object["text"]))
            }
        }
        for text in mrkdwn {
            #expect(text.components(separatedBy: "<").dropFirst().allSatisfy { $0.hasPrefix("https://baton.example.com/|") }, "\(text)")
        }
        #expect(mrkdwn.contains { $0.contains("&lt;script&gt;") && $0.contains("&lt;!channel&gt;") })
    }

    /// Discord and Mattermost: Markdown escaped, `@everyone`/`@here`/`@channel` broken.
    @Test(arguments: [ChannelType.discord, .mattermost])
    func hostileMarkdown(type: ChannelType) throws {
        let strings = JSONReading.strings(try JSONSerialization.jsonObject(with: Data(Self.hostile(type).body)))
        #expect(!strings.contains { $0.contains("@everyone") || $0.contains("@here") || $0.contains("@channel") || $0.contains("<script>") })
        #expect(strings.contains { $0.contains("\\*bold\\*") })
    }

    /// Google Chat: tags shown as text in the card, no `<users/all>` mention in the text.
    @Test func hostileGoogleChat() throws {
        let strings = JSONReading.strings(try JSONSerialization.jsonObject(with: Data(Self.hostile(.googlechat).body)))
        #expect(!strings.contains { $0.contains("<script>") || $0.contains("<users/all>") })
        #expect(strings.contains { $0.contains("&lt;script&gt;") })
    }

    /// Webhook: values arrive as written, inside their JSON strings.
    @Test func hostileWebhook() throws {
        let events = try JSONReading.array(try JSONSerialization.jsonObject(with: Data(Self.hostile(.webhook).body)))
        #expect(try events.map { try JSONReading.object($0["integration"])["name"] as? String } == Array(repeating: HostileTextTests.hostile, count: 3))
    }
}
