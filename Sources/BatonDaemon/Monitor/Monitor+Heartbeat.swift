import BatonCore
import BatonStore
import Foundation

/// Push checks: a job pings `/ping/<token>` when it succeeds; no ping within `period + grace` is stale.
extension Monitor {
    /// Records a ping; `false` when no heartbeat integration has that token (the caller answers 404
    /// and says nothing about which tokens exist). The token is found by its hash in O(1) and
    /// compared in constant time.
    func ping(token: String) -> Bool {
        let now = clock()
        let outcome: ([TransitionRecord], [IncidentAction])? = core.withLock { core in
            guard let id = core.states.heartbeat(token: token), let rule = core.states.entry(id)?.integration.heartbeat else { return nil }
            let watched = core.states.watch(id, since: now)
            let verdict = HeartbeatJudge.verdict(lastPing: now, watchedSince: watched, rule: rule, now: now)
            return Self.recordHeartbeat(id, verdict, at: now, ping: true, in: &core)
        }
        guard let (transitions, actions) = outcome else { return false }
        log(transitions)
        log(actions)
        return true
    }

    /// True when a heartbeat integration has this token (nothing is recorded).
    func knowsHeartbeat(token: String) -> Bool {
        core.withLock { $0.states.heartbeat(token: token) != nil }
    }

    /// Turns overdue heartbeats stale; called by the clock every second.
    func checkHeartbeats(at now: Date) {
        let (transitions, actions) = core.withLock { core -> ([TransitionRecord], [IncidentAction]) in
            var transitions: [TransitionRecord] = []
            var actions: [IncidentAction] = []
            for id in core.states.heartbeatIDs {
                guard let entry = core.states.entry(id), let rule = entry.integration.heartbeat else { continue }
                let watched = core.states.watch(id, since: now)
                // The data timestamp is the last ping's time: it survives restarts with the probe rows.
                let verdict = HeartbeatJudge.verdict(lastPing: entry.dataTimestamp, watchedSince: watched, rule: rule, now: now)
                // Only a change of verdict is recorded: a stale heartbeat is not a probe every second.
                guard verdict.level == .stale, entry.tracker.state != .stale else { continue }
                let (changed, caused) = Self.recordHeartbeat(id, verdict, at: now, ping: false, in: &core)
                transitions += changed
                actions += caused
            }
            return (transitions, actions)
        }
        log(transitions)
        log(actions)
    }

    private static func recordHeartbeat(_ id: String, _ verdict: Verdict, at now: Date, ping: Bool, in core: inout Core) -> ([TransitionRecord], [IncidentAction]) {
        var rows = StateBook.Rows()
        guard let change = core.states.recordHeartbeat(id, verdict, at: now, ping: ping, into: &rows) else { return ([], []) }
        var actions: [IncidentAction] = []
        if change != nil {
            actions += settle([id] + core.states.graph.blocks(id), in: &core, at: now, into: &rows)
        }
        actions += core.incidents.releaseDeferred(after: id, states: core.states, at: now)
        core.states.rowIfChanged(id, into: &rows)
        core.pending.add(rows)
        core.pending.add(actions)
        return (rows.transitions, actions)
    }
}
