import BatonCore

/// Limits for the generic webhook body.
enum WebhookLimits {
    /// Receivers commonly cap request bodies around 20 KB.
    static let body = 20_000
    /// Longest list kept (tools, blocked integrations).
    static let listItems = 50
}

extension WebhookEvent {
    /// The event for `notice`, every text cut to the summary's budget (values stay as written, only shorter).
    init(_ notice: Notice, summary: NoticeSummary) {
        let content = notice.content
        let budget = summary.budget
        let keep = budget.keep
        let list = { (items: [String]) in items.prefix(WebhookLimits.listItems).map { keep($0, budget.name) } }
        let incidentID = content.incidentID ?? notice.incidentID
        let hasIntegration = !content.integrationID.isEmpty
        let team = { (team: TeamRef) in WebhookTeam(id: keep(team.id, budget.name), name: keep(team.name, budget.team)) }
        self.init(
            type: Self.type(notice.kind),
            id: notice.key,
            createdAt: NoticeTime.rfc3339(notice.createdAt),
            channel: notice.channelID,
            headline: keep(content.headline, budget.sentence),
            summary: "\(summary.title): \(summary.lead)",
            state: keep(content.state, 40),
            reason: keep(content.reason.compact, budget.sentence),
            reasonText: summary.reasonWords,
            reasonKind: content.reason.withoutProgress.kind.rawValue,
            since: Nullable(hasIntegration ? NoticeTime.rfc3339(content.since) : nil),
            step: Nullable(content.step),
            steps: Nullable(content.steps),
            acknowledgeCommand: Nullable(summary.acknowledgeCommand),
            link: Nullable(summary.link),
            incident: Nullable(incidentID.map { id in
                WebhookIncident(
                    id: id,
                    acknowledgedBy: Nullable(content.acknowledgedBy.map { keep($0, budget.name) }),
                    note: Nullable(notice.kind == .digest ? nil : content.note.map { keep($0, budget.sentence) }),
                    durationSeconds: Nullable(content.durationSeconds),
                    durationText: Nullable(content.durationSeconds.map { DurationText.age(seconds: Double($0)).words })
                )
            }),
            integration: Nullable(hasIntegration ? WebhookIntegration(
                id: keep(content.integrationID, budget.name),
                name: keep(content.integrationName, budget.name),
                tools: list(content.tools),
                owner: team(content.owner),
                accountable: Nullable(content.accountable.map(team)),
                blocks: list(content.blocks),
                slaTargetPercent: Nullable(content.slaTarget)
            ) : nil),
            details: Nullable(summary.details)
        )
    }

    /// `incident.opened` … `incident.unsilenced`; `test` and `digest` are about no incident.
    static func type(_ kind: Notice.Kind) -> String {
        switch kind {
        case .test, .digest: kind.rawValue
        default: "incident.\(kind.rawValue)"
        }
    }
}
