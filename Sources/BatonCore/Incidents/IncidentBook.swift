import struct Foundation.Date

/// The incident state machine: opens, escalates, silences, acknowledges and resolves incidents,
/// and returns what to store and send as ``IncidentAction``s instead of doing any I/O.
///
/// Every call takes the time it happens at (``integrationChanged(_:to:from:silence:)`` takes
/// it from ``IntegrationCondition/since``), so the book is driven by an injected clock and
/// restarts from what the daemon stored: the open incidents, those resolved within the
/// cool-down, and the integrations' current conditions.
///
/// The life of an incident:
/// - **Opening.** An integration entering `stale` or `down` while neither silenced nor
///   `blocked`, with no open incident, opens one numbered ``nextIncidentID``. It follows the
///   integration's escalation policy; without one, the owner is notified at once, once.
/// - **Escalation.** Step k fires at `openedAt + steps[k-1].after`, once, in order; steps at
///   `0m` fire in the call that opens the incident, and a clock jump fires every due step in
///   the same call. After the last step, `repeat_every` fires it again at
///   `openedAt + last.after + n × repeat_every`; overdue repeats fire once, never in a burst,
///   and none fires in the call that fired the last step. Escalation stops at acknowledgement
///   and pauses while the incident is silenced, blocked or recovering; when a pause ends, the
///   steps that came due meanwhile fire, and the repeats that came due are skipped.
/// - **Notices.** A step notifies its recipients (see ``Recipients``); every later notice goes
///   to everyone notified so far. Step 1's notices are `opened`, later steps' `escalated`.
///   One notice per channel per timeline entry, keyed `msg_<incident>_<sequence>_<channel>`.
/// - **Resolution.** A change to `healthy` or `degraded` resolves the incident and tells
///   everyone notified how long it lasted; `unknown` changes nothing.
/// - **Flapping.** A breach within the cool-down after resolution re-opens the same incident,
///   whose escalation continues on its original schedule. From then on a recovery only starts
///   a cool-down (`recovering`, no notice) that ``tick(at:silence:)`` turns into a resolution,
///   dated at the recovery, when it passes without a new breach. So a flapping integration
///   sends at most: opened, resolved, re-opened, resolved.
/// - **Silences.** A silenced breach opens no incident; ``tick(at:silence:)`` opens one once the
///   silence ends and the breach is still there. An open incident that becomes silenced says
///   so to everyone notified, and again when the silence ends.
///
/// Times compare as `due <= now`; an incident resolved at `r` can re-open while `time < r + cooldown`.
public struct IncidentBook: Sendable {
    /// How long after resolving an incident can re-open, and how long a flapping one must stay recovered.
    public static let defaultCooldown: Duration = .seconds(600)
    /// The id the next incident opened gets.
    public private(set) var nextIncidentID: Int

    var config: Config
    var graph: DependencyGraph
    let cooldown: Duration
    /// Per integration, the incident that can still change: open, or resolved within the cool-down.
    var incidents: [String: Incident]
    /// Every configured integration's current shown state, as last reported.
    var conditions: [String: IntegrationCondition]

    /// A book resuming from stored state.
    ///
    /// - Parameters:
    ///   - config: The config in force (defaults already applied to integrations).
    ///   - incidents: Open incidents and those resolved within the cool-down, as stored. Of several
    ///     for one integration, the open one (else the newest) is kept. Open incidents of
    ///     integrations the config no longer has resolve on the first tick.
    ///   - conditions: Every configured integration's current shown state; others are ignored.
    ///   - nextIncidentID: The next id to hand out; raised above any id in `incidents`.
    ///   - cooldown: See ``defaultCooldown``.
    public init(
        config: Config, incidents: [Incident], conditions: [String: IntegrationCondition], nextIncidentID: Int,
        cooldown: Duration = IncidentBook.defaultCooldown
    ) {
        self.config = config
        self.graph = DependencyGraph(config.integrations)
        self.cooldown = cooldown
        var held: [String: Incident] = [:]
        for incident in incidents {
            if let kept = held[incident.integrationID], Self.keeps(kept, over: incident) { continue }
            held[incident.integrationID] = incident
        }
        self.incidents = held
        self.conditions = conditions.filter { config.integration($0.key) != nil }
        self.nextIncidentID = max(nextIncidentID, (incidents.map(\.id).max() ?? 0) + 1)
    }

    /// The open incident of an integration (a recovering one counts as open).
    public func openIncident(of integrationID: String) -> Incident? {
        incidents[integrationID].flatMap { $0.isOpen ? $0 : nil }
    }

    /// Every open incident, by id.
    public var openIncidents: [Incident] {
        incidents.values.filter(\.isOpen).sorted { $0.id < $1.id }
    }

    /// Hands out the next incident id.
    mutating func takeIncidentID() -> Int {
        defer { nextIncidentID += 1 }
        return nextIncidentID
    }

    /// What notices are composed with under the current config.
    var composer: NoticeComposer { NoticeComposer(config: config, graph: graph) }

    /// Stores the changed incident and returns the actions the change caused.
    mutating func commit(_ change: IncidentChange) -> [IncidentAction] {
        incidents[change.incident.integrationID] = change.incident
        return change.actions
    }

    /// Sends a notice about `event` to everyone notified so far whose channel is still configured.
    func notifyEveryone(_ change: inout IncidentChange, _ kind: Notice.Kind, about event: IncidentEvent, content: NoticeContent) {
        let channels = change.incident.notifiedChannels.filter { config.channel($0) != nil }
        change.notify(kind, channels: channels, about: event, content: content)
    }

    /// Of two stored incidents of one integration, whether to keep `kept`: open beats resolved, then newer beats older.
    private static func keeps(_ kept: Incident, over other: Incident) -> Bool {
        kept.isOpen != other.isOpen ? kept.isOpen : kept.id > other.id
    }
}
