/// A Workflows webhook message: one Adaptive Card attachment.
struct TeamsMessage: Encodable, Sendable {
    var type = "message"
    var attachments: [TeamsAttachment]
}

struct TeamsAttachment: Encodable, Sendable {
    var contentType = "application/vnd.microsoft.card.adaptive"
    /// Workflows expect the key, as `null`.
    var contentUrl = Nullable<String>(nil)
    var content: AdaptiveCard
}

/// An Adaptive Card, version 1.4: Teams refuses 1.5 and later from Workflows.
struct AdaptiveCard: Encodable, Sendable {
    var schema = "http://adaptivecards.io/schemas/adaptive-card.json"
    var type = "AdaptiveCard"
    var version = "1.4"
    var body: [AdaptiveElement]
    var actions: [AdaptiveAction]?

    private enum CodingKeys: String, CodingKey {
        case schema = "$schema", type, version, body, actions
    }
}

/// The card elements Baton uses.
enum AdaptiveElement: Encodable, Sendable {
    case text(AdaptiveText)
    case facts([AdaptiveFact])

    private enum CodingKeys: String, CodingKey {
        case type, facts
    }

    func encode(to encoder: any Encoder) throws {
        switch self {
        case .text(let text):
            try text.encode(to: encoder)
        case .facts(let facts):
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode("FactSet", forKey: .type)
            try container.encode(facts, forKey: .facts)
        }
    }
}

struct AdaptiveText: Encodable, Sendable {
    var type = "TextBlock"
    var text: String
    var wrap = true
    var size: String?
    var weight: String?
    var color: String?
    var isSubtle: Bool?
}

struct AdaptiveFact: Encodable, Sendable {
    var title: String
    var value: String
}

struct AdaptiveAction: Encodable, Sendable {
    var type = "Action.OpenUrl"
    var title: String
    var url: String
}
