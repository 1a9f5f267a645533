import BatonCore

/// Grouped notices on Discord: the header as `content` (the notification) and as the embed
/// title, the lines in the description and then in untitled fields, up to the 6,000
/// characters an embed may hold, ending with "and N more" and the status page. A long list
/// starts in `content`, under the header, and goes on in the embed.
extension DiscordRenderer {
    func fitting(_ notices: [Notice], more: Int, link: String?) -> Int {
        GroupSummary.fitting(notices, more: more, link: link, build: Self.message, fits: Self.fitsGroup)
    }

    func render(_ group: NoticeGroup, attemptTimestamp: Int) throws(RenderError) -> RenderedMessage {
        let message = try GroupSummary.fitted(group, build: Self.message, fits: Self.fitsGroup)
        return RenderedMessage.json(try JSONBody.encode(message), key: group.key)
    }

    static func message(_ group: GroupSummary) -> DiscordMessage {
        let unit = DiscordLimits.unit
        let lines = group.lines.map { line(for: $0) }
        var last: [String] = []
        if let more = group.moreLine { last.append(more) }
        if let link = group.link { last.append("[Status page](\(MarkdownLink.destination(link)))") }
        let tail = last.isEmpty ? [] : [last.joined(separator: " · ")]
        let header = TextFormat.discordMarkdown.fit(group.headerLine, limit: DiscordLimits.content, unit: unit)
        // Lines go in the embed; when it is full, the first ones move up into `content`, under
        // the header, which has 2,000 characters of its own.
        func moving(_ moved: Int) -> DiscordMessage {
            DiscordMessage(
                content: ([header] + lines.prefix(moved)).joined(separator: "\n"),
                embeds: [embed(group, lines: Array(lines.dropFirst(moved)) + tail)]
            )
        }
        var moved = 0
        var message = moving(0)
        while !fitsGroup(message), moved < lines.count, unit.count(message.content) <= DiscordLimits.content {
            moved += 1
            message = moving(moved)
        }
        return message
    }

    /// The embed holding `lines`: the description takes what it can, untitled fields the rest.
    private static func embed(_ group: GroupSummary, lines: [String]) -> DiscordEmbed {
        let unit = DiscordLimits.unit
        var description = ""
        var rest = lines[...]
        while let next = rest.first {
            let joined = description.isEmpty ? next : description + "\n" + next
            guard unit.count(joined) <= DiscordLimits.description else { break }
            description = joined
            rest = rest.dropFirst()
        }
        let fields = TextFormat.packed(Array(rest), separator: "\n", limit: DiscordLimits.fieldValue, unit: unit).map {
            DiscordField(name: TextFormat.zeroWidthSpace, value: $0, inline: false)
        }
        return DiscordEmbed(
            title: TextFormat.discordTitle.fit(group.headerLine, limit: DiscordLimits.title, unit: unit),
            description: description,
            url: group.link,
            color: group.tone.rgb,
            fields: fields,
            timestamp: NoticeTime.rfc3339(group.createdAt),
            footer: nil
        )
    }

    /// Within the content's limit, the embed's total, its field count, and each field's own limit.
    static func fitsGroup(_ message: DiscordMessage) -> Bool {
        DiscordLimits.unit.count(message.content) <= DiscordLimits.content && message.embeds.allSatisfy { embed in
            embed.countedLength <= DiscordLimits.embedTotal && embed.fields.count <= DiscordLimits.fields
                && embed.fields.allSatisfy { DiscordLimits.unit.count($0.value) <= DiscordLimits.fieldValue }
        }
    }

    /// `🔴 \#42 Lead sync is down: … · `baton ack 42``, short enough for a field of its own.
    private static func line(for line: GroupLine) -> String {
        let unit = DiscordLimits.unit
        let head = line.emoji + " "
        let tail = line.acknowledgeCommand.map { " · `" + $0.replacingOccurrences(of: "`", with: "'") + "`" } ?? ""
        let room = DiscordLimits.fieldValue - unit.count(head) - unit.count(tail)
        return head + TextFormat.discordMarkdown.fit(line.numberedText, limit: room, unit: unit) + tail
    }
}
