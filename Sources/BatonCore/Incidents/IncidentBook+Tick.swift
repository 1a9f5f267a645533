import struct Foundation.Date

extension IncidentBook {
    /// Moves every incident on to `now`: call about once a second, and once at start.
    ///
    /// In order, for each open incident (by id): one whose integration left the config
    /// resolves; a flapping one recovered for the whole cool-down resolves; a silence that
    /// began or ended is noted (with a notice); due steps and repeats fire. Then resolved
    /// incidents older than the cool-down are forgotten (they can no longer re-open), and
    /// every integration still in breach with no open incident and no silence gets one
    /// (`openedAt = now`): a breach whose silence ended.
    ///
    /// - Parameters:
    ///   - now: The current time.
    ///   - silence: What silences an integration (by id) now, if anything; asked only for
    ///     integrations with an open incident or an unattended breach.
    public mutating func tick(at now: Date, silence: (String) -> SilenceVerdict?) -> [IncidentAction] {
        var actions: [IncidentAction] = []
        for incident in openIncidents {
            guard config.integration(incident.integrationID) != nil else {
                actions += resolveRemoved(incident, at: now, composer: composer)
                incidents[incident.integrationID] = nil
                continue
            }
            var change = IncidentChange(incident)
            if let since = incident.recoveringSince, since.adding(cooldown) <= now {
                resolve(&change, recoveredAt: since, at: now, to: conditions[incident.integrationID])
                actions += commit(change)
                continue
            }
            let verdict = silence(incident.integrationID)
            let silenceEnded = verdict == nil && incident.silencedBy != nil
            if let verdict, incident.silencedBy == nil {
                self.silence(&change, by: verdict, at: now)
            } else if silenceEnded {
                unsilence(&change, at: now)
            }
            escalate(&change, at: now, skippingMissedRepeats: silenceEnded)
            actions += commit(change)
        }
        incidents = incidents.filter { _, incident in
            guard !incident.isOpen, let resolvedAt = incident.resolvedAt else { return true }
            return now < resolvedAt.adding(cooldown)
        }
        // Every tick looks at every integration: a list of the few in breach, not a copy of them all.
        var unattended: [(id: String, condition: IntegrationCondition)] = []
        for (id, condition) in conditions where condition.state.isBreach && openIncident(of: id) == nil {
            unattended.append((id, condition))
        }
        for (id, condition) in unattended.sorted(by: { $0.id < $1.id }) {
            guard let integration = config.integration(id), silence(id) == nil else { continue }
            actions += breachBegan(integration, condition, at: now)
        }
        return actions
    }
}
