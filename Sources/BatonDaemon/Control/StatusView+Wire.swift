import BatonAPI
import BatonCore
import Foundation

extension StatusView {
    /// The status answer's lines for `ids` (all of `snapshot.order`, or a stretch of it: the answer
    /// is sent in pieces while it is written) straight from the snapshot's entries into `json`, in
    /// that order, each counted in `counted`.
    ///
    /// The bytes are those of ``integrationStatus(_:_:now:)`` written by `IntegrationStatus`
    /// (MonitorPiecesTests compares them): building that value first copied every field of the
    /// entry and allocated two timestamp strings, about half of the answer's time at 10,000 lines.
    static func writeLines(
        of ids: ArraySlice<String>, _ snapshot: MonitorSnapshot, filter: StatusFilter, now: Date, to json: inout WireJSON,
        counting counted: inout StateSummary
    ) throws(WireJSON.NonConformingNumber) {
        for id in ids {
            try snapshot.integrations.withEntry(id) { entry throws(WireJSON.NonConformingNumber) in
                guard filter.admits(entry) else { return }
                json.element()
                try writeLine(entry, snapshot, now: now, to: &json)
                counted.count(entry.effective.state.rawValue)
            }
        }
    }

    /// One line, keys in the encoder's sorted order.
    static func writeLine(
        _ entry: MonitoredIntegration, _ snapshot: MonitorSnapshot, now: Date, to json: inout WireJSON
    ) throws(WireJSON.NonConformingNumber) {
        // `entry.integration` each time, not a local copy of the whole integration.
        let blocked = entry.effective.state == .blocked
        json.raw(#"{"accountable":"#)
        json.string(entry.integration.accountable)
        json.raw(#","blocked_by":"#)
        json.strings(entry.effective.blockedBy)
        json.raw(#","data_age_seconds":"#)
        json.int(dataAge(entry, now: now))
        json.raw(#","id":"#)
        json.string(entry.integration.id)
        json.raw(#","incident":"#)
        if let incident = snapshot.openIncidents[entry.integration.id] {
            IncidentRef(id: incident.id, step: incident.stepsFired, acknowledgedBy: incident.acknowledgedBy).write(to: &json)
        } else {
            json.null()
        }
        json.raw(#","journey":"#)
        json.openArray()
        for stage in entry.integration.journey {
            json.element()
            json.string(stage.rawValue)
        }
        json.closeArray()
        json.raw(#","last_probe_at":"#)
        json.timestamp(entry.lastProbeAt)
        json.raw(#","latency_ms":"#)
        json.int(entry.latencyMs)
        json.raw(#","name":"#)
        json.string(entry.integration.name)
        json.raw(#","owner":"#)
        json.string(entry.integration.owner)
        json.raw(#","reason":"#)
        json.string(blocked ? reason(entry, snapshot).compact : entry.tracker.compactReason)
        json.raw(#","silenced":"#)
        json.bool(snapshot.silenceIndex.verdict(for: entry.integration) != nil)
        json.raw(#","since":"#)
        json.timestamp(entry.effectiveSince)
        json.raw(#","sla":"#)
        if let sla = entry.integration.sla {
            try SLAFigures(target: sla.availability, window: sla.window.compact, attainment: nil).write(to: &json)
        } else {
            json.null()
        }
        json.raw(#","state":"#)
        json.string(entry.effective.state.rawValue)
        json.raw(#","tags":"#)
        json.strings(entry.integration.tags)
        json.raw(#","tools":"#)
        json.strings(entry.integration.tools)
        json.closeObject()
    }
}
