/// A Google Chat webhook message: notification text and one card.
struct GoogleChatMessage: Encodable, Sendable {
    var text: String
    var cardsV2: [GoogleChatCardWithID]
}

struct GoogleChatCardWithID: Encodable, Sendable {
    var cardId = "baton-notice"
    var card: GoogleChatCard
}

struct GoogleChatCard: Encodable, Sendable {
    var header: GoogleChatCardHeader
    var sections: [GoogleChatSection]
}

/// Plain text: headers take no formatting.
struct GoogleChatCardHeader: Encodable, Sendable {
    var title: String
    var subtitle: String
}

struct GoogleChatSection: Encodable, Sendable {
    var widgets: [GoogleChatWidget]
}

/// The widgets Baton uses.
enum GoogleChatWidget: Encodable, Sendable {
    case paragraph(String)
    case labelled(label: String, text: String)
    case button(text: String, url: String)

    private enum CodingKeys: String, CodingKey {
        case textParagraph, decoratedText, buttonList
    }

    private struct Paragraph: Encodable { var text: String }
    private struct Decorated: Encodable {
        var topLabel: String
        var text: String
        var wrapText = true
    }
    private struct Buttons: Encodable { var buttons: [Button] }
    private struct Button: Encodable {
        var text: String
        var onClick: OnClick
    }
    private struct OnClick: Encodable { var openLink: OpenLink }
    private struct OpenLink: Encodable { var url: String }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .paragraph(let text):
            try container.encode(Paragraph(text: text), forKey: .textParagraph)
        case .labelled(let label, let text):
            try container.encode(Decorated(topLabel: label, text: text), forKey: .decoratedText)
        case .button(let text, let url):
            try container.encode(Buttons(buttons: [Button(text: text, onClick: OnClick(openLink: OpenLink(url: url)))]), forKey: .buttonList)
        }
    }
}
