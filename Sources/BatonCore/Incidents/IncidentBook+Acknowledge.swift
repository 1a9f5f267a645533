import Foundation

extension IncidentBook {
    /// Acknowledges an open incident: escalation stops and everyone notified hears who took it.
    ///
    /// A recovering or silenced incident can be acknowledged too. An id the book no longer holds
    /// but below ``nextIncidentID`` (and from 1) belonged to an incident resolved longer ago than
    /// the cool-down, so it is refused as ``AcknowledgeError/resolved(_:)``, not as unknown.
    ///
    /// - Parameters:
    ///   - incidentID: The incident, as in `baton ack 42`.
    ///   - user: Who acknowledges (the Unix user).
    ///   - note: Why, or what happens next; blank counts as none.
    ///   - time: When.
    public mutating func acknowledge(_ incidentID: Int, by user: String, note: String?, at time: Date) throws(AcknowledgeError) -> [IncidentAction] {
        guard let incident = incidents.values.first(where: { $0.id == incidentID }) else {
            throw incidentID >= 1 && incidentID < nextIncidentID ? .resolved(incidentID) : .unknown(incidentID)
        }
        guard incident.isOpen else { throw .resolved(incidentID) }
        if let earlier = incident.acknowledgedBy { throw .alreadyAcknowledged(incidentID, by: earlier) }
        let note = note.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        var change = IncidentChange(incident)
        change.incident.acknowledgedBy = user
        change.incident.acknowledgedAt = time
        change.incident.acknowledgementNote = note
        let event = change.record(.acknowledged, at: time, actor: user, text: TimelineText.acknowledged(by: user, note: note))
        let headline = Headline.acknowledged(incidentID, by: user, note: note)
        notifyEveryone(&change, .acknowledged, about: event, content: composer.content(for: change.incident, headline: headline))
        return commit(change)
    }
}
