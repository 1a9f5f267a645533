import BatonAuth
import BatonCore
import BatonHTTP
import BatonStore
import Foundation

/// What a reload changed.
struct ReloadSummary: Sendable, Equatable {
    var added: [String] = []
    var removed: [String] = []
    /// Integrations whose check or thresholds changed: they start over from `unknown`.
    var changed: [String] = []
    var kept = 0
    /// Settings that only a restart applies.
    var needsRestart: [String] = []

    var description: String {
        var parts = ["\(kept) unchanged"]
        if !added.isEmpty { parts.append("\(added.count) added") }
        if !changed.isEmpty { parts.append("\(changed.count) changed") }
        if !removed.isEmpty { parts.append("\(removed.count) removed") }
        return parts.joined(separator: ", ")
    }
}

extension Monitor {
    /// Swaps in a validated config atomically. Integrations whose check did not change keep their
    /// state, counters and incidents; changed ones start over; removed ones disappear (their open
    /// incidents resolve with a note, their history stays); new ones are probed within seconds.
    func reload(_ config: Config) -> ReloadSummary {
        let now = clock()
        let monotonic = MonotonicInstant.now().nanoseconds
        let (jobs, transitions, actions, summary) = state.withLock { state -> ([ProbeJob], [TransitionRecord], [IncidentAction], ReloadSummary) in
            var summary = ReloadSummary()
            if config.daemon.maxConcurrency != state.config.daemon.maxConcurrency { summary.needsRestart.append("daemon.max_concurrency") }
            if config.daemon.http != state.config.daemon.http { summary.needsRestart.append("daemon.http") }
            var integrations: [String: MonitoredIntegration] = [:]
            var ownStates: [String: IntegrationState] = [:]
            var jobs: [ProbeJob] = []
            for integration in config.integrations {
                var entry: MonitoredIntegration
                if var old = state.integrations[integration.id] {
                    let sameProbe = old.integration.probe == integration.probe
                        && old.integration.failureThreshold == integration.failureThreshold
                        && old.integration.successThreshold == integration.successThreshold
                    if sameProbe {
                        old.integration = integration
                        entry = old
                        summary.kept += 1
                    } else {
                        entry = MonitoredIntegration(integration: integration, restoring: nil)
                        // The shown state stays until the new check says otherwise; settling records the change.
                        entry.effective = old.effective
                        entry.effectiveSince = old.effectiveSince
                        entry.probeSeq = old.probeSeq
                        state.generation += 1
                        entry.generation = state.generation
                        summary.changed.append(integration.id)
                        if let plan = entry.plan, let slots = entry.slots {
                            jobs.append(ProbeJob(id: integration.id, generation: entry.generation, plan: plan, due: slots.first(after: monotonic, window: Self.startupSpread)))
                        }
                    }
                } else {
                    entry = MonitoredIntegration(integration: integration, restoring: nil)
                    state.generation += 1
                    entry.generation = state.generation
                    summary.added.append(integration.id)
                    if let plan = entry.plan, let slots = entry.slots {
                        jobs.append(ProbeJob(id: integration.id, generation: entry.generation, plan: plan, due: slots.first(after: monotonic, window: Self.startupSpread)))
                    }
                }
                integrations[integration.id] = entry
                ownStates[integration.id] = entry.tracker.state
            }
            summary.removed = state.order.filter { integrations[$0] == nil }
            state.config = config
            state.order = config.integrations.map(\.id)
            state.heartbeatIDs = config.integrations.filter { $0.heartbeat != nil }.map(\.id)
            state.integrations = integrations
            state.ownStates = ownStates
            state.graph = DependencyGraph(config.integrations)
            state.silenceIndex = SilenceIndex(silences: state.silences, maintenance: config.maintenance, at: now)
            state.configError = nil
            var actions = state.book.apply(config: config, at: now)
            state.pending.add(actions)
            let (transitions, caused) = Self.settleEffectiveStates(of: state.order, in: &state, at: now, informingIncidents: true)
            actions += caused
            return (state.running ? jobs : [], transitions, actions, summary)
        }
        // Tokens of credentials no check uses any more are forgotten.
        runner.tokens.retain(only: config.integrations.compactMap { integration -> OAuth2Credential? in
            if case .oauth2(let credential)? = integration.check?.auth { return credential }
            return nil
        })
        for job in jobs { schedule(job) }
        log(transitions)
        log(actions)
        return summary
    }

    /// Records why the last reload failed; shown at the top of `baton status` until a reload works.
    func reloadFailed(_ error: String) {
        state.withLock { $0.configError = error }
    }

    var configError: String? {
        state.withLock { $0.configError }
    }
}
