import BatonAuth
import BatonCore
import BatonHTTP
import Dispatch
import Foundation
import Synchronization

/// Starts every check's probes at their slots and hands each observation on: it knows plans,
/// slots and probe chains, never states.
///
/// A completion leaves the libcurl thread at once: building the observation and judging it (a
/// JSON body of up to 1 MiB) happen on a queue of their own, so the engine's loop only moves bytes.
final class ProbeScheduler: Sendable {
    /// One integration's probes: how, when, and which chain is current.
    struct Chain: Sendable {
        var plan: ProbePlan
        var slots: ProbeSlots
        /// A reload that changes the check starts a new chain; completions of the old one are dropped.
        var generation: Int
    }

    /// What a completed probe hands on: the integration, what was seen, and the monotonic instants
    /// it was due and finished (for lateness).
    typealias Sink = @Sendable (_ id: String, _ observation: ProbeObservation, _ due: UInt64, _ finished: UInt64) -> Void

    private struct State {
        var chains: [String: Chain] = [:]
        var generation = 0
        var running = false
        var sink: Sink?
    }

    /// How long after start every integration has been probed once (or its interval, if shorter).
    static let startupSpread: Duration = .seconds(5)

    let engine: HTTPEngine
    let runner: ProbeRunner
    let clock: @Sendable () -> Date
    private let state = Mutex(State())
    private let judging = DispatchQueue(label: "baton-judge", qos: .utility, attributes: .concurrent)
    /// Completions waiting to be judged, and whether a drain is queued. They go to the judging
    /// queue together when the engine settles (before its loop sleeps, or every 64 completions):
    /// probes start on a 10 ms grid and their answers arrive in bursts, so 1,000 completions a
    /// second wake a judging thread about 100 times, not 1,000, and no timer is armed for it.
    private let handoff = Mutex<(work: [@Sendable () -> Void], drainQueued: Bool)>(([], false))

    init(engine: HTTPEngine, runner: ProbeRunner, clock: @escaping @Sendable () -> Date) {
        self.engine = engine
        self.runner = runner
        self.clock = clock
        engine.observeSettled { [weak self] in self?.settled() }
    }

    /// Where observations go (the monitor).
    func deliver(to sink: @escaping Sink) {
        state.withLock { $0.sink = sink }
    }

    // MARK: Chains

    /// New chains for `checks`, replacing every one before (start, or a new term as leader).
    func replaceAll(_ checks: [(id: String, check: HTTPCheck)]) {
        state.withLock { state in
            state.generation += 1
            let generation = state.generation
            state.chains = Dictionary(uniqueKeysWithValues: checks.map { item in
                (item.id, Chain(plan: ProbePlan(item.check), slots: ProbeSlots(id: item.id, interval: item.check.interval), generation: generation))
            })
        }
    }

    /// New chains for checks that were added or changed; removed ones end. Returns the first
    /// probe of each new chain, to schedule when running.
    func replace(_ checks: [(id: String, check: HTTPCheck)], removing removed: [String]) -> [String] {
        state.withLock { state in
            for id in removed { state.chains.removeValue(forKey: id) }
            var started: [String] = []
            for item in checks {
                state.generation += 1
                state.chains[item.id] = Chain(
                    plan: ProbePlan(item.check), slots: ProbeSlots(id: item.id, interval: item.check.interval), generation: state.generation
                )
                started.append(item.id)
            }
            return state.running ? started : []
        }
    }

    /// The plan of `id`'s check, for a probe on request.
    func plan(_ id: String) -> ProbePlan? {
        state.withLock { $0.chains[id]?.plan }
    }

    // MARK: Running

    /// Starts probing `ids` (every chain when `nil`), the first probes spread over the startup window.
    func start(_ ids: [String]? = nil) {
        let now = MonotonicInstant.now().nanoseconds
        let first: [(String, Chain, UInt64)] = state.withLock { state in
            state.running = true
            return (ids ?? Array(state.chains.keys)).compactMap { id in
                state.chains[id].map { (id, $0, $0.slots.first(after: now, window: Self.startupSpread)) }
            }
        }
        for (id, chain, due) in first { schedule(id, chain, due: due) }
    }

    /// Stops scheduling; probes in flight finish (or are cancelled by the engine's shutdown).
    func stop() {
        state.withLock { $0.running = false }
    }

