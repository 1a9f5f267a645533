/// Mattermost's limits, counted in runes (Unicode scalars) as its server does.
enum MattermostLimits {
    static let unit = TextUnit.scalars
    /// Posts take 16,383 runes since Mattermost 5.0, 4,000 before: the message is one line anyway.
    static let text = 4000
    /// Older servers refuse attachments longer than 7,900 runes; measured on their JSON, to be safe.
    static let attachments = 7900
    static let attachmentText = 3000
    /// A grouped message is all post text: Mattermost 5.0 and later take 16,383 runes; some kept spare.
    static let groupText = 16_000
    static let fieldValue = 1000
}

extension TextFormat {
    /// Mattermost Markdown (CommonMark): a backslash before every character that starts
    /// formatting, a link, a heading, a list, a quote or a channel link (`~town-square`);
    /// `@channel`, `@all` and `@here` get a zero-width space so they notify nobody.
    static let mattermostMarkdown: TextFormat = {
        let backslash = TextFormat.backslashing(["\\", "*", "_", "~", "`", "|", ">", "<", "#", "-", "[", "]", "(", ")", "!"])
        return TextFormat { $0 == "@" ? "@" + TextFormat.zeroWidthSpace : backslash($0) }
    }()

    /// Attachment titles and notification fallbacks are plain text: mentions and links are only defused.
    static let mattermostPlain = TextFormat { TextFormat.defusing($0) }
}
