import BatonCore
import Foundation

@testable import BatonNotices

/// Groups of notices as a wide outage produces them: one incident per integration, each with its own number.
enum GroupFixtures {
    static let key = "grp_mops-slack_1"

    /// A 60-character reason, as a vendor's error text reads.
    static let reason = Reason.text("the partner API answered HTTP 503 Service Unavailable again")

    /// `Salesforce → Marketo lead sync, EMEA account 0042 (prod)`, padded to 60 characters.
    static func name(_ id: Int) -> String {
        let number = String(repeating: "0", count: max(0, 4 - String(id).count)) + String(id)
        let name = "Salesforce → Marketo lead sync, EMEA account \(number) (prod)"
        return name + String(repeating: "x", count: max(0, 60 - name.count))
    }

    /// A notice of `kind` about incident `id`, on integration `integration-<id>`.
    static func notice(_ id: Int, kind: Notice.Kind = .opened, name: String? = nil, reason: Reason = reason, state: String = "down") -> Notice {
        var content = NoticeFixtures.content(for: kind)
        let created = NoticeFixtures.now.addingTimeInterval(Double(id))
        if kind == .test || kind == .digest {
            return Notice(key: "msg_\(id)_0_mops-slack", kind: kind, channelID: "mops-slack", incidentID: nil, createdAt: created, content: content)
        }
        if [.opened, .escalated, .repeated, .reopened, .unsilenced].contains(kind) {
            content.state = state
            content.reason = reason
        }
        content.integrationID = "integration-\(id)"
        content.integrationName = name ?? self.name(id)
        content.incidentID = id
        if content.acknowledgeCommand != nil { content.acknowledgeCommand = "baton ack \(id)" }
        return Notice(key: "msg_\(id)_0_mops-slack", kind: kind, channelID: "mops-slack", incidentID: id, createdAt: created, content: content)
    }

    /// `count` opened incidents, #1 first.
    static func storm(_ count: Int, kind: Notice.Kind = .opened) -> [Notice] {
        (1...count).map { notice($0, kind: kind) }
    }

    static func renderer(_ type: ChannelType) throws -> any NoticeRenderer {
        try NoticeRenderers.renderer(for: NoticeFixtures.channel(type))
    }

    static func render(_ group: NoticeGroup, on type: ChannelType, attempt: Int = NoticeFixtures.attempt) throws -> RenderedMessage {
        try renderer(type).render(group, attemptTimestamp: attempt)
    }

    /// The messages a channel of `type` gets for `notices`: fit, send, drop what was sent, repeat.
    static func messages(_ notices: [Notice], on type: ChannelType, link: String? = NoticeFixtures.link) throws -> [(group: NoticeGroup, message: RenderedMessage)] {
        let renderer = try renderer(type)
        var left = notices[...]
        var sent: [(NoticeGroup, RenderedMessage)] = []
        while !left.isEmpty {
            let count = renderer.fitting(Array(left), more: 0, link: link)
            guard count >= 1 else { break }
            let group = NoticeGroup(key: "grp_\(sent.count)", notices: Array(left.prefix(count)), more: left.count - count, link: link)
            sent.append((group, try renderer.render(group, attemptTimestamp: NoticeFixtures.attempt)))
            left = left.dropFirst(count)
        }
        return sent
    }

    /// Incident numbers `#N` a person reads in `message` (chats) or the `incident.id`s of its events (webhooks).
    static func incidentIDs(_ message: RenderedMessage, type: ChannelType) throws -> Set<Int> {
        let document = try JSONSerialization.jsonObject(with: Data(message.body))
        if type == .webhook {
            let events = try JSONReading.array(document)
            return Set(events.compactMap { ($0["incident"] as? [String: Any])?["id"] as? Int })
        }
        let text = JSONReading.strings(document).map(JSONReading.readable).joined(separator: "\n")
        var ids: Set<Int> = []
        var rest = text[...]
        while let hash = rest.firstIndex(of: "#") {
            let digits = rest[rest.index(after: hash)...].prefix { $0.isASCII && $0.isNumber }
            if let id = Int(digits) { ids.insert(id) }
            rest = rest[rest.index(after: hash)...]
        }
        return ids
    }
}
