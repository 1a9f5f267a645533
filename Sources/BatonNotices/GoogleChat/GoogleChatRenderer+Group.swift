import BatonCore

/// Grouped notices on Google Chat: the header as the notification text and the card's title,
/// the lines in paragraphs (`<br>` between lines), then "and N more" and a status page button.
extension GoogleChatRenderer {
    func fitting(_ notices: [Notice], more: Int, link: String?) -> Int {
        GroupSummary.fitting(notices, more: more, link: link, build: Self.body, fits: Self.fits)
    }

    func render(_ group: NoticeGroup, attemptTimestamp: Int) throws(RenderError) -> RenderedMessage {
        RenderedMessage.json(try GroupSummary.fitted(group, build: Self.body, fits: Self.fits), key: group.key)
    }

    static func body(_ group: GroupSummary) throws(RenderError) -> [UInt8] {
        try JSONBody.encode(message(group))
    }

    static func fits(_ body: [UInt8]) -> Bool {
        body.count <= GoogleChatLimits.body
    }

    static func message(_ group: GroupSummary) -> GoogleChatMessage {
        let html = TextFormat.googleChatHTML
        let unit = GoogleChatLimits.unit
        let lines = group.lines.map { line in
            let command = line.acknowledgeCommand.map { " · <b>\(html.fit($0, limit: 200, unit: unit))</b>" } ?? ""
            return line.emoji + " " + html.fit(line.numberedText, limit: GoogleChatLimits.widgetText / 2, unit: unit) + command
        }
        var widgets: [GoogleChatWidget] = TextFormat.packed(lines, separator: "<br>", limit: GoogleChatLimits.widgetText, unit: unit).map { .paragraph($0) }
        if let more = group.moreLine { widgets.append(.paragraph(more)) }
        if let link = group.link { widgets.append(.button(text: "Status page", url: link)) }
        let header = GoogleChatCardHeader(title: TextFormat.plain.fit(group.headerLine, limit: 300, unit: unit), subtitle: "Baton")
        return GoogleChatMessage(
            text: TextFormat.googleChatText.fit(group.headerLine, limit: GoogleChatLimits.text, unit: unit),
            cardsV2: [GoogleChatCardWithID(cardId: "baton-notices", card: GoogleChatCard(header: header, sections: [GoogleChatSection(widgets: widgets)]))]
        )
    }
}
