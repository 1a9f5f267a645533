import BatonCore
import BatonStore
import Foundation

/// Push checks: a job pings `/ping/<token>` when it succeeds; no ping within `period + grace` is stale.
extension Monitor {
    /// Records a ping; `false` when no heartbeat integration has that token (the caller answers 404
    /// and says nothing about which tokens exist).
    func ping(token: String) -> Bool {
        let now = clock()
        let outcome: ([TransitionRecord], [IncidentAction])? = state.withLock { state in
            // Only heartbeats have tokens; bytes, not `==`, which would let "\u{212A}" (Kelvin) stand for "K".
            let matches = { (id: String) in state.integrations[id]?.integration.heartbeat?.token.revealed.utf8.elementsEqual(token.utf8) == true }
            guard let id = state.heartbeatIDs.first(where: matches),
                  var entry = state.integrations[id], let rule = entry.integration.heartbeat else { return nil }
            let verdict = HeartbeatJudge.verdict(lastPing: now, watchedSince: entry.watchedSince ?? now, rule: rule, now: now)
            return Self.recordHeartbeat(id, &entry, verdict, at: now, ping: true, in: &state)
        }
        guard let (transitions, actions) = outcome else { return false }
        log(transitions)
        log(actions)
        return true
    }

    /// True when a heartbeat integration has this token (nothing is recorded).
    func knowsHeartbeat(token: String) -> Bool {
        state.withLock { state in
            state.heartbeatIDs.contains { state.integrations[$0]?.integration.heartbeat?.token.revealed == token }
        }
    }

    /// Turns overdue heartbeats stale; called by the escalation tick.
    func checkHeartbeats(at now: Date) {
        let (transitions, actions) = state.withLock { state -> ([TransitionRecord], [IncidentAction]) in
            var transitions: [TransitionRecord] = []
            var actions: [IncidentAction] = []
            for id in state.heartbeatIDs {
                guard var entry = state.integrations[id], let rule = entry.integration.heartbeat else { continue }
                if entry.watchedSince == nil {
                    entry.watchedSince = now
                    state.integrations[id] = entry
                }
                // The data timestamp is the last ping's time: it survives restarts with the probe rows.
                let verdict = HeartbeatJudge.verdict(lastPing: entry.dataTimestamp, watchedSince: entry.watchedSince ?? now, rule: rule, now: now)
                // Only a change of verdict is recorded: a stale heartbeat is not a probe every second.
                guard verdict.level == .stale, entry.tracker.state != .stale else { continue }
                let (changed, caused) = Self.recordHeartbeat(id, &entry, verdict, at: now, ping: false, in: &state)
                transitions += changed
                actions += caused
            }
            return (transitions, actions)
        }
        log(transitions)
        log(actions)
    }

    private static func recordHeartbeat(
        _ id: String, _ entry: inout MonitoredIntegration, _ verdict: Verdict, at now: Date, ping: Bool, in state: inout State
    ) -> ([TransitionRecord], [IncidentAction]) {
        entry.probeSeq += 1
        if ping { entry.lastProbeAt = now }
        entry.dataTimestamp = verdict.dataTimestamp ?? entry.dataTimestamp
        // A ping is a finished job: conclusive on its own, so one is enough to recover.
        let change = entry.tracker.record(verdict, at: now, failureThreshold: 1, successThreshold: 1)
        state.integrations[id] = entry
        state.pending.probes.append(ProbeRecord(
            integrationID: id, seq: entry.probeSeq, at: now, level: verdict.level, httpStatus: nil, latencyMs: nil,
            reason: ping ? .heartbeat(.received) : verdict.reason, errorKind: nil, dataTimestamp: verdict.dataTimestamp
        ))
        var transitions: [TransitionRecord] = []
        var actions: [IncidentAction] = []
        if let change {
            state.ownStates[id] = change.to
            (transitions, actions) = settleEffectiveStates(of: [id] + state.graph.blocks(id), in: &state, at: now, informingIncidents: true)
        }
        actions += releaseDeferred(after: id, in: &state, at: now)
        queueRowIfChanged(id, in: &state)
        return (transitions, actions)
    }
}
