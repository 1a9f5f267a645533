import BatonAPI
import BatonCore
import BatonStore
import Foundation

/// Incidents and silences as the control API shows them.
enum IncidentView {
    static func summary(_ record: IncidentRecord, config: Config, graph: DependencyGraph? = nil) -> IncidentSummary {
        let incident = record.incident
        let integration = config.integration(incident.integrationID)
        let steps = incident.policyID.flatMap { config.policy($0)?.steps.count } ?? 1
        let end = incident.resolvedAt
        return IncidentSummary(
            id: incident.id,
            integration: incident.integrationID,
            name: integration?.name ?? incident.integrationID,
            owner: integration?.owner ?? "",
            status: incident.status.rawValue,
            state: incident.state.rawValue,
            reason: incident.reason.compact,
            openedAt: WireFormat.timestamp(incident.openedAt),
            resolvedAt: end.map(WireFormat.timestamp),
            step: incident.stepsFired,
            steps: steps,
            acknowledgedBy: incident.acknowledgedBy,
            acknowledgedAt: incident.acknowledgedAt.map(WireFormat.timestamp),
            note: incident.acknowledgementNote,
            durationSeconds: end.map { Int(saturating: $0.timeIntervalSince(incident.openedAt).rounded()) },
            reopenCount: incident.reopenCount,
            silencedBy: incident.silencedBy,
            notifiedChannels: incident.notifiedChannels,
            blocks: incident.isOpen ? (graph ?? DependencyGraph(config.integrations)).blocks(incident.integrationID) : [],
            timeline: record.events.map {
                TimelineEntry(at: WireFormat.timestamp($0.at), kind: $0.kind.rawValue, step: $0.step, actor: $0.actor, text: $0.text)
            },
            notices: record.notices.map {
                NoticeSummary(
                    key: $0.notice.key, kind: $0.notice.kind.rawValue, channel: $0.notice.channelID,
                    createdAt: WireFormat.timestamp($0.notice.createdAt), status: $0.status.rawValue,
                    attempts: $0.attempts, headline: $0.notice.content.headline, lastError: $0.lastError
                )
            }
        )
    }

    static func silence(_ silence: Silence, config: Config, now: Date) -> SilenceSummary {
        let status = silence.removedAt != nil ? "removed" : silence.endsAt <= now ? "expired" : "active"
        return SilenceSummary(
            id: silence.id,
            integrations: silence.matcher.integrations,
            tags: silence.matcher.tags,
            owners: silence.matcher.owners,
            reason: silence.reason,
            createdBy: silence.createdBy,
            createdAt: WireFormat.timestamp(silence.createdAt),
            endsAt: WireFormat.timestamp(silence.endsAt),
            status: status,
            matches: config.integrations.filter(silence.matcher.matches).map(\.id)
        )
    }
}
