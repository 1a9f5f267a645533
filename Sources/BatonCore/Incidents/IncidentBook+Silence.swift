import struct Foundation.Date

extension IncidentBook {
    /// An open incident became silenced: escalation pauses, and everyone notified hears why.
    func silence(_ change: inout IncidentChange, by verdict: SilenceVerdict, at time: Date) {
        change.incident.silencedBy = verdict.description
        let event = change.record(.silenced, at: time, text: TimelineText.silenced(verdict.description))
        let headline = Headline.silenced(change.incident.id, by: verdict.description)
        notifyEveryone(&change, .silenced, about: event, content: composer.content(for: change.incident, headline: headline))
    }

    /// The silence over an open incident ended: everyone notified hears it; the caller resumes escalation.
    func unsilence(_ change: inout IncidentChange, at time: Date) {
        change.incident.silencedBy = nil
        let event = change.record(.unsilenced, at: time, text: TimelineText.unsilenced)
        let headline = Headline.unsilenced(change.incident.id, acknowledged: change.incident.isAcknowledged)
        notifyEveryone(&change, .unsilenced, about: event, content: composer.content(for: change.incident, headline: headline))
    }
}
