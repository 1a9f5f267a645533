import BatonCore

/// Limits of grouped messages that hold for every chat.
enum GroupLimits {
    /// Most notices one message lists: beyond this a message is scrolled past, not read.
    static let notices = 50
}

extension GroupSummary {
    /// How many of `notices`, from the front, fit one message: the largest count whose
    /// payload `fits`, with the rest counted in "and N more"; 1 when not even one does.
    ///
    /// Payloads grow with each line (only the digits of two counts can shrink), so a binary
    /// search finds a count that fits, never one that does not. Only the first
    /// ``GroupLimits/notices`` are worded: a storm of thousands costs no more than one of 50.
    static func fitting<Payload>(
        _ notices: [Notice], more: Int, link: String?,
        build: (GroupSummary) throws(RenderError) -> Payload, fits: (Payload) -> Bool
    ) -> Int {
        guard !notices.isEmpty else { return 0 }
        return Candidates(notices, more: more, link: link).fittingCount { summary in
            guard let payload = try? build(summary) else { return false }
            return fits(payload)
        }
    }

    /// The payload for `group`: every notice when they fit, else those that do with the rest in "and N more".
    static func fitted<Payload>(
        _ group: NoticeGroup, build: (GroupSummary) throws(RenderError) -> Payload, fits: (Payload) -> Bool
    ) throws(RenderError) -> Payload {
        guard !group.notices.isEmpty else {
            throw RenderError(code: .emptyGroup, channelID: nil, message: "a grouped message needs at least one notice")
        }
        let candidates = Candidates(group.notices, more: group.more, link: group.link)
        let count = candidates.fittingCount { summary in
            guard let payload = try? build(summary) else { return false }
            return fits(payload)
        }
        return try build(candidates.summary(listing: count))
    }
}

/// The notices a message may list, worded once, and the summaries of their prefixes.
private struct Candidates {
    let notices: ArraySlice<Notice>
    let lines: [GroupLine]
    /// Notices offered in all, listed or not.
    let total: Int
    let more: Int
    let link: String?

    init(_ notices: [Notice], more: Int, link: String?) {
        self.notices = notices.prefix(GroupLimits.notices)
        self.lines = self.notices.map(GroupLine.init)
        self.total = notices.count
        self.more = max(0, more)
        self.link = link
    }

    /// The summary listing the first `count` lines, the others added to `more` (which saturates, never traps).
    func summary(listing count: Int) -> GroupSummary {
        let shown = min(max(count, 0), lines.count)
        let left = total - shown
        let all = more > Int.max - left ? Int.max : more + left
        let newest = notices.prefix(shown).map(\.createdAt).max() ?? notices.first?.createdAt ?? .distantPast
        return GroupSummary(lines: lines.prefix(shown), createdAt: newest, more: all, link: link)
    }

    /// The largest count (binary search, see ``GroupSummary/fitting(_:more:link:build:fits:)``) whose summary `fits`; at least 1.
    func fittingCount(_ fits: (GroupSummary) -> Bool) -> Int {
        var high = lines.count
        if fits(summary(listing: high)) { return high }
        // Invariant: `low` fits (or is 1, the least a message lists), `high` does not.
        var low = 1
        while high - low > 1 {
            let middle = low + (high - low) / 2
            if fits(summary(listing: middle)) { low = middle } else { high = middle }
        }
        return low
    }
}
