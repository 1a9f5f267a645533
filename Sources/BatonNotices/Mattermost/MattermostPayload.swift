/// A Slack-compatible incoming-webhook post: one attachment for a notice, none for a group.
struct MattermostMessage: Encodable, Sendable {
    var text: String
    var username = "Baton"
    /// Left out of the JSON when `nil`.
    var attachments: [MattermostAttachment]?
}

struct MattermostAttachment: Encodable, Sendable {
    /// Plain text for notifications.
    var fallback: String
    /// `#E01E5A`.
    var color: String
    var title: String
    var titleLink: String?
    var text: String
    var fields: [MattermostField]
    var footer: String?

    private enum CodingKeys: String, CodingKey {
        case fallback, color, title, titleLink = "title_link", text, fields, footer
    }
}

struct MattermostField: Encodable, Sendable {
    var title: String
    var value: String
    var short: Bool
}
