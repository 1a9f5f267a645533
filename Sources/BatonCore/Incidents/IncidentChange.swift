import struct Foundation.Date

/// One incident's changes during one call into the book, with the timeline entries and
/// notices they cause, in the order they happened.
struct IncidentChange {
    var incident: Incident
    /// The incident before the change; `nil` for one opened now.
    private let original: Incident?
    private var entries: [IncidentAction] = []

    init(_ incident: Incident, isNew: Bool = false) {
        self.incident = incident
        original = isNew ? nil : incident
    }

    /// Appends a timeline entry, numbered with the incident's next sequence number.
    @discardableResult
    mutating func record(_ kind: IncidentEvent.Kind, at time: Date, step: Int? = nil, actor: String? = nil, text: String) -> IncidentEvent {
        let event = IncidentEvent(
            incidentID: incident.id, sequence: incident.eventCount, at: time, kind: kind, step: step, actor: actor, text: text
        )
        incident.eventCount += 1
        entries.append(.record(event))
        return event
    }

    /// One notice per channel about `event`, keyed `msg_<incident>_<sequence>_<channel>` so a
    /// retried delivery keeps its `webhook-id`.
    mutating func notify(_ kind: Notice.Kind, channels: [String], about event: IncidentEvent, content: NoticeContent) {
        for channel in channels {
            let key = "msg_\(incident.id)_\(event.sequence)_\(channel)"
            entries.append(.notify(Notice(key: key, kind: kind, channelID: channel, incidentID: incident.id, createdAt: event.at, content: content)))
        }
    }

    /// Adds channels to "everyone notified", keeping the order they were first notified in.
    mutating func markNotified(_ channels: [String]) {
        for channel in channels where !incident.notifiedChannels.contains(channel) {
            incident.notifiedChannels.append(channel)
        }
    }

    /// `.save` of the final incident, then the entries; nothing when nothing changed.
    var actions: [IncidentAction] {
        guard incident != original || !entries.isEmpty else { return [] }
        return [.save(incident)] + entries
    }
}
