import BatonCore
import BatonStatusPage
import BatonStore
import Foundation
import Synchronization

/// Builds the status page from the monitor's view and the stored history, at most once per
/// ``maxAge``: a wall screen of browsers reloading every 30 s costs one computation.
final class StatusPageSource: Sendable {
    let monitor: Monitor
    let store: StateStore
    let days: Int
    let maxAge: TimeInterval
    private let cached = Mutex<(at: Date, html: String)?>(nil)

    init(monitor: Monitor, store: StateStore, days: Int = 30, maxAge: TimeInterval = 10) {
        self.monitor = monitor
        self.store = store
        self.days = days
        self.maxAge = maxAge
    }

    func html() async throws -> String {
        let now = monitor.clock()
        if let hit = cached.withLock({ $0 }), now.timeIntervalSince(hit.at) < maxAge, now >= hit.at { return hit.html }
        let page = StatusPage.render(try await Self.model(monitor.snapshot(), store: store, now: now, days: days))
        cached.withLock { $0 = (now, page) }
        return page
    }

    static func model(_ snapshot: MonitorSnapshot, store: StateStore, now: Date, days: Int) async throws -> StatusPageModel {
        let today = (now.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400
        let window = DateInterval(start: Date(timeIntervalSince1970: today - Double(days - 1) * 86_400), end: now)
        let inputs = try await SLAInputs.gather(for: snapshot.config, window: window, store: store)
        let byID = Dictionary(inputs.map { ($0.integration.id, $0) }, uniquingKeysWith: { first, _ in first })
        let config = snapshot.config
        let rows: [StatusPageModel.Row] = snapshot.order.compactMap { id in
            guard let entry = snapshot.integrations[id] else { return nil }
            let integration = entry.integration
            let bars = byID[id].map { SLACalculator.daily($0, days: days, now: now) } ?? []
            return StatusPageModel.Row(
                id: id, name: integration.name, owner: integration.owner, ownerName: config.team(integration.owner)?.name ?? integration.owner,
                journey: integration.journey.map(\.rawValue), state: entry.effective.state, reason: StatusView.reason(entry, snapshot).compact, since: entry.effectiveSince,
                silenced: snapshot.silenceIndex.verdict(for: integration) != nil, days: bars,
                availability: bars.reduce(TimeSplit(), +).attainment
            )
        }
        let incidents = snapshot.openIncidents.values.sorted { $0.openedAt < $1.openedAt }.map { incident in
            let integration = config.integration(incident.integrationID)
            let steps = config.policy(for: incident).steps.count
            return StatusPageModel.OpenIncident(
                id: incident.id, integrationName: integration?.name ?? incident.integrationID,
                ownerName: integration.flatMap { config.team($0.owner)?.name ?? $0.owner } ?? "",
                state: incident.state, reason: incident.reason.compact, openedAt: incident.openedAt,
                step: min(incident.stepsFired, steps), steps: steps, acknowledgedBy: incident.acknowledgedBy
            )
        }
        return StatusPageModel(generatedAt: now, rows: rows, incidents: incidents, days: days)
    }
}