    /// Stops scheduling and ends every chain: what is in flight records nothing.
    func endAll() {
        state.withLock { state in
            state.running = false
            state.generation += 1
            let generation = state.generation
            for id in Array(state.chains.keys) { state.chains[id]?.generation = generation }
        }
    }

    /// Starts the probe at its slot: a one-transfer probe waits in the engine's queue; a probe of
    /// several steps (a glob, an OAuth2 token still to fetch) waits in a task.
    ///
    /// An OAuth2 probe whose cached token is still handed out when the probe is due is one
    /// transfer too, sent with that token: no task, no timer, no hop through the token cache.
    /// Only a 401 (the token was revoked or ran out early) continues in a task, which drops the
    /// token and tries once more with a fresh one.
    private func schedule(_ id: String, _ chain: Chain, due: UInt64) {
        let (plan, generation) = (chain.plan, chain.generation)
        let notBefore = MonotonicInstant(nanoseconds: due)
        switch plan.steps {
        case .direct:
            submit(plan.request, id, generation: generation, due: due, plan: plan)
            return
        case .authorized(let credential):
            if let token = runner.tokens.freshToken(for: credential.key, at: notBefore) {
                submit(plan.request.authorized(by: token), id, generation: generation, due: due, plan: plan) { [self] response in
                    let observation = await runner.observe(plan, credential: credential, rejected: token, first: response, clock: clock)
                    completed(id, generation: generation, due: due, observation: observation)
                }
                return
            }
        case .newestInFolder, .newestInBucket:
            break
        }
        Task { [self] in
            let wait = Int64(clamping: due) - Int64(clamping: MonotonicInstant.now().nanoseconds)
            if wait > 0 { try? await Task.sleep(for: .nanoseconds(wait)) }
            completed(id, generation: generation, due: due, observation: await runner.observe(plan, clock: clock))
        }
    }

    /// One transfer at its slot, judged off the engine's thread. With `after401`, a 401 answer is
    /// not judged but handed to it, in a task.
    private func submit(
        _ request: HTTPRequest, _ id: String, generation: Int, due: UInt64, plan: ProbePlan,
        after401: (@Sendable (HTTPResponse) async -> Void)? = nil
    ) {
        engine.submit(request, notBefore: MonotonicInstant(nanoseconds: due)) { [self] result in
            if let after401, case .success(let response) = result, response.status == 401 {
                Task { await after401(response) }
                return
            }
            hand { [self] in
                completed(id, generation: generation, due: due, observation: ProbeRequest.observation(from: result, plan: plan, at: clock()))
            }
        }
    }

    /// Leaves `work` (on the engine thread) for the judging queue, until the engine settles.
    private func hand(_ work: @escaping @Sendable () -> Void) {
        handoff.withLock { $0.work.append(work) }
    }

    /// The engine settled: one drain for what was handed over, unless one is queued already.
    private func settled() {
        let queue = handoff.withLock { handoff -> Bool in
            guard !handoff.work.isEmpty, !handoff.drainQueued else { return false }
            handoff.drainQueued = true
            return true
        }
        if queue { judging.async { [self] in drain() } }
    }

    /// Judges everything handed over so far; what arrives meanwhile waits for the next settle.
    private func drain() {
        let batch = handoff.withLock { handoff -> [@Sendable () -> Void] in
            let batch = handoff.work
            handoff.work = []
            handoff.drainQueued = false
            return batch
        }
        for work in batch { work() }
    }

    private func completed(_ id: String, generation: Int, due: UInt64, observation: ProbeObservation?) {
        let finished = MonotonicInstant.now().nanoseconds
        guard let observation else { return }
        // A reload removed the integration or changed its check, or the node stopped leading: the chain ends here.
        guard let (chain, sink) = state.withLock({ state -> (Chain, Sink?)? in
            guard let chain = state.chains[id], chain.generation == generation else { return nil }
            return (chain, state.sink)
        }) else { return }
        sink?(id, observation, due, finished)
        guard state.withLock({ $0.running && $0.chains[id]?.generation == generation }) else { return }
        // Keep consecutive probes at least half an interval apart, then take the next slot.
        let (halfLater, overflow) = due.addingReportingOverflow(chain.slots.intervalNanoseconds / 2)
        let earliest = max(finished, overflow ? .max : halfLater)
        schedule(id, chain, due: chain.slots.next(after: earliest))
    }
}
