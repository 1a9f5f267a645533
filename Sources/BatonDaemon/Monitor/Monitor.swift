import BatonAuth
import BatonCore
import BatonHTTP
import BatonStore
import Foundation
import Logging
import Synchronization

/// The heart of the daemon: schedules every probe, judges every answer, keeps each
/// integration's state, and queues what changed for the ``StateWriter``.
///
/// Probes run on the ``HTTPEngine``'s thread; their completions are judged there and
/// recorded under one lock, so a probe result, the state change it causes and the
/// transition row it produces are always stored together.
final class Monitor: Sendable {
    struct State {
        var config: Config
        /// Integration ids in config order.
        var order: [String]
        /// The heartbeat integrations, in config order: checked every second, so not found by
        /// scanning 10,000 polled ones. Set with ``order`` (at start and on reload).
        var heartbeatIDs: [String] = []
        var integrations: [String: MonitoredIntegration]
        var ownStates: [String: IntegrationState]
        var graph: DependencyGraph
        /// What changed since the writer last took it.
        var pending = StateBatch()
        var running = false
        /// The last probe-chain generation handed out.
        var generation = 0
        /// The error of the last reload, while the previous config keeps running.
        var configError: String?
        /// Open incidents and their escalation.
        var book: IncidentBook
        /// Silences made from the CLI that have not ended yet.
        var silences: [Silence]
        var nextSilenceID: Int
        /// Silences and maintenance windows as of the last tick.
        var silenceIndex: SilenceIndex
        /// Breaching integrations whose incident waits for an upstream verdict: a dependency has
        /// failed probes but is not down yet. The value is the state the incident logic last saw.
        var deferred: [String: IntegrationState] = [:]
    }

    /// How long after start every integration has been probed once (or its interval, if shorter).
    static let startupSpread: Duration = .seconds(5)

    let engine: HTTPEngine
    /// Probes of several steps: OAuth2 tokens, globs.
    let runner: ProbeRunner
    let logger: Logger
    let clock: @Sendable () -> Date
    /// Counted per probe when the HTTP listener exposes metrics.
    let metrics: DaemonMetrics?
    let state: Mutex<State>

    init(
        config: Config, persisted: [String: PersistedIntegration], engine: HTTPEngine, logger: Logger,
        incidents: [Incident] = [], nextIncidentID: Int = 1, silences: [Silence] = [], nextSilenceID: Int = 1,
        metrics: DaemonMetrics? = nil, tokens: TokenCache? = nil, clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.metrics = metrics
        self.engine = engine
        runner = ProbeRunner(engine: engine, tokens: tokens ?? TokenCache(engine: engine))
        self.logger = logger
        self.clock = clock
        let stored = StoredState(persisted: persisted, incidents: incidents, nextIncidentID: nextIncidentID, silences: silences, nextSilenceID: nextSilenceID)
        state = Mutex(Self.makeState(config: config, from: stored, generation: 0, at: clock()))
    }

    /// The monitor's state built from what the store holds.
    static func makeState(config: Config, from stored: StoredState, generation: Int, at now: Date) -> State {
        var integrations: [String: MonitoredIntegration] = [:]
        var ownStates: [String: IntegrationState] = [:]
        for integration in config.integrations {
            var entry = MonitoredIntegration(integration: integration, restoring: stored.persisted[integration.id])
            entry.generation = generation
            integrations[integration.id] = entry
            ownStates[integration.id] = entry.tracker.state
        }
        var initial = State(
            config: config, order: config.integrations.map(\.id), integrations: integrations,
            ownStates: ownStates, graph: DependencyGraph(config.integrations),
            book: IncidentBook(config: config, incidents: [], conditions: [:], nextIncidentID: stored.nextIncidentID),
            silences: stored.silences, nextSilenceID: stored.nextSilenceID,
            silenceIndex: SilenceIndex(silences: stored.silences, maintenance: config.maintenance, at: now)
        )
        initial.generation = generation
        initial.heartbeatIDs = config.integrations.filter { $0.heartbeat != nil }.map(\.id)
        // Dependencies may have changed while the daemon was down: settle blocked states now.
        _ = Self.settleEffectiveStates(of: initial.order, in: &initial, at: now, informingIncidents: false)
        initial.book = IncidentBook(
            config: config, incidents: stored.incidents, conditions: Self.conditions(of: initial, at: now), nextIncidentID: stored.nextIncidentID
        )
        return initial
    }

