import Foundation
import Testing
@testable import BatonCore

/// One probe of a scenario: the verdict, then the state and reason expected after it.
struct TrackerStep: Sendable {
    var level: VerdictLevel
    var verdictReason: Reason
    var state: IntegrationState
    var reason: String
    /// True when this verdict must produce a ``StateChange``.
    var changes: Bool
}

/// A sequence of verdicts fed to one tracker, with its thresholds.
struct TrackerScenario: Sendable, CustomTestStringConvertible {
    var name: String
    var start = HealthTracker()
    var failureThreshold = 3
    var successThreshold = 2
    var steps: [TrackerStep]

    var testDescription: String { name }
}

/// The per-integration state machine, driven through verdict sequences.
struct HealthTrackerTests {
    static let t0 = Date(timeIntervalSince1970: 1_795_428_000)
    /// `timeout after 5s`.
    static let timeout = Reason.transfer(.timeout(after: .seconds(5)))
    /// `HTTP 503`.
    static let http503 = Reason.httpStatus(HTTPStatusFinding(code: 503))
    /// `HTTP 200 in 45ms`.
    static let ok = Reason.answered(AnswerSummary(status: 200, latency: .milliseconds(45)))
    /// `slow: 2.4s (max 2s)`.
    static let slow = Reason.latency(LatencyFinding(latency: .milliseconds(2400), maximum: .seconds(2)))
    /// `last_sync 3h12m old (error after 2h)`.
    static let old = lastSync(ageSeconds: 11_520)

    /// `last_sync 3h13m old (error after 2h)` for 11,580 s.
    static func lastSync(ageSeconds: Int64) -> Reason {
        .freshness(FreshnessFinding(label: "last_sync", outcome: .tooOld(ageSeconds: ageSeconds, limit: .errorAfter(.seconds(7200)))))
    }

    static func fail(_ reason: Reason = timeout, then state: IntegrationState, _ expected: String? = nil, changes: Bool = false) -> TrackerStep {
        TrackerStep(level: .fail, verdictReason: reason, state: state, reason: expected ?? reason.compact, changes: changes)
    }

    static func pass(then state: IntegrationState, _ expected: String? = nil, changes: Bool = false) -> TrackerStep {
        TrackerStep(level: .pass, verdictReason: ok, state: state, reason: expected ?? ok.compact, changes: changes)
    }

    static func warn(then state: IntegrationState, _ expected: String? = nil, changes: Bool = false) -> TrackerStep {
        TrackerStep(level: .warn, verdictReason: slow, state: state, reason: expected ?? slow.compact, changes: changes)
    }

    static func stale(_ reason: Reason = old, then state: IntegrationState, changes: Bool = false) -> TrackerStep {
        TrackerStep(level: .stale, verdictReason: reason, state: state, reason: reason.compact, changes: changes)
    }

    static let down = HealthTracker(state: .down, reason: http503, since: t0.addingTimeInterval(-3600), failStreak: 7)
    static let healthy = HealthTracker(state: .healthy, reason: ok, since: t0.addingTimeInterval(-3600), okStreak: 40)

