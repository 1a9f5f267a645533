/// Discord's documented message and embed limits, counted in UTF-16 code units (Discord
/// says "characters"; UTF-16 is never fewer).
enum DiscordLimits {
    static let unit = TextUnit.utf16
    static let content = 2000
    static let title = 256
    static let description = 4096
    static let fields = 25
    static let fieldName = 256
    static let fieldValue = 1024
    static let footer = 2048
    /// Title, description, field names and values, and footer together.
    static let embedTotal = 6000
}

extension TextFormat {
    /// Discord Markdown in content, descriptions and field values: a backslash before every
    /// character that starts formatting, a link, a heading, a list, a quote or a mention
    /// (`<@id>`); `@everyone` gets a zero-width space (and the message allows no mentions anyway).
    static let discordMarkdown: TextFormat = {
        let backslash = TextFormat.backslashing(["\\", "*", "_", "~", "`", "|", ">", "<", "#", "-", "[", "]", "(", ")"])
        return TextFormat { $0 == "@" ? "@" + TextFormat.zeroWidthSpace : backslash($0) }
    }()

    /// Embed titles render emphasis but no links, headings or lists: emphasis is escaped,
    /// mentions and links defused.
    static let discordTitle: TextFormat = {
        let backslash = TextFormat.backslashing(["\\", "*", "_", "~", "`", "|"])
        return TextFormat { TextFormat.defusing($0) ?? backslash($0) }
    }()
}