    /// Replaces everything but the config with what the store holds: a standby keeps its view
    /// current this way, and a node that becomes the leader starts from the stored state. Probe
    /// chains of before end (their completions record nothing); call ``start()`` to probe.
    func restore(_ stored: StoredState) {
        let now = clock()
        state.withLock { state in
            let generation = state.generation + 1
            var restored = Self.makeState(config: state.config, from: stored, generation: generation, at: now)
            restored.configError = state.configError
            // What settling queued describes the stored state itself: nothing to store.
            restored.pending = StateBatch()
            state = restored
        }
    }

    /// Stops acting: no more probes are scheduled, those in flight record nothing, and what was
    /// recorded but not taken by the writer is dropped (another node decides from the stored state).
    func deactivate() {
        state.withLock { state in
            state.running = false
            state.generation += 1
            let generation = state.generation
            for id in state.order { state.integrations.inPlace(id) { $0.generation = generation } }
            state.pending = StateBatch()
        }
    }

    // MARK: Scheduling

    /// Starts probing every integration that has a check.
    func start() {
        let now = MonotonicInstant.now().nanoseconds
        let jobs: [ProbeJob] = state.withLock { state in
            state.running = true
            return state.order.compactMap { id in
                guard let entry = state.integrations[id], let plan = entry.plan, let slots = entry.slots else { return nil }
                return ProbeJob(id: id, generation: entry.generation, plan: plan, due: slots.first(after: now, window: Self.startupSpread))
            }
        }
        for job in jobs { schedule(job) }
    }

    /// The first probe of an integration's chain.
    struct ProbeJob {
        var id: String
        var generation: Int
        var plan: ProbePlan
        var due: UInt64
    }

    /// Stops scheduling; probes in flight finish or are cancelled by the engine's shutdown.
    func stop() {
        state.withLock { $0.running = false }
    }

    /// Starts the probe at its slot: one transfer is judged on the engine's thread as it
    /// completes; a probe of several steps (OAuth2, a glob) runs in a task from its slot on.
    func schedule(_ job: ProbeJob) {
        let (id, generation, due, plan) = (job.id, job.generation, job.due, job.plan)
        guard case .direct = plan.steps else {
            Task { [self] in
                let wait = Int64(clamping: due) - Int64(clamping: MonotonicInstant.now().nanoseconds)
                if wait > 0 { try? await Task.sleep(for: .nanoseconds(wait)) }
                let observation = await runner.observe(plan, clock: clock)
                completed(id, generation: generation, due: due, observation: observation)
            }
            return
        }
        engine.submit(plan.request, notBefore: MonotonicInstant(nanoseconds: due)) { [self] result in
            completed(id, generation: generation, due: due, observation: ProbeRequest.observation(from: result, plan: plan, at: clock()))
        }
    }

    /// Runs for every scheduled probe (on the engine thread for one-transfer probes).
    private func completed(_ id: String, generation: Int, due: UInt64, observation: ProbeObservation?) {
        let finished = MonotonicInstant.now().nanoseconds
        guard let observation else { return }
        let lookup: (HTTPCheck, ProbeSlots, ProbePlan)? = state.withLock { state in
            // A reload removed the integration or changed its check: this chain ends here.
            state.integrations.inPlace(id) { entry -> (HTTPCheck, ProbeSlots, ProbePlan)? in
                guard entry.generation == generation, let check = entry.integration.check, let slots = entry.slots,
                      let plan = entry.plan else { return nil }
                return (check, slots, plan)
            } ?? nil
        }
        guard let (check, slots, plan) = lookup else { return }
        let verdict = Judge.judge(observation, against: check)
        if let metrics {
            let started = Int64(finished) - observation.latency.milliseconds * 1_000_000
            metrics.probed(latency: observation.latency, lateness: Duration.nanoseconds(started - Int64(due)), error: verdict.errorKind)
        }
        let (transitions, actions, running) = record(id, verdict, observation)
        log(transitions)
        log(actions)
        guard running else { return }
        // Keep consecutive probes at least half an interval apart, then take the next slot.
        let earliest = max(finished, due + slots.intervalNanoseconds / 2)
        schedule(ProbeJob(id: id, generation: generation, plan: plan, due: slots.next(after: earliest)))
    }

    // MARK: Recording

