import BatonCore

/// Mattermost incoming webhooks: a one-line message and a Slack-style attachment.
struct MattermostRenderer: NoticeRenderer {
    func render(_ notice: Notice, attemptTimestamp: Int) throws(RenderError) -> RenderedMessage {
        let message = try NoticeSummary.firstFitting(notice, budgets: TextBudget.chat, build: Self.message, fits: Self.fits)
        return RenderedMessage.json(try JSONBody.encode(message), key: notice.key)
    }

    static func message(_ summary: NoticeSummary) -> MattermostMessage {
        let markdown = TextFormat.mattermostMarkdown
        let unit = MattermostLimits.unit
        var text = markdown.fit(summary.lead, limit: MattermostLimits.attachmentText, unit: unit)
        if let details = summary.details, let piece = markdown.chunks(details, limit: MattermostLimits.attachmentText, unit: unit, maxPieces: 1).first {
            text += "\n\n" + piece
        }
        if let command = summary.acknowledgeCommand {
            text += "\n\nTo acknowledge, run `\(command.replacingOccurrences(of: "`", with: "'"))`"
        }
        let attachment = MattermostAttachment(
            fallback: TextFormat.mattermostPlain.fit(summary.fallback, limit: MattermostLimits.attachmentText, unit: unit),
            color: summary.tone.hex,
            title: TextFormat.mattermostPlain.fit(summary.headerLine, limit: MattermostLimits.fieldValue, unit: unit),
            titleLink: summary.link,
            text: text,
            fields: summary.facts.map {
                MattermostField(title: $0.label, value: markdown.fit($0.value, limit: MattermostLimits.fieldValue, unit: unit), short: $0.value.count <= 40)
            },
            footer: summary.detailsCommand.map { "Baton · \($0)" }
        )
        return MattermostMessage(text: markdown.fit(summary.fallback, limit: MattermostLimits.text, unit: unit), attachments: [attachment])
    }

    static func fits(_ message: MattermostMessage) -> Bool {
        guard let json = try? JSONBody.encode(message.attachments ?? []) else { return false }
        return MattermostLimits.unit.count(String(decoding: json, as: UTF8.self)) <= MattermostLimits.attachments
    }
}
