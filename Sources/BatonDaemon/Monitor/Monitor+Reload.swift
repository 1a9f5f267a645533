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
    /// Swaps in a validated config atomically, rebuilding only what changed. Integrations whose
    /// check did not change keep their state, counters, incidents and probe chain; changed ones
    /// start over; removed ones disappear (their open incidents resolve with a note, their history
    /// stays); new ones are probed within seconds.
    func reload(_ config: Config) -> ReloadSummary {
        let now = clock()
        let (transitions, actions, summary) = core.withLock { core -> ([TransitionRecord], [IncidentAction], ReloadSummary) in
            var summary = core.states.reload(config)
            if config.daemon.maxConcurrency != core.config.daemon.maxConcurrency { summary.needsRestart.append("daemon.max_concurrency") }
            if config.daemon.http != core.config.daemon.http { summary.needsRestart.append("daemon.http") }
            if config.storage != core.config.storage { summary.needsRestart.append("storage") }
            core.config = config
            core.configError = nil
            core.scrubber = SecretScrubber(config: config)
            var actions = core.incidents.reload(config, at: now)
            // Only what changed, and what depends on it, is settled again.
            var touched = Set(summary.added + summary.changed)
            for id in summary.added + summary.changed + summary.removed { touched.formUnion(core.states.graph.blocks(id)) }
            var rows = StateBook.Rows()
            actions += Self.settle(core.states.order.filter(touched.contains), in: &core, at: now, into: &rows)
            core.pending.add(rows)
            core.pending.add(actions)
            return (rows.transitions, actions, summary)
        }
        let replaced = config.integrations.filter { summary.added.contains($0.id) || summary.changed.contains($0.id) }
        let started = scheduler.replace(
            replaced.compactMap { integration in integration.check.map { (integration.id, $0) } },
            removing: summary.removed + summary.changed.filter { config.integration($0)?.check == nil }
        )
        scheduler.start(started)
        // Tokens of credentials no check uses any more are forgotten.
        runner.tokens.retain(only: config.integrations.compactMap { integration -> OAuth2Credential? in
            if case .oauth2(let credential)? = integration.check?.auth { return credential }
            return nil
        })
        log(transitions)
        log(actions)
        return summary
    }

    /// Records why the last reload failed; shown at the top of `baton status` until a reload works.
    func reloadFailed(_ error: String) {
        core.withLock { $0.configError = error }
    }

    var configError: String? {
        core.withLock { $0.configError }
    }
}
