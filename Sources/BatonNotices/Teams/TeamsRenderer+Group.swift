import BatonCore

/// Grouped notices on Teams: a coloured title, one FactSet row per notice (`🔴 #42` beside
/// what happened), "and N more", and the status page as the card's action.
extension TeamsRenderer {
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
        body.count <= TeamsLimits.body
    }

    static func message(_ group: GroupSummary) -> TeamsMessage {
        let markdown = TextFormat.teamsMarkdown
        var body: [AdaptiveElement] = [
            .text(AdaptiveText(text: markdown.apply(group.headerLine), size: "Medium", weight: "Bolder", color: group.tone.teamsColor)),
            .facts(group.lines.map { line in
                let title = line.emoji + (line.incidentID.map { " #\($0)" } ?? "")
                let value = markdown.apply(line.text) + (line.acknowledgeCommand.map { " · " + markdown.apply($0) } ?? "")
                return AdaptiveFact(title: title, value: value)
            }),
        ]
        if let more = group.moreLine { body.append(.text(AdaptiveText(text: more, isSubtle: true))) }
        let actions = group.link.map { [AdaptiveAction(title: "Status page", url: $0)] }
        return TeamsMessage(attachments: [TeamsAttachment(content: AdaptiveCard(body: body, actions: actions))])
    }
}
