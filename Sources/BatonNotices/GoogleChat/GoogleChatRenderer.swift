import BatonCore

/// Google Chat webhooks: a notification line and a card with the facts.
struct GoogleChatRenderer: NoticeRenderer {
    func render(_ notice: Notice, attemptTimestamp: Int) throws(RenderError) -> RenderedMessage {
        let body = try NoticeSummary.firstFitting(notice, budgets: TextBudget.chat, build: Self.body) { $0.count <= GoogleChatLimits.body }
        return RenderedMessage.json(body, key: notice.key)
    }

    static func body(_ summary: NoticeSummary) throws(RenderError) -> [UInt8] {
        try JSONBody.encode(message(summary))
    }

    static func message(_ summary: NoticeSummary) -> GoogleChatMessage {
        let html = TextFormat.googleChatHTML
        let unit = GoogleChatLimits.unit
        let limit = GoogleChatLimits.widgetText
        var widgets: [GoogleChatWidget] = [.paragraph(html.fit(summary.lead, limit: limit, unit: unit))]
        widgets += summary.facts.map { .labelled(label: $0.label, text: html.fit($0.value, limit: limit, unit: unit)) }
        if let details = summary.details {
            widgets += html.chunks(details, limit: limit, unit: unit, maxPieces: 4).map { .paragraph($0.replacingOccurrences(of: "\n", with: "<br>")) }
        }
        if let command = summary.acknowledgeCommand {
            widgets.append(.paragraph("To acknowledge, run <b>\(html.fit(command, limit: 200, unit: unit))</b>"))
        }
        if let command = summary.detailsCommand {
            widgets.append(.paragraph("Details: \(html.fit(command, limit: 300, unit: unit))"))
        }
        if let link = summary.link { widgets.append(.button(text: "Status page", url: link)) }
        let header = GoogleChatCardHeader(title: TextFormat.plain.fit(summary.headerLine, limit: 300, unit: unit), subtitle: "Baton")
        return GoogleChatMessage(
            text: TextFormat.googleChatText.fit(summary.fallback, limit: GoogleChatLimits.text, unit: unit),
            cardsV2: [GoogleChatCardWithID(card: GoogleChatCard(header: header, sections: [GoogleChatSection(widgets: widgets)]))]
        )
    }
}
