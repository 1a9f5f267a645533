import BatonCore
import Foundation

/// One integration's stored history as the SLA arithmetic reads it.
public struct IntegrationHistory: Sendable {
    public var initialState: IntegrationState?
    public var changes: [StateChange] = []
    public var firstSeen: Date?
    public var removedAt: Date?
}

/// Reading history for reports, and recording when the daemon runs.
extension StateStore {
    /// Starts a run record; returns its id for ``markAlive(run:at:)``.
    public func beginRun(at time: Date) async throws -> Int64 {
        try await database.write { session in
            try session.integer(
                "INSERT INTO daemon_run (started_ms, alive_ms) VALUES (?, ?) RETURNING id", [.int(time.unixMilliseconds), .int(time.unixMilliseconds)]
            ) ?? 0
        }
    }

    /// Extends the current run to `time` (the daemon does it through its writer; benchmarks call this).
    public func markAlive(run: Int64, at time: Date) async throws {
        var batch = StateBatch()
        batch.runAlive = RunAlive(run: run, at: time)
        try await write(batch)
    }

    /// When the daemon was not running inside `window` (gaps between runs, and before the first).
    public func downtime(in window: DateInterval) async throws -> [DateInterval] {
        try await database.read { session in
            var gaps: [DateInterval] = []
            var cursor = window.start
            try session.forEach(
                "SELECT started_ms, alive_ms FROM daemon_run WHERE alive_ms >= ? AND started_ms < ? ORDER BY started_ms",
                [.int(window.start.unixMilliseconds), .int(window.end.unixMilliseconds)]
            ) { row in
                let started = Date(unixMilliseconds: row.int(0) ?? 0)
                let alive = Date(unixMilliseconds: row.int(1) ?? 0)
                if started > cursor { gaps.append(DateInterval(start: cursor, end: min(started, window.end))) }
                cursor = max(cursor, alive)
            }
            // The current run is alive until now; `window.end` is now for reports.
            return gaps.filter { $0.duration > 0 }
        }
    }

    /// Every integration's state when `window` starts and its changes inside it, in one pass over
    /// the transition log (ordered by integration and time; index `transition_by_integration`).
    ///
    /// - Parameters:
    ///   - id: Only this integration's history, when given.
    public func history(in window: DateInterval, of id: String? = nil) async throws -> [String: IntegrationHistory] {
        let only = id.map { _ in " AND integration_id = ?" } ?? ""
        let idArgument: [SQLValue] = id.map { [.text($0)] } ?? []
        return try await database.read { session in
            var result: [String: IntegrationHistory] = [:]
            try session.forEach("SELECT id, first_seen_ms, removed_ms FROM integration" + (id == nil ? "" : " WHERE id = ?"), idArgument) { row in
                result[row.text(0) ?? ""] = IntegrationHistory(firstSeen: row.int(1).map(Date.init(unixMilliseconds:)), removedAt: row.int(2).map(Date.init(unixMilliseconds:)))
            }
            let start = window.start.unixMilliseconds
            // The state each integration was in when the window starts: its last transition before.
            let initial = switch session.dialect {
            case .sqlite:
                // SQLite returns the bare columns of the row that holds the MAX.
                "SELECT integration_id, to_state, MAX(at_ms) FROM transition WHERE at_ms < ?\(only) GROUP BY integration_id"
            case .postgres:
                "SELECT DISTINCT ON (integration_id) integration_id, to_state FROM transition WHERE at_ms < ?\(only) ORDER BY integration_id, at_ms DESC, id DESC"
            }
            try session.forEach(initial, [.int(start)] + idArgument) { row in
                result[row.text(0) ?? "", default: IntegrationHistory()].initialState = IntegrationState(rawValue: row.text(1) ?? "")
            }
            var currentID = ""
            var current = IntegrationHistory()
            try session.forEach("""
                SELECT integration_id, at_ms, from_state, to_state FROM transition
                WHERE at_ms >= ? AND at_ms < ?\(only) ORDER BY integration_id, at_ms, id
                """, [.int(start), .int(window.end.unixMilliseconds)] + idArgument) { row in
                let id = row.text(0) ?? ""
                if id != currentID {
                    if !currentID.isEmpty { result[currentID, default: IntegrationHistory()].changes = current.changes }
                    currentID = id
                    current = IntegrationHistory()
                }
                current.changes.append(StateChange(
                    from: IntegrationState(rawValue: row.text(2) ?? "") ?? .unknown,
                    to: IntegrationState(rawValue: row.text(3) ?? "") ?? .unknown,
                    // SLA arithmetic needs no reasons; reading 100,000s of them would dominate a long report.
                    reason: .text(""),
                    at: Date(unixMilliseconds: row.int(1) ?? 0)
                ))
            }
            if !currentID.isEmpty { result[currentID, default: IntegrationHistory()].changes = current.changes }
            return result
        }
    }

    /// Incidents opened inside `window`.
    public func incidents(openedIn window: DateInterval) async throws -> [Incident] {
        try await database.read { session in
            try session.rows(
                "SELECT * FROM incident WHERE opened_ms >= ? AND opened_ms < ? ORDER BY id",
                [.int(window.start.unixMilliseconds), .int(window.end.unixMilliseconds)], Incident.init(row:)
            )
        }
    }

    /// Incidents opened inside `window`, with only what SLA figures read: integration, opening,
    /// acknowledgement and resolution times (other fields are left at their defaults). A 90-day
    /// report reads tens of thousands of these; decoding whole rows would dominate it.
    public func incidentTimes(openedIn window: DateInterval, of id: String? = nil) async throws -> [Incident] {
        try await database.read { session in
            try session.rows("""
                SELECT id, integration_id, opened_ms, acknowledged_ms, resolved_ms, opening_state FROM incident
                WHERE opened_ms >= ? AND opened_ms < ?\(id == nil ? "" : " AND integration_id = ?") ORDER BY id
                """, [.int(window.start.unixMilliseconds), .int(window.end.unixMilliseconds)] + (id.map { [SQLValue.text($0)] } ?? [])) { row in
                let resolved = row.int(4).map(Date.init(unixMilliseconds:))
                return Incident(
                    id: Int(clamping: row.int(0) ?? 0), integrationID: row.text(1) ?? "", policyID: nil, status: resolved == nil ? .open : .resolved,
                    openedAt: Date(unixMilliseconds: row.int(2) ?? 0), openingState: IntegrationState(rawValue: row.text(5) ?? "") ?? .down,
                    openingReason: .text(""), acknowledgedAt: row.int(3).map(Date.init(unixMilliseconds:)), resolvedAt: resolved
                )
            }
        }
    }

    /// Silences that overlapped `window`, removed ones included (they silenced until removed).
    public func silences(overlapping window: DateInterval) async throws -> [Silence] {
        try await database.read { session in
            try session.rows(
                "SELECT * FROM silence WHERE created_ms < ? AND ends_ms > ? ORDER BY id",
                [.int(window.end.unixMilliseconds), .int(window.start.unixMilliseconds)], Silence.init(row:)
            )
        }
    }
}
