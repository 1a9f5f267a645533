/// Limits for Teams Workflows webhooks.
enum TeamsLimits {
    /// Teams takes messages up to about 28 KB, but has been seen to count a body without a
    /// charset as UTF-16: half of that, in UTF-8 bytes, is safe either way.
    static let body = 14_000
}

extension TextFormat {
    /// Adaptive Card text: Markdown links, bold and italics, with backslash escapes that some
    /// Teams clients show literally. Only links are defused (a zero-width space after `]`),
    /// so a name can look bold at worst, never link elsewhere.
    static let teamsMarkdown = TextFormat { character in
        character == "]" ? "]" + TextFormat.zeroWidthSpace : nil
    }
}

extension Tone {
    /// Adaptive Card colour names.
    var teamsColor: String {
        switch self {
        case .down: "attention"
        case .stale, .degraded: "warning"
        case .recovered: "good"
        case .acknowledged, .info: "accent"
        case .blocked, .unknown, .silenced: "default"
        }
    }
}
