import BatonCore
import BatonHTTP
import BatonStore
import Foundation

/// Everything the daemon knows about one configured integration while it runs.
struct MonitoredIntegration: Sendable {
    var integration: Integration
    /// How the check is probed, built once from it.
    var plan: ProbePlan?
    /// The server certificate last seen (https checks), for `baton show`.
    var certificate: CertificateSummary?
    var slots: ProbeSlots?
    var tracker: HealthTracker
    var effective: EffectiveState
    /// When the shown (effective) state was entered.
    var effectiveSince: Date?
    var lastProbeAt: Date?
    var dataTimestamp: Date?
    var latencyMs: Int?
    var httpStatus: Int?
    var probeSeq: Int64
    /// What was last queued for the integration row; the row is rewritten only when this changes.
    var stored: StoredFields?
    /// Since when a heartbeat is expected: a job that never pings goes stale `period + grace` after this.
    var watchedSince: Date?
    /// Which probe chain is current: a reload that changes the check starts a new chain, and
    /// completions of the old one are dropped.
    var generation = 0
    /// When the last scheduled probe was started (monotonic ns), to keep probes at least half an interval apart.
    var lastStart: UInt64 = 0

    init(integration: Integration, restoring persisted: PersistedIntegration?) {
        self.integration = integration
        if let check = integration.check {
            plan = ProbePlan(check)
            slots = ProbeSlots(id: integration.id, interval: check.interval)
        }
        if let persisted {
            tracker = HealthTracker(
                state: persisted.state, reason: persisted.reason, since: persisted.since,
                failStreak: persisted.failStreak, okStreak: persisted.okStreak
            )
            effective = EffectiveState(state: persisted.effectiveState, blockedBy: [])
            effectiveSince = persisted.effectiveSince
            watchedSince = persisted.firstSeen
            lastProbeAt = persisted.lastProbeAt
            dataTimestamp = persisted.dataTimestamp
            latencyMs = persisted.latencyMs
            httpStatus = persisted.httpStatus
            probeSeq = persisted.probeSeq
        } else {
            tracker = HealthTracker(state: .unknown, reason: integration.heartbeat == nil ? .noProbeYet : .heartbeat(.notYet))
            effective = EffectiveState(state: .unknown, blockedBy: [])
            probeSeq = 0
        }
    }

    /// The fields of the integration row that matter after a restart. Streaks count only up to
    /// their thresholds, so a steadily healthy integration does not rewrite its row on every probe.
    struct StoredFields: Equatable {
        var state: IntegrationState
        var effective: IntegrationState
        var failStreak: Int
        var okStreak: Int
    }

    var storedFields: StoredFields {
        StoredFields(
            state: tracker.state, effective: effective.state,
            failStreak: min(tracker.failStreak, integration.failureThreshold),
            okStreak: min(tracker.okStreak, integration.successThreshold)
        )
    }

    /// The row that survives a restart.
    var persisted: PersistedIntegration {
        PersistedIntegration(
            id: integration.id, state: tracker.state, reason: tracker.reason, since: tracker.since,
            lastProbeAt: lastProbeAt, dataTimestamp: dataTimestamp, latencyMs: latencyMs, httpStatus: httpStatus,
            failStreak: min(tracker.failStreak, integration.failureThreshold),
            okStreak: min(tracker.okStreak, integration.successThreshold), probeSeq: probeSeq, effectiveState: effective.state,
            effectiveSince: effectiveSince
        )
    }
}
