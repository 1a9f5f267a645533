import BatonCore
import Foundation
import Testing

@testable import BatonNotices

@Suite struct HostileTextTests {
    static let hostile = "<script>alert(1)</script> *bold* _x_ @everyone @here @channel <!channel> <users/all> [click](https://evil.example) `code` ~strike~ ||spoiler||\n# heading\n- item\u{202E}txt"

    static func render(_ type: ChannelType, hostile: Bool) throws -> RenderedMessage {
        let text = hostile ? Self.hostile : "plain"
        let content = NoticeFixtures.content(name: text, reason: .text(text), tools: [text], owner: text, accountable: text, blocks: [text])
        return try NoticeFixtures.render(NoticeFixtures.notice(.opened, content), on: type)
    }

    /// The same elements, keys and field labels whatever the name: user text adds no block, field, widget or key.
    @Test(arguments: ChannelType.allCases)
    func sameStructure(type: ChannelType) throws {
        let hostile = try JSONSerialization.jsonObject(with: Data(Self.render(type, hostile: true).body))
        let plain = try JSONSerialization.jsonObject(with: Data(Self.render(type, hostile: false).body))
        #expect(Self.skeleton(hostile) == Self.skeleton(plain))
    }

    /// No line break from a name reaches the markup (no heading or list item), and no bidi override.
    /// (Webhook bodies are data, not markup: their values stay as written, see ``webhook()``.)
    @Test(arguments: ChannelType.allCases.filter { $0 != .webhook })
    func staysOnItsLine(type: ChannelType) throws {
        let strings = JSONReading.strings(try JSONSerialization.jsonObject(with: Data(Self.render(type, hostile: true).body)))
        #expect(!strings.contains { $0.contains("\n# heading") || $0.contains("\n\\# heading") || $0.contains("\n- item") || $0.contains("\n\\- item") })
        #expect(!strings.contains { $0.unicodeScalars.contains("\u{202E}") })
    }

    /// Slack: in mrkdwn every `<` is Baton's own (a date or the status link), so no mention, link or tag comes from a name.
    @Test func slack() throws {
        let json = try JSONReading.object(try Self.render(.slack, hostile: true))
        var mrkdwn = [try JSONReading.string(json["text"])]
        for block in try JSONReading.array(json["blocks"]) {
            let texts: [Any] = [block["text"] ?? NSNull()] + (block["fields"] as? [Any] ?? []) + (block["elements"] as? [Any] ?? [])
            for case let object as [String: Any] in texts where object["type"] as? String == "mrkdwn" {
                mrkdwn.append(try JSONReading.string(object["text"]))
            }
        }
        for text in mrkdwn {
            let opens = text.components(separatedBy: "<").dropFirst()
            #expect(opens.allSatisfy { $0.hasPrefix("!date^") || $0.hasPrefix("https://baton.example.com/|") }, "\(text)")
        }
        #expect(mrkdwn.contains { $0.contains("&lt;script&gt;") && $0.contains("&lt;!channel&gt;") })
    }

    /// Discord: Markdown is escaped, `@everyone` is broken, and the message allows no mentions at all.
    @Test func discord() throws {
        let json = try JSONReading.object(try Self.render(.discord, hostile: true))
        #expect(try JSONReading.object(json["allowed_mentions"])["parse"] as? [String] == [])
        let strings = JSONReading.strings(json)
        #expect(!strings.contains { $0.contains("@everyone") || $0.contains("@here") || $0.contains("[click](") || $0.contains("<script>") })
        let content = try JSONReading.string(json["content"])
        #expect(content.contains("\\*bold\\*"))
        #expect(content.contains("\\<script\\>"))
    }

    /// Mattermost: Markdown is escaped and `@channel`, `@here`, `@everyone` notify nobody.
    @Test func mattermost() throws {
        let json = try JSONReading.object(try Self.render(.mattermost, hostile: true))
        let strings = JSONReading.strings(json)
        #expect(!strings.contains { $0.contains("@channel") || $0.contains("@here") || $0.contains("@everyone") || $0.contains("[click](") || $0.contains("<script>") })
        #expect(try JSONReading.string(json["text"]).contains("\\*bold\\*"))
    }

    /// Google Chat: the text cannot mention `<users/all>` or link; card text shows tags as text.
    @Test func googleChat() throws {
        let json = try JSONReading.object(try Self.render(.googlechat, hostile: true))
        let text = try JSONReading.string(json["text"])
        #expect(!text.contains("<users/all>"))
        #expect(!text.contains("<script>"))
        let card = try JSONReading.object(try JSONReading.array(json["cardsV2"])[0]["card"])
        let widgets = try JSONReading.array(try JSONReading.array(card["sections"])[0]["widgets"])
        let widgetText = JSONReading.strings(widgets).joined(separator: "\n")
        #expect(!widgetText.contains("<script>"))
        #expect(widgetText.contains("&lt;script&gt;"))
    }

    /// Teams: a name cannot become a link.
    @Test func teams() throws {
        let strings = JSONReading.strings(try JSONSerialization.jsonObject(with: Data(Self.render(.teams, hostile: true).body)))
        #expect(!strings.contains { $0.contains("[click](") })
        #expect(strings.contains { $0.contains("<script>alert(1)</script>") })
    }

    /// Webhook: values arrive exactly as written, only inside their JSON strings.
    @Test func webhook() throws {
        let json = try JSONReading.object(try Self.render(.webhook, hostile: true))
        let integration = try JSONReading.object(json["integration"])
        #expect(integration["name"] as? String == Self.hostile)
        #expect(json["reason"] as? String == Self.hostile)
    }

    /// The document's shape: keys, array lengths and the values that are Baton's own labels, with user text blanked.
    static func skeleton(_ value: Any) -> String {
        switch value {
        case let array as [Any]: "[" + array.map(skeleton).joined(separator: ",") + "]"
        case let object as [String: Any]:
            "{" + object.keys.sorted().map { key in
                let inner = object[key].map(skeleton) ?? ""
                let label = ["type", "title", "name", "topLabel", "label"].contains(key) && ["Owner", "Tools", "Accountable", "State", "Since", "Incident", "Blocks", "SLA", "To acknowledge", "TextBlock", "FactSet", "header", "section", "context", "mrkdwn", "plain_text"].contains(object[key] as? String ?? "")
                return "\(key):" + (label ? "\(object[key] ?? "")" : inner)
            }.joined(separator: ",") + "}"
        default: "_"
        }
    }
}
