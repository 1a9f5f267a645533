import BatonCore
import BatonNotices
import Foundation

/// Runs an accepted config through the arithmetic its values feed in the daemon: probe slots
/// and next probe times, heartbeat deadlines, the health tracker's thresholds, escalation step
/// and repeat times (and the notices they compose and render), maintenance windows, digests,
/// SLA windows and the report. Written as the daemon writes it, so a trap here is a trap there.
enum ScheduleExercise {
    /// 2026-11-23T10:00:00Z.
    static let t0 = Date(timeIntervalSince1970: 1_795_428_000)
    static let utc = TimeZone(identifier: "UTC") ?? .current
    static let failing = Verdict(level: .fail, reason: .text("fuzz"))
    static let passing = Verdict(level: .pass, reason: .text("fuzz"))

    static func run(_ config: Config) {
        for integration in config.integrations {
            probeTimes(integration)
            heartbeat(integration)
            thresholds(integration)
        }
        let notices = escalation(config)
        render(notices, config)
        maintenance(config)
        digests(config)
        sla(config)
    }

    /// As `ProbeScheduler` does: the slots, the first probe after start, and the ones after.
    static func probeTimes(_ integration: Integration) {
        guard let check = integration.check else { return }
        let slots = ProbeSlots(id: integration.id, interval: check.interval)
        let year: UInt64 = 365 * 86_400 * 1_000_000_000
        for now: UInt64 in [0, 1_000_000_000, year, 30 * year] {
            let first = slots.first(after: now, window: .seconds(10))
            _ = slots.next(after: slots.next(after: first))
        }
    }

    static func heartbeat(_ integration: Integration) {
        guard let rule = integration.heartbeat else { return }
        _ = HeartbeatJudge.verdict(lastPing: nil, watchedSince: t0, rule: rule, now: t0.addingTimeInterval(86_400))
        _ = HeartbeatJudge.verdict(lastPing: t0, watchedSince: t0, rule: rule, now: t0.addingTimeInterval(60))
        let late = t0.addingTimeInterval(rule.period.seconds + rule.grace.seconds + 1)
        _ = HeartbeatJudge.verdict(lastPing: t0, watchedSince: t0, rule: rule, now: late)
    }

    static func thresholds(_ integration: Integration) {
        var tracker = HealthTracker()
        for second in 0..<12 {
            let verdict = second < 6 ? failing : passing
            _ = tracker.record(
                verdict, at: t0.addingTimeInterval(Double(second)),
                failureThreshold: integration.failureThreshold, successThreshold: integration.successThreshold
            )
        }
    }

    /// Every integration goes down at `t0`; the book ticks at every step's and repeat's time.
    static func escalation(_ config: Config) -> [Notice] {
        var book = IncidentBook(config: config, incidents: [], conditions: [:], nextIncidentID: 1)
        var actions: [IncidentAction] = []
        for integration in config.integrations {
            let down = IntegrationCondition(state: .down, reason: .text("fuzz"), since: t0)
            actions += book.integrationChanged(integration.id, to: down, from: .healthy, silence: nil)
        }
        var times: Set<Date> = [t0.addingTimeInterval(86_400 * 3650)]
        for policy in config.escalationPolicies {
            for step in policy.steps {
                times.insert(t0.addingTimeInterval(step.after.seconds))
                times.insert(t0.addingTimeInterval(step.after.seconds + 1))
            }
            if let every = policy.repeatEvery, let last = policy.steps.last {
                for count in 1...3 {
                    times.insert(t0.addingTimeInterval(last.after.seconds + Double(count) * every.seconds))
                }
            }
        }
        let ordered = times.filter { $0 >= t0 && $0.timeIntervalSince1970.isFinite }.sorted()
        for time in ordered {
            actions += book.tick(at: time) { _ in nil }
        }
        let end = ordered.last ?? t0
        if let first = book.openIncidents.first {
            actions += (try? book.acknowledge(first.id, by: "fuzz", note: "fuzz", at: end)) ?? []
        }
        for integration in config.integrations {
            let healthy = IntegrationCondition(state: .healthy, reason: .text("fuzz"), since: end)
            actions += book.integrationChanged(integration.id, to: healthy, from: .down, silence: nil)
        }
        return actions.compactMap { if case .notify(let notice) = $0 { notice } else { nil } }
    }

    static func render(_ notices: [Notice], _ config: Config) {
        for notice in notices.prefix(200) {
            guard let channel = config.channel(notice.channelID), let renderer = try? NoticeRenderers.renderer(for: channel) else { continue }
            _ = try? renderer.render(notice, attemptTimestamp: Int(t0.timeIntervalSince1970))
        }
    }

    static func maintenance(_ config: Config) {
        for hours: Double in [0, 1, 24, 168] {
            let index = SilenceIndex(silences: [], maintenance: config.maintenance, at: t0.addingTimeInterval(hours * 3600), defaultTimeZone: utc)
            for integration in config.integrations.prefix(50) { _ = index.verdict(for: integration) }
        }
    }

    static func digests(_ config: Config) {
        var schedule = DigestSchedule(digests: config.digests, from: t0, defaultTimeZone: utc)
        for hours in [1.0, 24] { _ = schedule.due(at: t0.addingTimeInterval(hours * 3600)) }
        _ = schedule.nextFiring
    }

    /// As `baton show` and `baton report` do: the SLA's own window back from now.
    static func sla(_ config: Config) {
        var inputs: [SLAInput] = []
        for integration in config.integrations.prefix(200) {
            guard let sla = integration.sla else { continue }
            let window = DateInterval(start: t0.addingTimeInterval(-sla.window.seconds), end: t0)
            let middle = window.start.addingTimeInterval(window.duration / 2)
            let input = SLAInput(
                integration: integration, initialState: .healthy,
                changes: [
                    StateChange(from: .healthy, to: .down, reason: .text("fuzz"), at: middle),
                    StateChange(from: .down, to: .healthy, reason: .text("fuzz"), at: middle.addingTimeInterval(min(3600, window.duration / 4))),
                ],
                existsSince: window.start.addingTimeInterval(-1), removedAt: nil,
                silenced: [DateInterval(start: window.start, duration: min(7200, window.duration))], downtime: [], incidents: []
            )
            _ = SLACalculator.figures(input, window: window)
            _ = SLACalculator.daily(input, days: 30, now: t0)
            inputs.append(input)
        }
        guard !inputs.isEmpty else { return }
        let window = DateInterval(start: t0.addingTimeInterval(-7 * 86_400), end: t0)
        let report = SLACalculator.report(inputs, window: window, generatedAt: t0)
        for format in [ReportFormat.table, .markdown, .csv, .json] { _ = ReportRenderer.render(report, as: format, width: 100) }
    }
}
