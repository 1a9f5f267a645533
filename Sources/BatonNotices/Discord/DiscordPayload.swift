/// An execute-webhook body: `content` for the notification, one embed for the details.
struct DiscordMessage: Encodable, Sendable {
    var content: String
    var embeds: [DiscordEmbed]
    /// Nobody is pinged, whatever the text says.
    var allowedMentions = DiscordAllowedMentions()

    private enum CodingKeys: String, CodingKey {
        case content, embeds, allowedMentions = "allowed_mentions"
    }
}

struct DiscordAllowedMentions: Encodable, Sendable {
    var parse: [String] = []
}

struct DiscordEmbed: Encodable, Sendable {
    var title: String
    var description: String
    var url: String?
    var color: Int
    var fields: [DiscordField]
    /// RFC 3339: when the notice was created.
    var timestamp: String
    var footer: DiscordFooter?

    /// What Discord counts toward the 6,000-character embed limit.
    var countedLength: Int {
        let unit = DiscordLimits.unit
        return unit.count(title) + unit.count(description) + (footer.map { unit.count($0.text) } ?? 0)
            + fields.reduce(0) { $0 + unit.count($1.name) + unit.count($1.value) }
    }
}

struct DiscordField: Encodable, Sendable {
    var name: String
    var value: String
    var inline: Bool
}

struct DiscordFooter: Encodable, Sendable {
    var text: String
}
