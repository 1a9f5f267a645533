import BatonCore
import BatonHTTP
import BatonStore
import Foundation

/// What the daemon knows about one configured integration's health while it runs (how and when
/// it is probed is the ``ProbeScheduler``'s).
struct MonitoredIntegration: Sendable {
    var integration: Integration {
        didSet { showsDataAge = integration.showsDataAge }
    }
    /// ``Integration/showsDataAge``, read once: asked for every line of every `baton status`.
    private(set) var showsDataAge: Bool
    /// The server certificate last seen (https checks), for `baton show`.
    var certificate: CertificateSummary?
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

    init(integration: Integration, restoring persisted: PersistedIntegration?) {
        self.integration = integration
        showsDataAge = integration.showsDataAge
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
