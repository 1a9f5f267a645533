import BatonCore

/// Grouped notices on Mattermost: one post in Markdown, the header in bold, one line per
/// notice, then "and N more" and the status page.
extension MattermostRenderer {
    func fitting(_ notices: [Notice], more: Int, link: String?) -> Int {
        GroupSummary.fitting(notices, more: more, link: link, build: Self.message, fits: Self.fitsGroup)
    }

    func render(_ group: NoticeGroup, attemptTimestamp: Int) throws(RenderError) -> RenderedMessage {
        let message = try GroupSummary.fitted(group, build: Self.message, fits: Self.fitsGroup)
        return RenderedMessage.json(try JSONBody.encode(message), key: group.key)
    }

    static func message(_ group: GroupSummary) -> MattermostMessage {
        let markdown = TextFormat.mattermostMarkdown
        // Mattermost shows each line break, so one `\n` per notice is a list without list markup.
        var lines = ["**" + markdown.apply(group.headerLine) + "**"]
        lines += group.lines.map { line in
            let command = line.acknowledgeCommand.map { " · `" + $0.replacingOccurrences(of: "`", with: "'") + "`" } ?? ""
            return line.emoji + " " + markdown.apply(line.numberedText) + command
        }
        var last: [String] = []
        if let more = group.moreLine { last.append(more) }
        if let link = group.link { last.append("[Status page](\(MarkdownLink.destination(link)))") }
        if !last.isEmpty { lines.append("\n" + last.joined(separator: " · ")) }
        return MattermostMessage(text: lines.joined(separator: "\n"), attachments: nil)
    }

    static func fitsGroup(_ message: MattermostMessage) -> Bool {
        MattermostLimits.unit.count(message.text) <= MattermostLimits.groupText
    }
}
