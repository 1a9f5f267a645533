import BatonCore

/// Slack incoming webhooks: Block Kit, with a plain `text` fallback for notifications.
struct SlackRenderer: NoticeRenderer {
    func render(_ notice: Notice, attemptTimestamp: Int) throws(RenderError) -> RenderedMessage {
        let message = try NoticeSummary.firstFitting(notice, budgets: TextBudget.chat, build: Self.message, fits: Self.fits)
        return RenderedMessage.json(try JSONBody.encode(message), key: notice.key)
    }

    static func message(_ summary: NoticeSummary) -> SlackMessage {
        let mrkdwn = TextFormat.slackMrkdwn
        let unit = SlackLimits.unit
        var blocks: [SlackBlock] = [
            .header(.plain(TextFormat.plain.fit(summary.headerLine, limit: SlackLimits.header, unit: unit))),
            .section(.mrkdwn(mrkdwn.fit(summary.lead, limit: SlackLimits.sectionText, unit: unit))),
        ]
        for start in stride(from: 0, to: summary.facts.count, by: SlackLimits.fieldsPerSection) {
            let facts = summary.facts[start..<min(start + SlackLimits.fieldsPerSection, summary.facts.count)]
            blocks.append(.fields(facts.map { .mrkdwn(field($0)) }))
        }
        if let details = summary.details {
            for piece in mrkdwn.chunks(details, limit: SlackLimits.sectionText, unit: unit, maxPieces: SlackLimits.detailSections) {
                blocks.append(.section(.mrkdwn(piece)))
            }
        }
        if let command = summary.acknowledgeCommand {
            blocks.append(.section(.mrkdwn("To acknowledge, run \(SlackMarkup.code(command))")))
        }
        var context: [SlackText] = []
        if let link = summary.link { context.append(.mrkdwn(SlackMarkup.link(link, "Status page"))) }
        if let command = summary.detailsCommand { context.append(.mrkdwn("Details: \(SlackMarkup.code(command))")) }
        if !context.isEmpty { blocks.append(.context(context)) }
        return SlackMessage(text: mrkdwn.fit(summary.fallback, limit: SlackLimits.fallback, unit: unit), blocks: blocks)
    }

    private static func field(_ fact: NoticeSummary.Fact) -> String {
        guard let time = fact.time else { return SlackMarkup.field(fact.label, fact.value, limit: SlackLimits.field) }
        return "*\(fact.label)*\n" + SlackMarkup.time(NoticeTime.unixSeconds(time), fallback: fact.value)
    }

    /// Every text is cut to its own limit as it is built; only the block count is left to check.
    static func fits(_ message: SlackMessage) -> Bool {
        message.blocks.count <= SlackLimits.blocks
    }
}
