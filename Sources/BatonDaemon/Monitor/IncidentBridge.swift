import BatonCore
import Foundation

/// Between shown states and incidents: tells the ``IncidentBook`` what changed, keeps the
/// silences, and holds back the incident of an integration whose upstream has no verdict yet.
///
/// Pure and value-typed: time comes in with each call; the actions to store (incident rows,
/// timeline entries, notices) come back.
struct IncidentBridge: Sendable {
    private(set) var book: IncidentBook
    /// Silences made from the CLI that have not ended yet.
    private(set) var silences: [Silence]
    private(set) var nextSilenceID: Int
    /// Silences and maintenance windows as of the last tick.
    private(set) var silenceIndex: SilenceIndex
    /// Breaching integrations whose incident waits for an upstream verdict: a dependency has
    /// failed probes but is not down yet. The value is the state the incident logic last saw.
    private(set) var deferred: [String: IntegrationState] = [:]
    private var maintenance: [MaintenanceWindow]

    init(config: Config, states: StateBook, incidents: [Incident], nextIncidentID: Int, silences: [Silence], nextSilenceID: Int, at now: Date) {
        book = IncidentBook(config: config, incidents: incidents, conditions: states.conditions(at: now), nextIncidentID: nextIncidentID)
        self.silences = silences
        self.nextSilenceID = nextSilenceID
        maintenance = config.maintenance
        silenceIndex = SilenceIndex(silences: silences, maintenance: config.maintenance, at: now)
    }

    /// Open incidents by integration id.
    var openIncidents: [String: Incident] {
        Dictionary(book.openIncidents.map { ($0.integrationID, $0) }, uniquingKeysWith: { first, _ in first })
    }

    // MARK: State changes

    /// `id`'s shown state changed from `previous`: the incident logic hears it, unless it breaches
    /// while an upstream dependency has failed probes but no verdict yet (a network blip that
    /// takes the CRM API down takes the lead sync with it, and only the API should page).
    mutating func shownStateChanged(_ id: String, from previous: IntegrationState, states: StateBook, at time: Date) -> [IncidentAction] {
        guard let entry = states.entry(id), let condition = states.condition(of: id, at: time) else { return [] }
        if condition.state.isBreach, states.upstreamPending(of: id) != nil {
            // What the incident logic knows stays what it was before the first deferral.
            if deferred[id] == nil { deferred[id] = previous }
            return []
        }
        let known = deferred.removeValue(forKey: id) ?? previous
        guard condition.state != known else { return [] }
        return book.integrationChanged(id, to: condition, from: known, silence: silenceIndex.verdict(for: entry.integration))
    }

    /// After `id` was probed: incidents that waited for its verdict go ahead (it recovered) or
    /// never open (it went down, and they show `blocked`, which settling already told).
    mutating func releaseDeferred(after id: String, states: StateBook, at time: Date) -> [IncidentAction] {
        guard !deferred.isEmpty else { return [] }
        var actions: [IncidentAction] = []
        for dependent in deferred.keys.sorted() where states.graph.upstream(of: dependent).contains(id) {
            guard let known = deferred[dependent] else { continue }
            actions += shownStateChanged(dependent, from: known, states: states, at: time)
        }
        return actions
    }

    // MARK: Time

    /// Fires due escalation steps, applies silences and maintenance windows starting or ending.
    mutating func tick(at now: Date, states: StateBook) -> [IncidentAction] {
        silences.removeAll { $0.endsAt <= now || $0.removedAt != nil }
        silenceIndex = SilenceIndex(silences: silences, maintenance: maintenance, at: now)
        let index = silenceIndex
        return book.tick(at: now) { id in states.entry(id).flatMap { index.verdict(for: $0.integration) } }
    }

    // MARK: Commands

    mutating func acknowledge(_ incidentID: Int, by user: String, note: String?, at now: Date) throws(AcknowledgeError) -> [IncidentAction] {
        try book.acknowledge(incidentID, by: user, note: note, at: now)
    }

    /// A silence for the matching integrations, from now for `duration`.
    mutating func addSilence(_ matcher: IntegrationMatcher, for duration: Duration, reason: String, by user: String, at now: Date) -> Silence {
        let silence = Silence(
            id: nextSilenceID, matcher: matcher, reason: reason, createdBy: user, createdAt: now, endsAt: now.addingTimeInterval(duration.seconds)
        )
        nextSilenceID += 1
        silences.append(silence)
        return silence
    }

    /// Ends a silence before its time; `nil` when there is no such active silence.
    mutating func removeSilence(_ id: Int, at now: Date) -> Silence? {
        guard let index = silences.firstIndex(where: { $0.id == id }) else { return nil }
        silences[index].removedAt = now
        return silences[index]
    }

    // MARK: Reloading

    /// Takes in a new config: incidents of removed integrations resolve, policies follow the config.
    mutating func reload(_ config: Config, at now: Date) -> [IncidentAction] {
        maintenance = config.maintenance
        silenceIndex = SilenceIndex(silences: silences, maintenance: config.maintenance, at: now)
        deferred = deferred.filter { config.integration($0.key) != nil }
        return book.apply(config: config, at: now)
    }
}
