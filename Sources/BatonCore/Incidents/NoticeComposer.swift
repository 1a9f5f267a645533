/// Fills in what every incident notice carries, from the incident and the config it runs under.
struct NoticeComposer {
    var config: Config
    var graph: DependencyGraph

    /// The integration's display name; its id when the config no longer has it.
    func name(of incident: Incident) -> String {
        config.integration(incident.integrationID)?.name ?? incident.integrationID
    }

    /// The content of a notice about `incident` as it stands now.
    ///
    /// - Parameters:
    ///   - headline: The sentence leading the notice.
    ///   - step: The step concerned; by default the last step fired (`nil` before the first).
    ///   - state: The state to report, when not the incident's (the one it recovered to).
    ///   - reason: The reason to report, when not the incident's.
    ///   - durationSeconds: How long the incident lasted, for resolutions.
    func content(
        for incident: Incident, headline: String, step: Int? = nil, state: String? = nil, reason: Reason? = nil,
        durationSeconds: Int? = nil
    ) -> NoticeContent {
        let integration = config.integration(incident.integrationID)
        let steps = config.policy(for: incident).steps.count
        let reached = step ?? (incident.stepsFired > 0 ? min(incident.stepsFired, steps) : nil)
        let stillUseful = incident.isOpen && !incident.isAcknowledged
        return NoticeContent(
            headline: headline,
            integrationID: incident.integrationID,
            integrationName: integration?.name ?? incident.integrationID,
            tools: integration?.tools ?? [],
            owner: team(integration?.owner ?? ""),
            accountable: integration?.accountable.map(team),
            state: state ?? incident.state.rawValue,
            reason: reason ?? incident.reason,
            since: incident.openedAt,
            incidentID: incident.id,
            step: reached,
            steps: steps,
            acknowledgeCommand: stillUseful ? "baton ack \(incident.id)" : nil,
            acknowledgedBy: incident.acknowledgedBy,
            note: incident.acknowledgementNote,
            durationSeconds: durationSeconds,
            blocks: graph.blocks(incident.integrationID),
            slaTarget: integration?.sla?.availability,
            link: config.statusPageLink
        )
    }

    /// The team as notices name it; an undeclared team shows its id.
    private func team(_ id: String) -> TeamRef {
        TeamRef(id: id, name: config.team(id)?.name ?? id)
    }
}
