/// Slack's documented Block Kit limits, counted in UTF-16 code units (Slack says "characters").
enum SlackLimits {
    static let unit = TextUnit.utf16
    static let header = 150
    static let sectionText = 3000
    static let field = 2000
    static let fieldsPerSection = 10
    static let contextElements = 10
    static let blocks = 50
    /// The notification fallback: Slack keeps up to 40,000, a phone shows a line or two.
    static let fallback = 3000
    /// Digest details split over at most this many sections.
    static let detailSections = 20
}

extension TextFormat {
    /// Slack mrkdwn: `&`, `<` and `>` as entities, as Slack documents; so no link, mention
    /// (`<!channel>`) or date can come out of user text.
    static let slackMrkdwn = TextFormat { character in
        switch character {
        case "&": "&amp;"
        case "<": "&lt;"
        case ">": "&gt;"
        default: nil
        }
    }
}

/// Pieces of mrkdwn that are Baton's own syntax around escaped user text.
enum SlackMarkup {
    /// `*Owner*\nMarketing Operations`, the value cut so the whole stays within `limit`.
    static func field(_ label: String, _ value: String, limit: Int) -> String {
        let head = "*\(label)*\n"
        return head + TextFormat.slackMrkdwn.fit(value, limit: limit - SlackLimits.unit.count(head), unit: SlackLimits.unit)
    }

    /// A time shown in the reader's own time zone, with the UTC text as fallback.
    static func time(_ unixSeconds: Int, fallback: String) -> String {
        "<!date^\(unixSeconds)^{date_short_pretty} {time}|\(TextFormat.slackMrkdwn.apply(fallback))>"
    }

    /// `` `baton ack 42` ``: a command as code, with no backtick to end it early.
    static func code(_ command: String) -> String {
        "`" + TextFormat.slackMrkdwn.apply(command.replacingOccurrences(of: "`", with: "'")) + "`"
    }

    /// `<https://…|Status page>`; links are checked to hold no `<`, `>` or `|`.
    static func link(_ url: String, _ text: String) -> String {
        "<\(TextFormat.slackMrkdwn.apply(url))|\(text)>"
    }
}
