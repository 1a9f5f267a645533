import BatonCore
import Foundation

@testable import BatonNotices

/// Notices and channels as the incident logic and the config produce them.
enum NoticeFixtures {
    /// 2026-11-23T08:48:00Z: when incident #42 opened.
    static let since = Date(timeIntervalSince1970: 1_795_423_680)
    /// 2026-11-23T12:00:00Z.
    static let now = Date(timeIntervalSince1970: 1_795_435_200)
    static let link = "https://baton.example.com/"
    /// `last_sync 3h12m old (error after 2h)`.
    static let staleReason = Reason.freshness(
        FreshnessFinding(label: "last_sync", outcome: .tooOld(ageSeconds: 11_520, limit: .errorAfter(.seconds(7200))))
    )
    /// A current Unix time: the verification recipe refuses timestamps more than 5 minutes off.
    static var attempt: Int { Int(Date().timeIntervalSince1970) }

    static let secret = "whsec_ZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXp7fH1+f4CBgoM="
    /// Parts of channel URLs that authorise posting: they must never show anywhere.
    static let urlSecrets = ["T0SECRET/B0SECRET/xoxSecretToken", "sig=TeamsSigSecret", "DiscordTokenSecret", "MattermostHookSecret", "GchatKeySecret", "hooks.internal.example/secret-path"]

    static func channel(_ type: ChannelType) -> Channel {
        let url: String
        switch type {
        case .slack: url = "https://hooks.slack.com/services/T0SECRET/B0SECRET/xoxSecretToken"
        case .teams: url = "https://prod.westeurope.logic.azure.com/workflows/abc/triggers/manual/paths/invoke?sig=TeamsSigSecret"
        case .discord: url = "https://discord.com/api/webhooks/123/DiscordTokenSecret"
        case .mattermost: url = "https://chat.example.com/hooks/MattermostHookSecret"
        case .googlechat: url = "https://chat.googleapis.com/v1/spaces/AAA/messages?key=GchatKeySecret"
        case .webhook: url = "https://hooks.internal.example/secret-path"
        }
        return Channel(
            id: "\(type.rawValue)-channel", type: type, url: SecretText(revealed: url, redacted: "***"),
            secret: type == .webhook ? SecretText(revealed: secret, redacted: "***") : nil
        )
    }

    static func content(
        name: String = "Salesforce → Marketo lead sync",
        reason: Reason = staleReason,
        state: String = "stale",
        tools: [String] = ["Salesforce", "Marketo"],
        owner: String = "Marketing Operations",
        accountable: String = "Marketing CIO office",
        headline: String? = nil,
        acknowledgeCommand: String? = "baton ack 42",
        acknowledgedBy: String? = nil,
        note: String? = nil,
        durationSeconds: Int? = nil,
        blocks: [String] = ["hubspot-forms-sfdc"],
        integrationID: String = "sfdc-marketo-leads"
    ) -> NoticeContent {
        NoticeContent(
            headline: headline ?? "\(name) is \(state): \(reason.compact)",
            integrationID: integrationID, integrationName: name, tools: tools,
            owner: TeamRef(id: "marketing-ops", name: owner),
            accountable: TeamRef(id: "marketing-cio", name: accountable),
            state: state, reason: reason, since: since, incidentID: integrationID.isEmpty ? nil : 42, step: 2, steps: 3,
            acknowledgeCommand: acknowledgeCommand, acknowledgedBy: acknowledgedBy, note: note, durationSeconds: durationSeconds,
            blocks: blocks, slaTarget: 99.5, link: link
        )
    }

    /// The key the incident book gives a notice: `msg_<incident>_<event sequence>_<channel>`.
    static func key(_ kind: Notice.Kind) -> String {
        "msg_42_\(Notice.Kind.allCases.firstIndex(of: kind) ?? 0)_mops-slack"
    }

    /// A notice of `kind` as the incident book words it.
    static func notice(_ kind: Notice.Kind, _ content: NoticeContent? = nil) -> Notice {
        Notice(key: key(kind), kind: kind, channelID: "mops-slack", incidentID: 42, createdAt: now, content: content ?? self.content(for: kind))
    }

    /// The content the incident book gives each kind.
    static func content(for kind: Notice.Kind) -> NoticeContent {
        switch kind {
        case .opened, .escalated, .repeated:
            return content()
        case .reopened:
            return content(reason: .httpStatus(HTTPStatusFinding(code: 503)), state: "down")
        case .acknowledged:
            return content(headline: "#42 acknowledged by alice: vendor ticket 1234", acknowledgeCommand: nil, acknowledgedBy: "alice", note: "vendor ticket 1234")
        case .resolved:
            let summary = AnswerSummary(status: 200, latency: .milliseconds(12), data: DataAge(label: "last_sync", seconds: 240))
            return content(reason: .answered(summary), state: "healthy", headline: "recovered", acknowledgeCommand: nil, durationSeconds: 4320)
        case .silenced:
            return content(headline: "#42 silenced: maintenance: vendor maintenance")
        case .unsilenced:
            return content(headline: "#42: silence ended, escalation resumes")
        case .test:
            return content(name: "", reason: .text(""), state: "", tools: [], owner: "", accountable: "", headline: "Test notice to mops-slack", acknowledgeCommand: nil, blocks: [], integrationID: "")
        case .digest:
            return content(
                name: "", reason: .text(""), state: "", tools: [], owner: "", accountable: "", headline: "2 incidents in the last day",
                acknowledgeCommand: nil, note: "#42 Salesforce → Marketo lead sync: stale for 3 h 12 min\n#43 GA4 daily export: resolved after 20 min",
                blocks: [], integrationID: ""
            )
        }
    }

    static func render(_ notice: Notice, on type: ChannelType, attempt: Int = attempt) throws -> RenderedMessage {
        try NoticeRenderers.renderer(for: channel(type)).render(notice, attemptTimestamp: attempt)
    }
}
