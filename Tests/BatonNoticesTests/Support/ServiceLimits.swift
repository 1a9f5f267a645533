import BatonCore
import Foundation

@testable import BatonNotices

/// Each service's documented limits, written out again here so the tests do not trust the renderers' own constants.
enum ServiceLimits {
    /// What in `message` a `type` service would refuse or cut; empty when it takes the message whole.
    static func violations(_ type: ChannelType, _ message: RenderedMessage) throws -> [String] {
        var found: [String] = []
        func check(_ ok: Bool, _ what: @autoclosure () -> String) { if !ok { found.append(what()) } }
        // A grouped webhook delivery is an array of events; every other body is an object.
        let json = type == .webhook ? [:] : try JSONReading.object(message)
        switch type {
        case .slack:
            check((json["text"] as? String ?? "").utf16.count <= 40_000, "text")
            let blocks = try JSONReading.array(json["blocks"])
            check(blocks.count <= 50, "blocks")
            for block in blocks {
                let text = (block["text"] as? [String: Any])?["text"] as? String ?? ""
                switch block["type"] as? String {
                case "header": check(text.utf16.count <= 150, "header \(text.utf16.count)")
                case "section":
                    check(text.utf16.count <= 3000, "section \(text.utf16.count)")
                    let fields = block["fields"] as? [[String: Any]] ?? []
                    check(fields.count <= 10, "fields")
                    for field in fields { check((field["text"] as? String ?? "").utf16.count <= 2000, "field") }
                case "context":
                    let elements = block["elements"] as? [[String: Any]] ?? []
                    check(elements.count <= 10, "context")
                    for element in elements { check((element["text"] as? String ?? "").utf16.count <= 3000, "context text") }
                default: found.append("unknown block")
                }
            }
        case .teams:
            check(message.body.count <= 28_000, "body \(message.body.count)")
        case .discord:
            check((json["content"] as? String ?? "").utf16.count <= 2000, "content")
            for embed in try JSONReading.array(json["embeds"]) {
                let title = embed["title"] as? String ?? ""
                let description = embed["description"] as? String ?? ""
                let fields = embed["fields"] as? [[String: Any]] ?? []
                let footer = (embed["footer"] as? [String: Any])?["text"] as? String ?? ""
                check(title.utf16.count <= 256, "title")
                check(description.utf16.count <= 4096, "description")
                check(fields.count <= 25, "fields")
                check(footer.utf16.count <= 2048, "footer")
                var total = title.utf16.count + description.utf16.count + footer.utf16.count
                for field in fields {
                    let name = field["name"] as? String ?? ""
                    let value = field["value"] as? String ?? ""
                    check(name.utf16.count <= 256 && !name.isEmpty, "field name")
                    check(value.utf16.count <= 1024 && !value.isEmpty, "field value")
                    total += name.utf16.count + value.utf16.count
                }
                check(total <= 6000, "embed total \(total)")
            }
        case .mattermost:
            check((json["text"] as? String ?? "").unicodeScalars.count <= 16_383, "text")
            // A grouped message is all text, without attachments.
            for attachment in try JSONReading.array(json["attachments"] ?? [[String: Any]]()) {
                check((attachment["text"] as? String ?? "").unicodeScalars.count <= 16_383, "attachment text")
            }
        case .googlechat:
            check(message.body.count <= 32_000, "message \(message.body.count) bytes")
        case .webhook:
            check(message.body.count <= 20_000, "body \(message.body.count) bytes")
        }
        return found
    }
}
