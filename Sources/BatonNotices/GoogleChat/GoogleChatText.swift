/// Google Chat's limits, in UTF-8 bytes as it counts messages.
enum GoogleChatLimits {
    static let unit = TextUnit.utf8
    /// A message, text and cards together, may be 32,000 bytes: measured on the whole body, with room to spare.
    static let body = 30_000
    /// The notification text: one line, kept short.
    static let text = 4000
    static let widgetText = 4000
}

extension TextFormat {
    /// Card text is HTML-formatted: `&`, `<`, `>` and `"` as entities.
    static let googleChatHTML = TextFormat { character in
        switch character {
        case "&": "&amp;"
        case "<": "&lt;"
        case ">": "&gt;"
        case "\"": "&quot;"
        default: nil
        }
    }

    /// Message text has no escapes; a zero-width space after `<` keeps user text from forming
    /// a mention (`<users/all>`) or a link (`<https://…|…>`).
    static let googleChatText = TextFormat { $0 == "<" ? "<" + TextFormat.zeroWidthSpace : nil }
}
