import struct Foundation.Date

extension IncidentBook {
    /// Opens a new incident for a breach and fires the steps due at once.
    mutating func open(_ integration: Integration, _ condition: IntegrationCondition, at time: Date) -> [IncidentAction] {
        let reason = condition.incidentReason
        let incident = Incident(
            id: takeIncidentID(), integrationID: integration.id, policyID: integration.escalation, openedAt: time,
            openingState: condition.state, openingReason: reason
        )
        var change = IncidentChange(incident, isNew: true)
        change.record(.opened, at: time, text: TimelineText.opened(condition.state, reason))
        escalate(&change, at: time)
        return commit(change)
    }

    /// Re-opens a resolved incident (a flap) and tells everyone notified.
    func reopen(_ change: inout IncidentChange, with condition: IntegrationCondition, at time: Date) {
        let reason = condition.incidentReason
        change.incident.status = .open
        change.incident.resolvedAt = nil
        change.incident.recoveringSince = nil
        change.incident.reopenCount += 1
        change.incident.state = condition.state
        change.incident.reason = reason
        let event = change.record(.reopened, at: time, text: TimelineText.reopened(condition.state, reason))
        let headline = Headline.reopened(composer.name(of: change.incident), condition.state, reason, change.incident.id)
        notifyEveryone(&change, .reopened, about: event, content: composer.content(for: change.incident, headline: headline))
    }

    /// Resolves an incident whose integration recovered at `recoveredAt`, and tells everyone notified.
    ///
    /// - Parameters:
    ///   - recoveredAt: When the integration recovered: the incident's `resolvedAt`.
    ///   - time: When the resolution is recorded (later than `recoveredAt` after a flapping cool-down).
    ///   - condition: The state recovered to, reported in the notice.
    func resolve(_ change: inout IncidentChange, recoveredAt: Date, at time: Date, to condition: IntegrationCondition?) {
        change.incident.status = .resolved
        change.incident.resolvedAt = recoveredAt
        change.incident.recoveringSince = nil
        change.incident.silencedBy = nil
        let seconds = recoveredAt.wholeSeconds(since: change.incident.openedAt)
        let event = change.record(.resolved, at: time, text: TimelineText.resolved(afterSeconds: seconds))
        let content = composer.content(
            for: change.incident, headline: Headline.recovered(composer.name(of: change.incident), change.incident.id, afterSeconds: seconds),
            state: condition?.state.rawValue, reason: condition?.reason, durationSeconds: seconds
        )
        notifyEveryone(&change, .resolved, about: event, content: content)
    }

    /// Resolves the incident of an integration that left the config, worded with the config it was in.
    func resolveRemoved(_ incident: Incident, at time: Date, composer: NoticeComposer) -> [IncidentAction] {
        var change = IncidentChange(incident)
        change.incident.status = .resolved
        change.incident.resolvedAt = time
        change.incident.recoveringSince = nil
        change.incident.silencedBy = nil
        let seconds = time.wholeSeconds(since: incident.openedAt)
        let event = change.record(.resolved, at: time, text: TimelineText.removed)
        let headline = Headline.removed(composer.name(of: incident), incident.id, afterSeconds: seconds)
        let content = composer.content(for: change.incident, headline: headline, reason: .removedFromConfig, durationSeconds: seconds)
        notifyEveryone(&change, .resolved, about: event, content: content)
        return change.actions
    }

    /// A flapping incident's integration recovered: it resolves after the cool-down, quietly until then.
    func startRecovering(_ change: inout IncidentChange, at time: Date) {
        change.incident.recoveringSince = time
        change.record(.recovering, at: time, text: TimelineText.recovering(cooldown: cooldown))
    }

    /// Another breach state, or blocked, while open: a timeline entry, no notice; a recovery ends.
    func noteChange(_ change: inout IncidentChange, from previous: IntegrationState, to condition: IntegrationCondition, at time: Date) {
        let reason = condition.incidentReason
        let wasRecovering = change.incident.recoveringSince != nil
        change.incident.recoveringSince = nil
        if wasRecovering || condition.state != change.incident.state {
            // While recovering the incident still holds the old breach; `previous` is what the integration showed.
            let from = wasRecovering ? previous : change.incident.state
            change.record(.changed, at: time, text: TimelineText.changed(from: from, to: condition.state, reason: reason))
        }
        change.incident.state = condition.state
        change.incident.reason = reason
    }
}
