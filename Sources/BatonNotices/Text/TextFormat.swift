/// How user text is escaped for one markup, one character at a time.
///
/// Escaping is per character so that cutting a text to a limit never splits an escape
/// (`&amp;`, `\*`) in half: see ``fit(_:limit:unit:)``.
struct TextFormat: Sendable {
    /// The replacement for a character, or `nil` to keep it.
    let escape: @Sendable (Character) -> String?

    /// Text sent as is: JSON string escaping is the encoder's job.
    static let plain = TextFormat { _ in nil }

    /// `text` with every character escaped.
    func apply(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            if let replacement = escape(character) { out += replacement } else { out.append(character) }
        }
        return out
    }

    /// A backslash before each of `specials`: the escape CommonMark and Discord both read.
    static func backslashing(_ specials: Set<Character>) -> @Sendable (Character) -> String? {
        { specials.contains($0) ? "\\" + String($0) : nil }
    }

    /// Invisible, yet enough to break a mention or a link apart.
    static let zeroWidthSpace = "\u{200B}"

    /// Plain-text fields that a service might still read markup in: a zero-width space after
    /// `@` (no `@everyone`), `<` (no `<@id>`, `<!channel>` or `<https://…>`) and `]` (no
    /// `[text](url)`). Invisible when the field is plain, defusing when it is not.
    static func defusing(_ character: Character) -> String? {
        "@<]".contains(character) ? String(character) + zeroWidthSpace : nil
    }
}
