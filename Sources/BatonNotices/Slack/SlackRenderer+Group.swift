import BatonCore

/// Grouped notices on Slack: a header block, the lines packed into as few sections as
/// their 3,000 characters allow, and a context block with "and N more" and the status page.
extension SlackRenderer {
    func fitting(_ notices: [Notice], more: Int, link: String?) -> Int {
        GroupSummary.fitting(notices, more: more, link: link, build: Self.message, fits: Self.fits)
    }

    func render(_ group: NoticeGroup, attemptTimestamp: Int) throws(RenderError) -> RenderedMessage {
        let message = try GroupSummary.fitted(group, build: Self.message, fits: Self.fits)
        return RenderedMessage.json(try JSONBody.encode(message), key: group.key)
    }

    static func message(_ group: GroupSummary) -> SlackMessage {
        let mrkdwn = TextFormat.slackMrkdwn
        let unit = SlackLimits.unit
        var blocks: [SlackBlock] = [.header(.plain(TextFormat.plain.fit(group.headerLine, limit: SlackLimits.header, unit: unit)))]
        let lines = group.lines.map { line(for: $0) }
        blocks += TextFormat.packed(lines, separator: "\n", limit: SlackLimits.sectionText, unit: unit).map { .section(.mrkdwn($0)) }
        var context: [SlackText] = []
        if let more = group.moreLine { context.append(.mrkdwn(more)) }
        if let link = group.link { context.append(.mrkdwn(SlackMarkup.link(link, "Status page"))) }
        if !context.isEmpty { blocks.append(.context(context)) }
        return SlackMessage(text: mrkdwn.fit(group.headerLine, limit: SlackLimits.fallback, unit: unit), blocks: blocks)
    }

    /// `🔴 #42 Lead sync is down: … · `baton ack 42``, within one section.
    private static func line(for line: GroupLine) -> String {
        let unit = SlackLimits.unit
        let head = line.emoji + " "
        let tail = line.acknowledgeCommand.map { " · " + SlackMarkup.code($0) } ?? ""
        let room = SlackLimits.sectionText - unit.count(head) - unit.count(tail)
        return head + TextFormat.slackMrkdwn.fit(line.numberedText, limit: room, unit: unit) + tail
    }
}
