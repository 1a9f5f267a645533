import BatonCore

/// Microsoft Teams Workflows webhooks: an Adaptive Card 1.4 with TextBlocks and a FactSet.
struct TeamsRenderer: NoticeRenderer {
    func render(_ notice: Notice, attemptTimestamp: Int) throws(RenderError) -> RenderedMessage {
        let body = try NoticeSummary.firstFitting(notice, budgets: TextBudget.chat, build: Self.body) { $0.count <= TeamsLimits.body }
        return RenderedMessage.json(body, key: notice.key)
    }

    static func body(_ summary: NoticeSummary) throws(RenderError) -> [UInt8] {
        try JSONBody.encode(message(summary))
    }

    static func message(_ summary: NoticeSummary) -> TeamsMessage {
        let markdown = TextFormat.teamsMarkdown
        var body: [AdaptiveElement] = [
            .text(AdaptiveText(text: markdown.apply(summary.headerLine), size: "Medium", weight: "Bolder", color: summary.tone.teamsColor)),
            .text(AdaptiveText(text: markdown.apply(summary.lead))),
        ]
        if !summary.facts.isEmpty {
            body.append(.facts(summary.facts.map { AdaptiveFact(title: $0.label, value: markdown.apply($0.value)) }))
        }
        if let details = summary.details {
            // TextBlock Markdown needs a blank line to break a line.
            body.append(.text(AdaptiveText(text: markdown.apply(details).replacingOccurrences(of: "\n", with: "\n\n"))))
        }
        if let command = summary.acknowledgeCommand {
            body.append(.text(AdaptiveText(text: "To acknowledge, run: " + markdown.apply(command), weight: "Bolder")))
        }
        if let command = summary.detailsCommand {
            body.append(.text(AdaptiveText(text: "Details: " + markdown.apply(command), size: "Small", isSubtle: true)))
        }
        let actions = summary.link.map { [AdaptiveAction(title: "Status page", url: $0)] }
        return TeamsMessage(attachments: [TeamsAttachment(content: AdaptiveCard(body: body, actions: actions))])
    }
}
