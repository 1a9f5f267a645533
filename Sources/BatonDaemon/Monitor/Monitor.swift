import BatonAuth
import BatonCore
import BatonHTTP
import BatonStore
import Foundation
import Logging
import Synchronization

/// Where probes, time and commands meet the daemon's state.
///
/// Three pieces with one owner each: the ``ProbeScheduler`` (plans, slots, chains), the
/// ``StateBook`` (trackers and shown states) and the ``IncidentBridge`` (incidents, silences,
/// incidents waiting for an upstream verdict). The monitor judges each observation, passes the
/// verdict through the book and the bridge under one short lock, and queues everything that
/// changed — probe rows, transitions, incident actions — in one pending batch, so a state change
/// and the notices it causes are always stored in the same transaction.
final class Monitor: Sendable {
    struct Core {
        var config: Config
        var states: StateBook
        var incidents: IncidentBridge
        /// What changed since the writer last took it.
        var pending = StateBatch()
        var running = false
        /// The error of the last reload, while the previous config keeps running.
        var configError: String?
        /// The config's secrets, blanked out of every reason (an endpoint may echo its API key).
        var scrubber: SecretScrubber
    }

    let engine: HTTPEngine
    let scheduler: ProbeScheduler
    let logger: Logger
    let clock: @Sendable () -> Date
    /// Counted per probe when the HTTP listener exposes metrics.
    let metrics: DaemonMetrics?
    let core: Mutex<Core>

    /// Probes of several steps: OAuth2 tokens, globs.
    var runner: ProbeRunner { scheduler.runner }

    init(
        config: Config, persisted: [String: PersistedIntegration], engine: HTTPEngine, logger: Logger,
        incidents: [Incident] = [], nextIncidentID: Int = 1, silences: [Silence] = [], nextSilenceID: Int = 1,
        metrics: DaemonMetrics? = nil, tokens: TokenCache? = nil, clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.metrics = metrics
        self.engine = engine
        self.logger = logger
        self.clock = clock
        scheduler = ProbeScheduler(engine: engine, runner: ProbeRunner(engine: engine, tokens: tokens ?? TokenCache(engine: engine)), clock: clock)
        let stored = StoredState(persisted: persisted, incidents: incidents, nextIncidentID: nextIncidentID, silences: silences, nextSilenceID: nextSilenceID)
        core = Mutex(Self.makeCore(config: config, from: stored, at: clock()))
        scheduler.replaceAll(Self.checks(of: config))
        scheduler.deliver { [weak self] id, observation, due, finished in
            self?.observed(id, observation, due: due, finished: finished)
        }
    }

    /// The monitor's state built from what the store holds.
    static func makeCore(config: Config, from stored: StoredState, at now: Date) -> Core {
        var states = StateBook(config: config, persisted: stored.persisted)
        // Dependencies may have changed while the daemon was down: settle blocked states now.
        var rows = StateBook.Rows()
        _ = states.settle(states.order, at: now, into: &rows)
        let incidents = IncidentBridge(
            config: config, states: states, incidents: stored.incidents, nextIncidentID: stored.nextIncidentID,
            silences: stored.silences, nextSilenceID: stored.nextSilenceID, at: now
        )
        var core = Core(config: config, states: states, incidents: incidents, scrubber: SecretScrubber(config: config))
        core.pending.add(rows)
        return core
    }

    static func checks(of config: Config) -> [(id: String, check: HTTPCheck)] {
        config.integrations.compactMap { integration in integration.check.map { (integration.id, $0) } }
    }

    /// Replaces everything but the config with what the store holds: a standby keeps its view
    /// current this way, and a node that becomes the leader starts from the stored state. Probe
    /// chains of before end (their completions record nothing); call ``start()`` to probe.
    func restore(_ stored: StoredState) {
        let now = clock()
        let config = core.withLock { core in
            var restored = Self.makeCore(config: core.config, from: stored, at: now)
            restored.configError = core.configError
            // What settling queued describes the stored state itself: nothing to store.
            restored.pending = StateBatch()
            core = restored
            return core.config
        }
        scheduler.replaceAll(Self.checks(of: config))
    }

    /// Stops acting: no more probes are scheduled, those in flight record nothing, and what was
    /// recorded but not taken by the writer is dropped (another node decides from the stored state).
    func deactivate() {
        scheduler.endAll()
        core.withLock { core in
            core.running = false
            core.pending = StateBatch()
        }
    }

    // MARK: Probing

    /// Starts probing every integration that has a check.
    func start() {
        core.withLock { $0.running = true }
        scheduler.start()
    }

    /// Stops scheduling; probes in flight finish or are cancelled by the engine's shutdown.
    func stop() {
        core.withLock { $0.running = false }
        scheduler.stop()
    }

    /// An observation from the scheduler (off the libcurl thread): judged, then recorded.
    private func observed(_ id: String, _ observation: ProbeObservation, due: UInt64, finished: UInt64) {
        guard let (check, scrubber) = core.withLock({ core in core.states.entry(id)?.integration.check.map { ($0, core.scrubber) } }) else { return }
        let verdict = Judge.judge(observation, against: check).scrubbed(by: scrubber)
        if let metrics {
            let started = Int64(clamping: finished) &- observation.latency.milliseconds &* 1_000_000
            metrics.probed(latency: observation.latency, lateness: .nanoseconds(started &- Int64(clamping: due)), error: verdict.errorKind)
        }
        let (transitions, actions) = record(id, verdict, observation)
        log(transitions)
        log(actions)
    }

