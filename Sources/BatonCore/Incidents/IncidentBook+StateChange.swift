import struct Foundation.Date

extension IncidentBook {
    /// Takes in a change of an integration's shown state (`blocked` included), at `condition.since`.
    ///
    /// - A breach (`stale`, `down`) without an open incident opens one, or re-opens the one
    ///   resolved within the cool-down, unless `silence` is set: then ``tick(at:silence:)``
    ///   opens it when the silence ends. `blocked` never opens an incident.
    /// - With an open incident: `healthy` or `degraded` resolves it (or, when it flaps, starts
    ///   the recovery cool-down); another breach state or `blocked` records a `changed` entry
    ///   without a notice (and ends a recovery); `unknown` changes nothing. An incident found
    ///   silenced here is marked so, with a notice; the end of a silence is left to the tick.
    ///   Steps that are due fire, as in a tick.
    ///
    /// Integrations the config does not have are ignored.
    ///
    /// - Parameters:
    ///   - integrationID: The integration that changed.
    ///   - condition: Its new shown state, reason, since when, and root causes when blocked.
    ///   - previous: The state it showed before, named in the timeline.
    ///   - silence: What silences the integration now, if anything.
    public mutating func integrationChanged(
        _ integrationID: String, to condition: IntegrationCondition, from previous: IntegrationState, silence: SilenceVerdict?
    ) -> [IncidentAction] {
        guard let integration = config.integration(integrationID) else { return [] }
        conditions[integrationID] = condition
        let time = condition.since
        guard let incident = openIncident(of: integrationID) else {
            guard condition.state.isBreach, silence == nil else { return [] }
            return breachBegan(integration, condition, at: time)
        }
        var change = IncidentChange(incident)
        switch condition.state {
        case .unknown:
            return []
        case .healthy, .degraded:
            if incident.reopenCount == 0 {
                resolve(&change, recoveredAt: time, at: time, to: condition)
            } else if incident.recoveringSince == nil {
                startRecovering(&change, at: time)
            }
        case .stale, .down, .blocked:
            noteChange(&change, from: previous, to: condition, at: time)
            if let silence, change.incident.silencedBy == nil {
                self.silence(&change, by: silence, at: time)
            }
            escalate(&change, at: time, skippingMissedRepeats: incident.isPaused)
        }
        return commit(change)
    }

    /// A breach with no open incident: re-opens the incident resolved within the cool-down, else opens one.
    mutating func breachBegan(_ integration: Integration, _ condition: IntegrationCondition, at time: Date) -> [IncidentAction] {
        if let resolved = incidents[integration.id], !resolved.isOpen, let resolvedAt = resolved.resolvedAt,
           time < resolvedAt.adding(cooldown) {
            var change = IncidentChange(resolved)
            reopen(&change, with: condition, at: time)
            // The re-opened notice is this flap's one message: steps due by now still fire, missed repeats do not.
            escalate(&change, at: time, skippingMissedRepeats: true)
            return commit(change)
        }
        return open(integration, condition, at: time)
    }
}
