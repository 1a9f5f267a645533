import BatonCore
import Foundation
import GRDB

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
        try await pool.write { db in
            try db.execute(sql: "INSERT INTO daemon_run (started_ms, alive_ms) VALUES (?, ?)", arguments: [time.unixMilliseconds, time.unixMilliseconds])
            return db.lastInsertedRowID
        }
    }

    /// Extends the current run to `time` (called every minute and at shutdown).
    public func markAlive(run: Int64, at time: Date) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE daemon_run SET alive_ms = ? WHERE id = ?", arguments: [time.unixMilliseconds, run])
        }
    }

    /// When the daemon was not running inside `window` (gaps between runs, and before the first).
    public func downtime(in window: DateInterval) async throws -> [DateInterval] {
        try await pool.read { db in
            let runs = try Row.fetchAll(db, sql: "SELECT started_ms, alive_ms FROM daemon_run WHERE alive_ms >= ? AND started_ms < ? ORDER BY started_ms",
                                        arguments: [window.start.unixMilliseconds, window.end.unixMilliseconds])
            var gaps: [DateInterval] = []
            var cursor = window.start
            for row in runs {
                let started = Date(unixMilliseconds: row[0])
                let alive = Date(unixMilliseconds: row[1])
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
        let idArgument: StatementArguments = id.map { [$0] } ?? []
        return try await pool.read { db in
            var result: [String: IntegrationHistory] = [:]
            let rows = try Row.fetchAll(db, sql: "SELECT id, first_seen_ms, removed_ms FROM integration WHERE ?1 IS NULL OR id = ?1", arguments: [id])
            for row in rows {
                let id: String = row[0]
                result[id] = IntegrationHistory(
                    firstSeen: (row[1] as Int64?).map(Date.init(unixMilliseconds:)),
                    removedAt: (row[2] as Int64?).map(Date.init(unixMilliseconds:))
                )
            }
            let start = window.start.unixMilliseconds
            let initial = try Row.fetchCursor(db, sql: """
                SELECT integration_id, to_state, MAX(at_ms) FROM transition WHERE at_ms < ?\(only) GROUP BY integration_id
                """, arguments: [start] + idArgument)
            while let row = try initial.next() {
                let id: String = row[0]
                result[id, default: IntegrationHistory()].initialState = IntegrationState(rawValue: row[1])
            }
            let changes = try Row.fetchCursor(db, sql: """
                SELECT integration_id, at_ms, from_state, to_state FROM transition
                WHERE at_ms >= ? AND at_ms < ?\(only) ORDER BY integration_id, at_ms, id
                """, arguments: [start, window.end.unixMilliseconds] + idArgument)
            var currentID = ""
            var current = IntegrationHistory()
            while let row = try changes.next() {
                let id: String = row[0]
                if id != currentID {
                    if !currentID.isEmpty { result[currentID, default: IntegrationHistory()].changes = current.changes }
                    currentID = id
                    current = IntegrationHistory()
                }
                current.changes.append(StateChange(
                    from: IntegrationState(rawValue: row[2]) ?? .unknown,
                    to: IntegrationState(rawValue: row[3]) ?? .unknown,
                    // SLA arithmetic needs no reasons; reading 100,000s of them would dominate a long report.
                    reason: .text(""),
                    at: Date(unixMilliseconds: row[1])
                ))
            }
            if !currentID.isEmpty { result[currentID, default: IntegrationHistory()].changes = current.changes }
            return result
        }
    }

    /// Incidents opened inside `window`.
    public func incidents(openedIn window: DateInterval) async throws -> [Incident] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM incident WHERE opened_ms >= ? AND opened_ms < ? ORDER BY id",
                             arguments: [window.start.unixMilliseconds, window.end.unixMilliseconds]).map(Incident.init(row:))
        }
    }

    /// Incidents opened inside `window`, with only what SLA figures read: integration, opening,
    /// acknowledgement and resolution times (other fields are left at their defaults). A 90-day
    /// report reads tens of thousands of these; decoding whole rows would dominate it.
    public func incidentTimes(openedIn window: DateInterval, of id: String? = nil) async throws -> [Incident] {
        try await pool.read { db in
            var result: [Incident] = []
            let rows = try Row.fetchCursor(db, sql: """
                SELECT id, integration_id, opened_ms, acknowledged_ms, resolved_ms, opening_state FROM incident
                WHERE opened_ms >= ? AND opened_ms < ? AND (? IS NULL OR integration_id = ?) ORDER BY id
                """, arguments: [window.start.unixMilliseconds, window.end.unixMilliseconds, id, id])
            while let row = try rows.next() {
                let resolved = (row[4] as Int64?).map(Date.init(unixMilliseconds:))
                result.append(Incident(
                    id: row[0], integrationID: row[1], policyID: nil, status: resolved == nil ? .open : .resolved,
                    openedAt: Date(unixMilliseconds: row[2]), openingState: IntegrationState(rawValue: row[5]) ?? .down, openingReason: .text(""),
                    acknowledgedAt: (row[3] as Int64?).map(Date.init(unixMilliseconds:)), resolvedAt: resolved
                ))
            }
            return result
        }
    }

    /// Silences that overlapped `window`, removed ones included (they silenced until removed).
    public func silences(overlapping window: DateInterval) async throws -> [Silence] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM silence WHERE created_ms < ? AND ends_ms > ? ORDER BY id",
                             arguments: [window.end.unixMilliseconds, window.start.unixMilliseconds]).map(Silence.init(row:))
        }
    }
}