    /// Applies one verdict; returns the transitions and incident actions it caused, and whether probing goes on.
    private func record(_ id: String, _ verdict: Verdict, _ observation: ProbeObservation) -> ([TransitionRecord], [IncidentAction], Bool) {
        let time = observation.observedAt
        let latencyMs = Int(observation.latency.milliseconds)
        return state.withLock { state in
            // In place: a copy of the entry in and out of the dictionary is measurable at 1,000 probes/s.
            let applied = state.integrations.inPlace(id) { entry -> (StateChange?, Int64) in
                entry.probeSeq += 1
                entry.lastProbeAt = time
                entry.latencyMs = latencyMs
                entry.httpStatus = verdict.httpStatus
                if case .answered(let answer) = observation.result, let certificate = answer.certificate { entry.certificate = certificate }
                if let timestamp = verdict.dataTimestamp { entry.dataTimestamp = timestamp }
                let change = entry.tracker.record(
                    verdict, at: time,
                    failureThreshold: entry.integration.failureThreshold,
                    successThreshold: entry.integration.successThreshold
                )
                return (change, entry.probeSeq)
            }
            guard let (change, probeSeq) = applied else { return ([], [], state.running) }
            state.pending.probes.append(ProbeRecord(
                integrationID: id, seq: probeSeq, at: time, level: verdict.level, httpStatus: verdict.httpStatus,
                latencyMs: latencyMs, reason: verdict.reason, errorKind: verdict.errorKind?.rawValue,
                dataTimestamp: verdict.dataTimestamp
            ))
            var transitions: [TransitionRecord] = []
            var actions: [IncidentAction] = []
            if let change {
                state.ownStates[id] = change.to
                (transitions, actions) = Self.settleEffectiveStates(
                    of: [id] + state.graph.blocks(id), in: &state, at: time, informingIncidents: true
                )
            }
            actions += Self.releaseDeferred(after: id, in: &state, at: time)
            Self.queueRowIfChanged(id, in: &state)
            return (transitions, actions, state.running)
        }
    }

    /// Recomputes the shown state of `ids`; queues and returns the transitions, and tells the
    /// incident logic, whose actions go into the same batch (so the same transaction).
    static func settleEffectiveStates(
        of ids: [String], in state: inout State, at time: Date, informingIncidents: Bool
    ) -> ([TransitionRecord], [IncidentAction]) {
        var transitions: [TransitionRecord] = []
        var actions: [IncidentAction] = []
        for id in ids {
            guard var entry = state.integrations[id] else { continue }
            let effective = state.graph.effectiveState(of: id, own: state.ownStates)
            let previous = entry.effective.state
            if effective.state != previous {
                let reason = effective.state == .blocked ? blockedReason(effective, state) : entry.tracker.reason
                transitions.append(TransitionRecord(integrationID: id, at: time, from: previous, to: effective.state, reason: reason))
                entry.effectiveSince = time
            }
            entry.effective = effective
            state.integrations[id] = entry
            queueRowIfChanged(id, in: &state)
            if informingIncidents, effective.state != previous {
                actions += inform(id, from: previous, in: &state, at: time)
            }
        }
        state.pending.transitions.append(contentsOf: transitions)
        return (transitions, actions)
    }

    /// Tells the incident logic about `id`'s shown state, unless it breaches while an upstream
    /// dependency has failed probes but no verdict yet: then its incident waits (a network blip
    /// that takes the CRM API down takes the lead sync with it, and only the API should page).
    static func inform(_ id: String, from previous: IntegrationState, in state: inout State, at time: Date) -> [IncidentAction] {
        guard let entry = state.integrations[id], let condition = condition(of: id, in: state, at: time) else { return [] }
        if condition.state.isBreach, upstreamPending(of: id, in: state) != nil {
            // What the incident logic knows stays what it was before the first deferral.
            if state.deferred[id] == nil { state.deferred[id] = previous }
            return []
        }
        let known = state.deferred.removeValue(forKey: id) ?? previous
        guard condition.state != known else { return [] }
        let caused = state.book.integrationChanged(id, to: condition, from: known, silence: state.silenceIndex.verdict(for: entry.integration))
        state.pending.add(caused)
        return caused
    }

    /// A dependency of `id` (direct or transitive) that failed its last probe without being stale or down yet.
    static func upstreamPending(of id: String, in state: State) -> String? {
        state.graph.upstream(of: id).first { dependency in
            guard let tracker = state.integrations[dependency]?.tracker else { return false }
            return tracker.failStreak > 0 && !tracker.state.isBreach
        }
    }

