import struct Foundation.Date

/// The state machine of one integration's own health, fed one ``Verdict`` per probe.
///
/// Pure and value-typed: it neither reads a clock nor stores anything, so the daemon can
/// persist its fields and restore them with ``init(state:reason:since:failStreak:okStreak:)``.
///
/// - A failed probe counts toward `failure_threshold`; only when the streak reaches it is
///   the integration `down`. One flaky probe must not page anyone.
/// - A stale verdict is `stale` at once: old data is a fact, not a flake, and waiting
///   would only delay the SLA clock.
/// - From `down` or `stale`, recovery needs `success_threshold` passing (or warning)
///   probes in a row, so an incident does not flap closed on one lucky answer. From
///   any other state a pass is `healthy` and a warning `degraded` at once.
///
/// Its own state is never `blocked`: that is derived from dependencies by
/// ``DependencyGraph``.
public struct HealthTracker: Sendable, Equatable {
    /// The integration's own state; never ``IntegrationState/blocked``.
    public private(set) var state: IntegrationState
    /// Why it is in that state, refreshed on every probe so ages stay current.
    public private(set) var reason: Reason {
        didSet { compactReason = reason.compact }
    }
    /// ``reason``'s ``Reason/compact`` form, written once when the reason changes: every line of
    /// every `baton status` shows it, and at 10,000 integrations writing it per request took a
    /// fifth of the answer's time.
    public private(set) var compactReason: String
    /// When ``state`` was entered; `nil` while unknown and never probed.
    public private(set) var since: Date?
    /// Consecutive failed probes.
    public private(set) var failStreak: Int
    /// Consecutive passing or warning probes.
    public private(set) var okStreak: Int

    /// Creates a tracker, or restores one from persisted fields.
    ///
    /// A persisted `blocked` (which a tracker never produces) is read as `unknown`, so
    /// the next probe decides instead of a state no verdict can leave.
    public init(state: IntegrationState = .unknown, reason: Reason = .noProbeYet, since: Date? = nil, failStreak: Int = 0, okStreak: Int = 0) {
        self.state = state == .blocked ? .unknown : state
        self.reason = reason
        self.compactReason = reason.compact
        self.since = since
        self.failStreak = max(0, failStreak)
        self.okStreak = max(0, okStreak)
    }

    /// Applies one verdict; returns the change when the state changed.
    ///
    /// Thresholds below 1 are treated as 1.
    public mutating func record(_ verdict: Verdict, at time: Date, failureThreshold: Int, successThreshold: Int) -> StateChange? {
        let failureThreshold = max(1, failureThreshold)
        let successThreshold = max(1, successThreshold)
        let next: IntegrationState

        switch verdict.level {
        case .fail:
            // Saturating: a restored streak may be anything the database held.
            failStreak = failStreak.addingSaturated(1)
            okStreak = 0
            if failStreak >= failureThreshold {
                next = .down
                reason = verdict.reason
            } else {
                next = state
                reason = .progress(verdict.reason, .failing(probe: failStreak, of: failureThreshold))
            }
        case .stale:
            failStreak = 0
            okStreak = 0
            next = .stale
            reason = verdict.reason
        case .pass, .warn:
            failStreak = 0
            okStreak = okStreak.addingSaturated(1)
            let target: IntegrationState = verdict.level == .pass ? .healthy : .degraded
            if state.isBreach && okStreak < successThreshold {
                next = state
                reason = .progress(verdict.reason, .recovering(passing: okStreak, of: successThreshold))
            } else {
                next = target
                reason = verdict.reason
            }
        }

        guard next != state else { return nil }
        let change = StateChange(from: state, to: next, reason: reason, at: time)
        state = next
        since = time
        return change
    }
}
