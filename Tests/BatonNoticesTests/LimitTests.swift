import BatonCore
import Foundation
import Testing

@testable import BatonNotices

@Suite struct LimitTests {
    /// Texts of 10,000 characters: plain, all escapes, emoji families, and one character of 10,000 combining marks.
    static let hugeTexts: [String] = [
        String(repeating: "x", count: 10_000),
        String(repeating: "&<>*_@", count: 1700),
        String(repeating: "👩‍👩‍👧", count: 10_000),
        "e" + String(repeating: "\u{0301}", count: 10_000),
    ]

    /// A 10,000-character name, reason, team, tool, note and headline give bodies within every documented limit, for every kind.
    @Test(arguments: ChannelType.allCases, hugeTexts.indices)
    func hugeTextsFit(type: ChannelType, index: Int) throws {
        let huge = Self.hugeTexts[index]
        for kind in Notice.Kind.allCases {
            let content = NoticeFixtures.content(
                name: huge, reason: .text(huge), tools: [huge, huge], owner: huge, accountable: huge, headline: huge,
                acknowledgedBy: huge, note: kind == .digest ? Array(repeating: huge, count: 5).joined(separator: "\n") : huge,
                durationSeconds: 60, blocks: Array(repeating: huge, count: 200)
            )
            let message = try NoticeFixtures.render(NoticeFixtures.notice(kind, content), on: type)
            #expect(try ServiceLimits.violations(type, message) == [], "\(type) \(kind) text \(index)")
        }
    }

    /// A long name is cut with `…`, and what is kept is still its beginning.
    @Test(arguments: ChannelType.allCases)
    func cutNamesEndWithEllipsis(type: ChannelType) throws {
        let name = "Salesforce → Marketo lead sync " + String(repeating: "and more ", count: 1000)
        let text = try JSONReading.text(try NoticeFixtures.render(NoticeFixtures.notice(.opened, NoticeFixtures.content(name: name)), on: type))
        #expect(text.contains("Salesforce → Marketo lead sync and more and more"))
        #expect(text.contains("…"))
    }
}