    /// After `id` was probed: incidents that waited for its verdict go ahead (it recovered) or
    /// never open (it went down, and they show `blocked`, which settling already told).
    static func releaseDeferred(after id: String, in state: inout State, at time: Date) -> [IncidentAction] {
        guard !state.deferred.isEmpty else { return [] }
        var actions: [IncidentAction] = []
        for dependent in state.deferred.keys.sorted() where state.graph.upstream(of: dependent).contains(id) {
            guard let known = state.deferred[dependent] else { continue }
            actions += inform(dependent, from: known, in: &state, at: time)
        }
        return actions
    }

    /// An integration's shown state and reason, as the incident logic reads it.
    static func condition(of id: String, in state: State, at time: Date) -> IntegrationCondition? {
        guard let entry = state.integrations[id] else { return nil }
        let blocked = entry.effective.state == .blocked
        return IntegrationCondition(
            state: entry.effective.state,
            reason: blocked ? blockedReason(entry.effective, state) : entry.tracker.reason,
            since: entry.effectiveSince ?? time,
            blockedBy: entry.effective.blockedBy
        )
    }

    static func conditions(of state: State, at time: Date) -> [String: IntegrationCondition] {
        var result: [String: IntegrationCondition] = [:]
        for id in state.order {
            result[id] = condition(of: id, in: state, at: time)
        }
        return result
    }

    /// Queues the integration row when a field that matters after a restart changed.
    static func queueRowIfChanged(_ id: String, in state: inout State) {
        let changed = state.integrations.inPlace(id) { entry -> PersistedIntegration? in
            let fields = entry.storedFields
            guard fields != entry.stored else { return nil }
            entry.stored = fields
            return entry.persisted
        }
        if let row = changed ?? nil { state.pending.integrations[id] = row }
    }

    static func blockedReason(_ effective: EffectiveState, _ state: State) -> Reason {
        .blocked(by: effective.blockedBy, states: state.ownStates)
    }

    func log(_ transitions: [TransitionRecord]) {
        for transition in transitions {
            let level: Logger.Level = transition.to.isBreach ? .warning : .info
            logger.log(level: level, "\(transition.integrationID): \(transition.from) → \(transition.to): \(transition.reason)")
        }
    }

    // MARK: Reading

    /// True when what is pending should be stored now rather than with the next batch.
    var hasUrgentPending: Bool {
        state.withLock { $0.pending.isUrgent }
    }

    /// Takes everything recorded since the last call, for the writer.
    func takePending() -> StateBatch {
        state.withLock { state in
            let batch = state.pending
            state.pending = StateBatch()
            return batch
        }
    }

    /// A consistent copy of the daemon's view, for answering the API.
    func snapshot() -> MonitorSnapshot {
        state.withLock { state in
            MonitorSnapshot(
                config: state.config, order: state.order, integrations: state.integrations, ownStates: state.ownStates,
                openIncidents: Dictionary(state.book.openIncidents.map { ($0.integrationID, $0) }, uniquingKeysWith: { first, _ in first }),
                silenceIndex: state.silenceIndex
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
        let lookup: (HTTPCheck, ProbePlan)?? = state.withLock { state in
            guard let entry = state.integrations[id] else { return .none }
            guard let check = entry.integration.check, let plan = entry.plan else { return .some(nil) }
            return (check, plan)
        }
        guard let found = lookup else { throw .unknownIntegration(id) }
        guard let (check, plan) = found else { throw .notPollable(id) }
        guard let observation = await runner.observe(plan, clock: clock) else { throw .shuttingDown }
        let verdict = Judge.judge(observation, against: check)
        let (transitions, actions, _) = record(id, verdict, observation)
        log(transitions)
        log(actions)
        let shown = state.withLock { $0.integrations[id]?.effective.state } ?? .unknown
        return CheckOutcome(verdict: verdict, latencyMs: Int(observation.latency.milliseconds), state: shown, at: observation.observedAt)
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
    var integrations: [String: MonitoredIntegration]
    var ownStates: [String: IntegrationState]
    /// Open incidents by integration id.
    var openIncidents: [String: Incident]
    var silenceIndex: SilenceIndex
}

extension Dictionary {
    /// Runs `body` on the value for `key` in place (no copy of the value in and out); `nil` when absent.
    mutating func inPlace<R>(_ key: Key, _ body: (inout Value) -> R) -> R? {
        guard let index = index(forKey: key) else { return nil }
        return body(&values[index])
    }
}