    /// Applies one verdict; returns the transitions and incident actions it caused.
    @discardableResult
    func record(_ id: String, _ verdict: Verdict, _ observation: ProbeObservation) -> ([TransitionRecord], [IncidentAction]) {
        let time = observation.observedAt
        return core.withLock { core in
            var rows = StateBook.Rows()
            guard let change = core.states.record(id, verdict, observation, into: &rows) else { return ([], []) }
            var actions: [IncidentAction] = []
            if change != nil {
                actions += Self.settle([id] + core.states.graph.blocks(id), in: &core, at: time, into: &rows)
            }
            actions += core.incidents.releaseDeferred(after: id, states: core.states, at: time)
            core.states.rowIfChanged(id, into: &rows)
            core.pending.add(rows)
            core.pending.add(actions)
            return (rows.transitions, actions)
        }
    }

    /// Recomputes the shown state of `ids` and tells the incident logic what changed.
    static func settle(_ ids: [String], in core: inout Core, at time: Date, into rows: inout StateBook.Rows) -> [IncidentAction] {
        var actions: [IncidentAction] = []
        for change in core.states.settle(ids, at: time, into: &rows) {
            actions += core.incidents.shownStateChanged(change.id, from: change.previous, states: core.states, at: time)
        }
        return actions
    }

    func log(_ transitions: [TransitionRecord]) {
        for transition in transitions {
            let level: Logger.Level = transition.to.isBreach ? .warning : .info
            logger.log(level: level, "\(transition.integrationID): \(transition.from) → \(transition.to): \(transition.reason)")
        }
    }

    // MARK: Reading

    /// `text` without any of the config's secrets (a receiver's or an endpoint's words).
    func scrub(_ text: String) -> String {
        core.withLock { $0.scrubber }.scrub(text)
    }

    /// The config running now (cheaper than a whole snapshot).
    var config: Config {
        core.withLock { $0.config }
    }

    /// True when what is pending should be stored now rather than with the next batch.
    var hasUrgentPending: Bool {
        core.withLock { $0.pending.isUrgent }
    }

    /// Takes everything recorded since the last call, for the writer.
    func takePending() -> StateBatch {
        core.withLock { core in
            let batch = core.pending
            core.pending = StateBatch()
            return batch
        }
    }

    /// A consistent copy of the daemon's view, for answering the API.
    func snapshot() -> MonitorSnapshot {
        core.withLock { core in
            MonitorSnapshot(
                config: core.config, order: core.states.order, integrations: core.states.entries,
                openIncidents: core.incidents.openIncidents, silenceIndex: core.incidents.silenceIndex
            )
        }
    }

    // MARK: Checks on request

    /// Why a check on request could not be made.
    enum CheckError: Error {
        case unknownIntegration(String)
        case notPollable(String)
        case shuttingDown
    }

    /// Probes one integration now, records the result like any probe, and returns the verdict.
    func checkNow(_ id: String) async throws(CheckError) -> CheckOutcome {
        let check: HTTPCheck?? = core.withLock { core in core.states.entry(id).map { $0.integration.check } }
        guard let found = check else { throw .unknownIntegration(id) }
        guard let check = found, let plan = scheduler.plan(id) else { throw .notPollable(id) }
        guard let observation = await runner.observe(plan, clock: clock) else { throw .shuttingDown }
        let verdict = Judge.judge(observation, against: check).scrubbed(by: core.withLock { $0.scrubber })
        let (transitions, actions) = record(id, verdict, observation)
        log(transitions)
        log(actions)
        let shown = core.withLock { $0.states.entry(id)?.effective.state } ?? .unknown
        return CheckOutcome(verdict: verdict, latencyMs: Int(clamping: observation.latency.milliseconds), state: shown, at: observation.observedAt)
    }
}

/// The result of a check made on request.
struct CheckOutcome: Sendable {
    var verdict: Verdict
    var latencyMs: Int
    /// The integration's shown state after recording the probe.
    var state: IntegrationState
    var at: Date
}

/// A copy of the monitor's state at one instant.
struct MonitorSnapshot: Sendable {
    var config: Config
    var order: [String]
    var integrations: MonitoredEntries
    /// Open incidents by integration id.
    var openIncidents: [String: Incident]
    var silenceIndex: SilenceIndex

    /// An integration's own state (never `blocked`), from its tracker: looked up one at a time,
    /// so a status with many blocked integrations never builds a map of every state for each.
    func ownState(_ id: String) -> IntegrationState? { integrations[id]?.tracker.state }
}

extension StateBatch {
    /// Adds the rows the state book produced.
    ///
    /// Into an empty batch the rows' own storage is taken, not copied: at start that is a row for
    /// every integration, megabytes at 10,000.
    mutating func add(_ rows: StateBook.Rows) {
        if probes.isEmpty { probes = rows.probes } else { probes += rows.probes }
        if integrations.isEmpty {
            integrations = rows.integrations
        } else {
            integrations.merge(rows.integrations) { _, newer in newer }
        }
        if transitions.isEmpty { transitions = rows.transitions } else { transitions += rows.transitions }
    }
}