    static let scenarios: [TrackerScenario] = [
        TrackerScenario(name: "first pass is healthy at once", steps: [pass(then: .healthy, changes: true)]),
        TrackerScenario(name: "first warning is degraded at once", steps: [warn(then: .degraded, changes: true)]),
        TrackerScenario(name: "first stale verdict is stale at once", steps: [stale(then: .stale, changes: true)]),
        TrackerScenario(name: "failures below the threshold leave unknown alone, then down", steps: [
            fail(then: .unknown, "timeout after 5s (failed probe 1 of 3)"),
            fail(then: .unknown, "timeout after 5s (failed probe 2 of 3)"),
            fail(then: .down, changes: true),
            fail(then: .down),
        ]),
        TrackerScenario(name: "failure threshold 1 is down on the first failure", start: healthy, failureThreshold: 1, steps: [
            fail(then: .down, changes: true),
        ]),
        TrackerScenario(name: "a pass resets the failure streak", start: healthy, steps: [
            fail(then: .healthy, "timeout after 5s (failed probe 1 of 3)"),
            fail(then: .healthy, "timeout after 5s (failed probe 2 of 3)"),
            pass(then: .healthy),
            fail(then: .healthy, "timeout after 5s (failed probe 1 of 3)"),
            fail(then: .healthy, "timeout after 5s (failed probe 2 of 3)"),
            fail(then: .down, changes: true),
        ]),
        TrackerScenario(name: "healthy and degraded follow each verdict at once", steps: [
            pass(then: .healthy, changes: true),
            warn(then: .degraded, changes: true),
            warn(then: .degraded),
            pass(then: .healthy, changes: true),
        ]),
        TrackerScenario(name: "stale turns down after repeated failures", steps: [
            stale(then: .stale, changes: true),
            fail(http503, then: .stale, "HTTP 503 (failed probe 1 of 3)"),
            fail(http503, then: .stale, "HTTP 503 (failed probe 2 of 3)"),
            fail(http503, then: .down, changes: true),
        ]),
        TrackerScenario(name: "down turns stale when the endpoint answers with old data", start: down, steps: [
            stale(then: .stale, changes: true),
            stale(lastSync(ageSeconds: 11_580), then: .stale),
        ]),
        TrackerScenario(name: "down recovers only after success_threshold passes", start: down, steps: [
            pass(then: .down, "HTTP 200 in 45ms (recovering: 1 of 2 passing probes)"),
            pass(then: .healthy, changes: true),
        ]),
        TrackerScenario(name: "recovery ending on a warning is degraded", start: down, steps: [
            pass(then: .down, "HTTP 200 in 45ms (recovering: 1 of 2 passing probes)"),
            warn(then: .degraded, changes: true),
        ]),
        TrackerScenario(name: "warnings count toward recovery", start: down, successThreshold: 3, steps: [
            warn(then: .down, "slow: 2.4s (max 2s) (recovering: 1 of 3 passing probes)"),
            warn(then: .down, "slow: 2.4s (max 2s) (recovering: 2 of 3 passing probes)"),
            pass(then: .healthy, changes: true),
        ]),
        TrackerScenario(name: "a failure during recovery starts it over", start: down, steps: [
            pass(then: .down, "HTTP 200 in 45ms (recovering: 1 of 2 passing probes)"),
            fail(http503, then: .down, "HTTP 503 (failed probe 1 of 3)"),
            pass(then: .down, "HTTP 200 in 45ms (recovering: 1 of 2 passing probes)"),
            pass(then: .healthy, changes: true),
        ]),
        TrackerScenario(name: "a stale verdict during recovery starts it over", steps: [
            stale(then: .stale, changes: true),
            pass(then: .stale, "HTTP 200 in 45ms (recovering: 1 of 2 passing probes)"),
            stale(then: .stale),
            pass(then: .stale, "HTTP 200 in 45ms (recovering: 1 of 2 passing probes)"),
            pass(then: .healthy, changes: true),
        ]),
        TrackerScenario(name: "success threshold 1 recovers on the first pass", start: down, successThreshold: 1, steps: [
            pass(then: .healthy, changes: true),
        ]),
        TrackerScenario(name: "a stale verdict resets the failure streak", start: healthy, steps: [
            fail(then: .healthy, "timeout after 5s (failed probe 1 of 3)"),
            fail(then: .healthy, "timeout after 5s (failed probe 2 of 3)"),
            stale(then: .stale, changes: true),
            fail(then: .stale, "timeout after 5s (failed probe 1 of 3)"),
        ]),
        TrackerScenario(
            name: "restored mid-recovery finishes it",
            start: HealthTracker(state: .down, reason: http503, since: t0.addingTimeInterval(-600), okStreak: 1),
            steps: [pass(then: .healthy, changes: true)]
        ),
        TrackerScenario(
            name: "restored mid-failure goes down on the next failure",
            start: HealthTracker(state: .healthy, reason: .progress(http503, .failing(probe: 2, of: 3)), since: t0.addingTimeInterval(-600), failStreak: 2),
            steps: [fail(http503, then: .down, changes: true)]
        ),
        TrackerScenario(name: "thresholds below 1 act as 1", failureThreshold: 0, successThreshold: -1, steps: [
            fail(then: .down, changes: true),
            pass(then: .healthy, changes: true),
        ]),
    ]

    /// Each verdict leaves the expected state and reason; a change is returned, and `since` moves, exactly when the state changes.
    @Test(arguments: scenarios)
    func scenario(_ scenario: TrackerScenario) {
        var tracker = scenario.start
        for (number, step) in scenario.steps.enumerated() {
            let time = Self.t0.addingTimeInterval(Double(number) * 60)
            let before = tracker
            let change = tracker.record(
                Verdict(level: step.level, reason: step.verdictReason), at: time,
                failureThreshold: scenario.failureThreshold, successThreshold: scenario.successThreshold
            )
            #expect(tracker.state == step.state, "step \(number + 1)")
            #expect(tracker.reason == step.reason, "step \(number + 1)")
            if step.changes {
                #expect(change == StateChange(from: before.state, to: step.state, reason: tracker.reason, at: time), "step \(number + 1)")
                #expect(tracker.since == time, "step \(number + 1)")
            } else {
                #expect(change == nil, "step \(number + 1)")
                #expect(tracker.since == before.since, "step \(number + 1)")
            }
        }
    }

    /// A new tracker is unknown, never probed, with no streaks.
    @Test func startsUnknown() {
        let tracker = HealthTracker()
        #expect(tracker.state == .unknown)
        #expect(tracker.reason == "no probe yet")
        #expect(tracker.since == nil)
        #expect(tracker.failStreak == 0)
        #expect(tracker.okStreak == 0)
    }

    /// `since` stays nil while unknown failures stay below the threshold: the state was never entered by a probe.
    @Test func sinceStaysNilWhileUnknown() {
        var tracker = HealthTracker()
        _ = tracker.record(Verdict(level: .fail, reason: Self.timeout), at: Self.t0, failureThreshold: 3, successThreshold: 2)
        #expect(tracker.since == nil)
        #expect(tracker.failStreak == 1)
    }

    /// Streaks count consecutive failures and passes, and each kind of verdict resets the other.
    @Test(arguments: [
        ([VerdictLevel.fail, .fail], 2, 0),
        ([.fail, .pass, .warn], 0, 2),
        ([.pass, .pass, .stale], 0, 0),
        ([.pass, .fail], 1, 0),
        ([.fail, .fail, .fail, .fail, .fail], 5, 0),
    ])
    func streaks(levels: [VerdictLevel], failStreak: Int, okStreak: Int) {
        var tracker = HealthTracker()
        for level in levels {
            _ = tracker.record(Verdict(level: level, reason: .text("r")), at: Self.t0, failureThreshold: 3, successThreshold: 2)
        }
        #expect(tracker.failStreak == failStreak)
        #expect(tracker.okStreak == okStreak)
    }

    /// A persisted `blocked` (never a tracker's own state) is restored as unknown.
    @Test func restoresBlockedAsUnknown() {
        #expect(HealthTracker(state: .blocked, reason: .text("x")).state == .unknown)
    }
}
