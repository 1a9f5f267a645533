import BatonCore

/// Discord webhooks: a one-line `content` and an embed coloured by state.
struct DiscordRenderer: NoticeRenderer {
    func render(_ notice: Notice, attemptTimestamp: Int) throws(RenderError) -> RenderedMessage {
        let message = try NoticeSummary.firstFitting(notice, budgets: TextBudget.chat, build: Self.message, fits: Self.fits)
        return RenderedMessage.json(try JSONBody.encode(message), key: notice.key)
    }

    static func message(_ summary: NoticeSummary) -> DiscordMessage {
        let markdown = TextFormat.discordMarkdown
        let unit = DiscordLimits.unit
        var description = markdown.fit(summary.lead, limit: DiscordLimits.description, unit: unit)
        if let details = summary.details {
            let room = DiscordLimits.description - unit.count(description) - 2
            if let text = markdown.chunks(details, limit: room, unit: unit, maxPieces: 1).first { description += "\n\n" + text }
        }
        var fields = summary.facts.prefix(DiscordLimits.fields - 1).map(field)
        if let command = summary.acknowledgeCommand {
            fields.append(DiscordField(name: "To acknowledge", value: code(command), inline: false))
        }
        let footer = summary.detailsCommand.map {
            DiscordFooter(text: TextFormat.plain.fit("Baton · \($0)", limit: DiscordLimits.footer, unit: unit))
        }
        let embed = DiscordEmbed(
            title: TextFormat.discordTitle.fit(summary.headerLine, limit: DiscordLimits.title, unit: unit),
            description: description,
            url: summary.link,
            color: summary.tone.rgb,
            fields: fields,
            timestamp: NoticeTime.rfc3339(summary.createdAt),
            footer: footer
        )
        return DiscordMessage(content: markdown.fit(summary.fallback, limit: DiscordLimits.content, unit: unit), embeds: [embed])
    }

    private static func field(_ fact: NoticeSummary.Fact) -> DiscordField {
        // `<t:…:f>` shows the time in each reader's own zone.
        let value = fact.time.map { "<t:\(NoticeTime.unixSeconds($0)):f>" }
            ?? TextFormat.discordMarkdown.fit(fact.value, limit: DiscordLimits.fieldValue, unit: DiscordLimits.unit)
        return DiscordField(name: fact.label, value: value.isEmpty ? "-" : value, inline: fact.value.count <= 40)
    }

    /// `` `baton ack 42` ``, with no backtick inside to end the code early.
    private static func code(_ command: String) -> String {
        "`" + command.replacingOccurrences(of: "`", with: "'") + "`"
    }

    static func fits(_ message: DiscordMessage) -> Bool {
        message.embeds.allSatisfy { $0.countedLength <= DiscordLimits.embedTotal }
    }
}
