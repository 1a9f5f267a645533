/// An incoming-webhook message: `text` is the notification fallback, `blocks` the layout.
struct SlackMessage: Encodable, Sendable {
    var text: String
    var blocks: [SlackBlock]
}

/// A Slack text object.
struct SlackText: Encodable, Sendable {
    enum Kind: String, Encodable, Sendable {
        case plain = "plain_text"
        case mrkdwn
    }

    var type: Kind
    var text: String

    static func plain(_ text: String) -> SlackText { SlackText(type: .plain, text: text) }
    static func mrkdwn(_ text: String) -> SlackText { SlackText(type: .mrkdwn, text: text) }
}

/// The Block Kit blocks Baton uses.
enum SlackBlock: Encodable, Sendable {
    case header(SlackText)
    case section(SlackText)
    case fields([SlackText])
    case context([SlackText])

    private enum CodingKeys: String, CodingKey {
        case type, text, fields, elements
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .header(let text):
            try container.encode("header", forKey: .type)
            try container.encode(text, forKey: .text)
        case .section(let text):
            try container.encode("section", forKey: .type)
            try container.encode(text, forKey: .text)
        case .fields(let fields):
            try container.encode("section", forKey: .type)
            try container.encode(fields, forKey: .fields)
        case .context(let elements):
            try container.encode("context", forKey: .type)
            try container.encode(elements, forKey: .elements)
        }
    }
}
