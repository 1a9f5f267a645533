import BatonCore
import BatonStore
import Foundation

/// Gathers what the SLA arithmetic needs from the database and the config: one pass over the
/// transition log, the silences and maintenance windows that applied, and the daemon's downtime.
enum SLAInputs {
    /// - Parameters:
    ///   - integration: Only this one (`baton show`), reading only its rows; every integration of `config` otherwise.
    static func gather(for config: Config, only integration: Integration? = nil, window: DateInterval, store: StateStore) async throws -> [SLAInput] {
        // Separate read transactions of the WAL pool, run side by side.
        async let pastRead = store.history(in: window, of: integration?.id)
        async let downtimeRead = store.downtime(in: window)
        async let incidentsRead = store.incidentTimes(openedIn: window, of: integration?.id)
        async let silencesRead = store.silences(overlapping: window)
        let history = try await pastRead
        let downtime = try await downtimeRead
        let incidents = Dictionary(grouping: try await incidentsRead, by: \.integrationID)
        let silences = try await silencesRead
        let maintenance = config.maintenance.map { ($0, occurrences(of: $0, in: window)) }
        return (integration.map { [$0] } ?? config.integrations).map { integration in
            let past = history[integration.id]
            var silenced: [DateInterval] = []
            for silence in silences where silence.matcher.matches(integration) {
                let end = min(silence.endsAt, silence.removedAt ?? silence.endsAt)
                if end > silence.createdAt { silenced.append(DateInterval(start: silence.createdAt, end: end)) }
            }
            for (window, intervals) in maintenance where window.match.matches(integration) {
                silenced += intervals
            }
            return SLAInput(
                integration: integration,
                initialState: past?.initialState,
                changes: past?.changes ?? [],
                existsSince: past?.firstSeen,
                removedAt: past?.removedAt,
                silenced: silenced,
                downtime: downtime,
                incidents: incidents[integration.id] ?? []
            )
        }
    }

    /// The intervals a maintenance window covered inside `window` (each firing, for its duration).
    static func occurrences(of maintenance: MaintenanceWindow, in window: DateInterval) -> [DateInterval] {
        let zone = maintenance.timezone.flatMap(TimeZone.init(identifier:)) ?? .current
        var intervals: [DateInterval] = []
        var cursor = window.start.addingTimeInterval(-maintenance.duration.seconds)
        // A minute-by-minute schedule over 90 days is 130k firings: bounded, and merged by the arithmetic.
        while intervals.count < 200_000, let fire = maintenance.cron.nextFire(after: cursor, in: zone), fire < window.end {
            intervals.append(DateInterval(start: fire, duration: maintenance.duration.seconds))
            cursor = fire
        }
        return intervals
    }
}
