import BatonCore
import Foundation
import Testing

@testable import BatonNotices

@Suite struct GroupWordingTests {
    /// Each kind is one line: what happened, the reason in plain words, and `baton ack N` only while it helps.
    @Test(arguments: [
        (Notice.Kind.opened, "#5 Lead sync is down: the endpoint answered HTTP 503", "🔴", true),
        (.escalated, "#5 Lead sync is still down, step 2 of 3: the endpoint answered HTTP 503", "🔴", true),
        (.repeated, "#5 Lead sync is still down after 3 h 12 min: the endpoint answered HTTP 503", "🔴", true),
        (.reopened, "#5 Lead sync is down again, re-opened: the endpoint answered HTTP 503", "🔴", true),
        (.acknowledged, "#5 Lead sync acknowledged by alice: vendor ticket 1234", "🔵", false),
        (.resolved, "#5 Lead sync recovered after 1 h 12 min", "✅", false),
        (.silenced, "#5 Lead sync is silenced", "🔕", true),
        (.unsilenced, "#5 Lead sync is no longer silenced, still down: the endpoint answered HTTP 503", "🔔", true),
        (.test, "Test notice from Baton", "🧪", false),
        (.digest, "Baton digest: 2 incidents in the last day", "📋", false),
    ])
    func lineForEachKind(kind: Notice.Kind, text: String, emoji: String, offersAck: Bool) {
        let notice = GroupFixtures.notice(5, kind: kind, name: "Lead sync", reason: .httpStatus(HTTPStatusFinding(code: 503)))
        let line = GroupLine(notice)
        #expect(line.numberedText == text)
        #expect(line.emoji == emoji)
        #expect(line.acknowledgeCommand == (offersAck ? "baton ack 5" : nil))
    }

    /// A resolution that left the config, or back to `degraded`, says so.
    @Test func resolvedVariants() {
        var removed = GroupFixtures.notice(5, kind: .resolved, name: "Lead sync")
        removed.content.reason = .removedFromConfig
        #expect(GroupLine(removed).text == "Lead sync removed from the config after 1 h 12 min")
        var degraded = GroupFixtures.notice(5, kind: .resolved, name: "Lead sync")
        degraded.content.state = "degraded"
        #expect(GroupLine(degraded).text == "Lead sync is degraded again after 1 h 12 min")
    }

    /// The header counts what the lines tell, plainly; its emoji and colour are the most urgent line's.
    @Test(arguments: [
        ([Notice.Kind.opened, .opened, .escalated], "🔴 3 incidents need attention"),
        ([.opened], "🔴 1 incident needs attention"),
        ([.resolved, .resolved], "✅ 2 incidents recovered"),
        ([.acknowledged, .acknowledged], "🔵 2 incidents acknowledged"),
        ([.silenced, .silenced], "🔕 2 incidents silenced"),
        ([.opened, .resolved, .acknowledged, .resolved], "🔴 4 incidents: 1 needs attention, 1 acknowledged, 2 recovered"),
        ([.resolved, .acknowledged], "🔵 2 incidents: 1 acknowledged, 1 recovered"),
        ([.opened, .test], "🔴 2 notices: 1 needs attention, 1 other notice"),
        ([.test, .digest], "🧪 2 notices"),
    ])
    func header(kinds: [Notice.Kind], expected: String) {
        let lines = kinds.enumerated().map { GroupLine(GroupFixtures.notice($0.offset + 1, kind: $0.element)) }
        let summary = GroupSummary(lines: lines, createdAt: NoticeFixtures.now, more: 0, link: nil)
        #expect(summary.headerLine == expected)
    }

    /// A stale line among down ones does not soften the colour: the message takes the most urgent tone.
    @Test func mostUrgentTone() {
        let lines = [GroupLine(GroupFixtures.notice(1, state: "stale")), GroupLine(GroupFixtures.notice(2, state: "down")), GroupLine(GroupFixtures.notice(3, kind: .resolved))]
        let summary = GroupSummary(lines: lines, createdAt: NoticeFixtures.now, more: 0, link: nil)
        #expect(summary.tone == .down)
    }

    /// Long names and reasons are cut per line, so one integration cannot crowd the others out.
    @Test func linesAreCut() {
        let line = GroupLine(GroupFixtures.notice(5, name: String(repeating: "n", count: 5000), reason: .text(String(repeating: "r", count: 5000))))
        #expect(line.text.utf16.count < 300)
        #expect(line.text.contains("…"))
        #expect(line.acknowledgeCommand == "baton ack 5")
    }
}
