import BatonCore
import Foundation
import Testing

@testable import BatonNotices

/// A digest from ``DigestComposer`` reads well on every chat type: the headline and each listed line arrive.
@Suite struct DigestNoticeTests {
    static let now = NoticeFixtures.now

    static func config() throws -> Config {
        let heartbeat = ProbeKind.heartbeat(Heartbeat(token: SecretText(literal: "t"), period: .seconds(60), grace: .zero))
        return Config(
            teams: [Team(id: "marketing-ops", name: "Marketing Operations", channels: ["mops-slack"])],
            digests: [Digest(cron: try CronSchedule(parsing: "0 9 * * MON-FRI"), channels: ["exec-slack", "audit"], since: .seconds(86_400))],
            integrations: [
                Integration(id: "leads", name: "Salesforce → Marketo lead sync", owner: "marketing-ops", probe: heartbeat),
                Integration(id: "ga4", name: "GA4 daily export", owner: "marketing-ops", probe: heartbeat),
            ]
        )
    }

    static func due() -> DigestSchedule.Due {
        DigestSchedule.Due(index: 0, firedAt: now, window: DateInterval(start: now.addingTimeInterval(-86_400), end: now))
    }

    static func incidents() -> (opened: [Incident], open: [Incident]) {
        let resolved = Incident(id: 41, integrationID: "ga4", policyID: nil, status: .resolved, openedAt: now.addingTimeInterval(-7200),
                                openingState: .stale, openingReason: .text("r"), resolvedAt: now.addingTimeInterval(-6000))
        let open = Incident(id: 42, integrationID: "leads", policyID: nil, openedAt: now.addingTimeInterval(-3600),
                            openingState: .down, openingReason: .text("HTTP 503"), acknowledgedBy: "alice", acknowledgedAt: now.addingTimeInterval(-3000))
        return ([resolved, open], [open])
    }

    /// One notice per channel of the digest, keyed by digest and firing, listing breaches, open incidents and budgets.
    @Test func composerListsWhatHappened() throws {
        let (opened, open) = Self.incidents()
        let over = IntegrationFigures(
            id: "leads", name: "Salesforce → Marketo lead sync", owner: "marketing-ops", tools: [], journey: [], target: 99.5,
            attainment: 97.25, time: TimeSplit(), errorBudget: 1, errorBudgetLeft: -1, errorBudgetLeftPercent: -100, overBudget: true,
            breaches: 1, incidents: 1, acknowledged: 1, resolved: 0, mtta: DurationStatistics(), mttr: DurationStatistics()
        )
        let notices = DigestComposer(config: try Self.config()).notices(for: Self.due(), opened: opened, open: open, overBudget: [over])
        #expect(notices.map(\.channelID) == ["exec-slack", "audit"])
        #expect(notices.map(\.key) == ["msg_digest_0_1795435200_exec-slack", "msg_digest_0_1795435200_audit"])
        let content = try #require(notices.first?.content)
        #expect(content.headline == "Since 22 Nov 2026, 12:00 UTC: 2 breaches, 1 incident still open, 1 integration over SLA budget")
        #expect(content.note?.split(separator: "\n").map(String.init) == [
            "Breached since the last digest:",
            "• #41 GA4 daily export (Marketing Operations): stale, resolved after 20m",
            "• #42 Salesforce → Marketo lead sync (Marketing Operations): down, open, acknowledged by alice",
            "Still open:",
            "• #42 Salesforce → Marketo lead sync (Marketing Operations): down since 23 Nov 2026, 11:00 UTC, acknowledged by alice",
            "Over SLA budget:",
            "• Salesforce → Marketo lead sync (Marketing Operations): 97.25% against 99.5%",
        ])
        let quiet = DigestComposer(config: try Self.config()).notices(for: Self.due(), opened: [], open: [], overBudget: [])
        #expect(quiet.first?.content.headline.hasPrefix("All quiet since") == true)
        #expect(quiet.first?.content.note == nil)
    }

    /// Every chat type shows the headline and every line of the list.
    @Test(arguments: ChannelType.allCases)
    func everyTypeShowsTheList(type: ChannelType) throws {
        let (opened, open) = Self.incidents()
        let notice = try #require(DigestComposer(config: try Self.config()).notices(for: Self.due(), opened: opened, open: open, overBudget: []).first)
        let text = try JSONReading.text(try NoticeFixtures.render(notice, on: type))
        for phrase in ["2 breaches, 1 incident still open", "#41 GA4 daily export", "resolved after 20m", "acknowledged by alice", "Still open"] {
            #expect(text.contains(phrase), "\(type): missing \(phrase)")
        }
        #expect(!text.contains("baton ack 42"), "\(type)")
    }
}
