import BatonCore
import Foundation
import Logging

/// Baton's database: integration states, their transitions and recent probes, incidents, notices,
/// silences and daemon runs; in SQLite (the default) or PostgreSQL.
///
/// Writes arrive in batches (``StateBatch``), one transaction each, so thousands of probe
/// results per second cost a few milliseconds; reads serve the control API.
public final class StateStore: Sendable {
    /// Probe results kept per integration.
    public static let probesKept = 50

    let database: any SQLDatabase
    /// Where the data lives: the database file, or the PostgreSQL URL without its password.
    public var path: String { database.location }

    /// Opens (creating if needed) `baton.db` in `directory` and brings its schema up to date.
    public convenience init(directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
        try self.init(path: (directory as NSString).appendingPathComponent("baton.db"))
    }

    /// Opens (creating if needed) the SQLite database at `path`.
    ///
    /// A file that is not a SQLite database, a SQLite database of another program, or one made by
    /// a newer Baton is refused with ``StoreOpenError`` before anything is written to it.
    ///
    /// - Parameter busyTimeout: how long a write waits for a lock another process holds before it fails.
    public convenience init(path: String, busyTimeout: TimeInterval = 5) throws {
        self.init(database: try SQLiteDatabase(path: path, busyTimeout: busyTimeout))
    }

    init(database: any SQLDatabase) {
        self.database = database
    }

    /// Connects to PostgreSQL and brings its schema up to date (under a lock, so nodes starting
    /// together do not race).
    public static func postgres(_ settings: PostgresConnectionSettings, logger: Logger) async throws -> StateStore {
        let database = PostgresDatabase(settings: settings, logger: logger)
        do {
            try await database.migrate()
        } catch {
            await database.close()
            throw error
        }
        return StateStore(database: database)
    }

    /// True when the state lives in PostgreSQL, where several nodes may share it.
    public var isShared: Bool { database.dialect == .postgres }

    /// Closes the connections.
    public func close() async {
        await database.close()
    }

    // MARK: Writing

    /// Stores a batch in one transaction.
    public func write(_ batch: StateBatch, now: Date = Date()) async throws {
        try await write([batch], now: now)
    }

    /// Stores batches in one transaction, each applied in turn: all of them or none.
    public func write(_ batches: [StateBatch], now: Date = Date()) async throws {
        guard batches.contains(where: { !$0.isEmpty }) else { return }
        try await database.write { session in
            for batch in batches where !batch.isEmpty { try Self.apply(batch, now: now, in: session) }
        }
    }

    static func apply(_ batch: StateBatch, now: Date, in session: any SQLSession) throws {
        try RowInserter(
            into: """
                integration (id, state, effective_state, effective_since_ms, reason, since_ms, last_probe_ms, data_ts_ms,
                             latency_ms, http_status, fail_streak, ok_streak, probe_seq, first_seen_ms, removed_ms)
                """,
            columns: 15,
            conflict: """
                ON CONFLICT(id) DO UPDATE SET
                    state = excluded.state, effective_state = excluded.effective_state,
                    effective_since_ms = excluded.effective_since_ms, reason = excluded.reason,
                    since_ms = excluded.since_ms, last_probe_ms = excluded.last_probe_ms, data_ts_ms = excluded.data_ts_ms,
                    latency_ms = excluded.latency_ms, http_status = excluded.http_status, fail_streak = excluded.fail_streak,
                    ok_streak = excluded.ok_streak, probe_seq = excluded.probe_seq, removed_ms = NULL
                """
        // In id order, by position: a copy of the rows sorted would be megabytes at the first start.
        ).insert(batch.integrations.indices.sorted { batch.integrations[$0].key < batch.integrations[$1].key }, in: session) { index in
            let item = batch.integrations[index].value
            return [
                .text(item.id), .text(item.state.rawValue), .text(item.effectiveState.rawValue), SQLValue(item.effectiveSince),
                .text(item.reason.compact), SQLValue(item.since), SQLValue(item.lastProbeAt), SQLValue(item.dataTimestamp),
                SQLValue(item.latencyMs), SQLValue(item.httpStatus), .int(Int64(item.failStreak)), .int(Int64(item.okStreak)),
                .int(item.probeSeq), .int(now.unixMilliseconds), .null,
            ]
        }
        // One row per ring slot: a later probe in the batch replaces an earlier one of the same slot.
        let probes = RowInserter.lastPerKey(batch.probes) { "\($0.integrationID)#\(Self.slot($0.seq))" }
        try RowInserter(
            into: "probe (integration_id, slot, seq, at_ms, level, http_status, latency_ms, reason, error_kind, data_ts_ms)",
            columns: 10,
            conflict: """
                ON CONFLICT (integration_id, slot) DO UPDATE SET
                    seq = excluded.seq, at_ms = excluded.at_ms, level = excluded.level, http_status = excluded.http_status,
                    latency_ms = excluded.latency_ms, reason = excluded.reason, error_kind = excluded.error_kind,
                    data_ts_ms = excluded.data_ts_ms
                """
        ).insert(probes, in: session) { record in
            [
                .text(record.integrationID), .int(Self.slot(record.seq)), .int(record.seq), .int(record.at.unixMilliseconds),
                .text(record.level.description), SQLValue(record.httpStatus), SQLValue(record.latencyMs), .text(record.reason.compact),
                SQLValue(record.errorKind), SQLValue(record.dataTimestamp),
            ]
        }
        try RowInserter(into: "transition (integration_id, at_ms, from_state, to_state, reason)", columns: 5).insert(batch.transitions, in: session) { record in
            [.text(record.integrationID), .int(record.at.unixMilliseconds), .text(record.from.rawValue), .text(record.to.rawValue), .text(record.reason.compact)]
        }
        try applyIncidents(batch, now: now, in: session)
        try applyDeliveries(batch.deliveries, in: session)
        if let removal = batch.removal { try applyRemoval(removal, in: session) }
        if !batch.requestsDone.isEmpty { try applyRequestOutcomes(batch.requestsDone, in: session) }
        if let alive = batch.runAlive {
            try session.execute(
                "UPDATE daemon_run SET alive_ms = \(session.dialect.greatest("alive_ms", "?")) WHERE id = ?",
                [.int(alive.at.unixMilliseconds), .int(alive.run)]
            )
        }
    }

    static func slot(_ seq: Int64) -> Int64 {
        seq % Int64(probesKept)
    }

    /// Marks integrations no longer in the config; their history stays.
    static func applyRemoval(_ removal: RemovalMark, in session: any SQLSession) throws {
        let ids = try session.rows("SELECT id FROM integration WHERE removed_ms IS NULL") { $0.text(0) ?? "" }
        for id in ids where !removal.keeping.contains(id) {
            try session.execute("UPDATE integration SET removed_ms = ? WHERE id = ?", [.int(removal.at.unixMilliseconds), .text(id)])
        }
    }

    /// Deletes history older than `cutoff` (`daemon.retention`): transitions, resolved incidents with
    /// their timelines and notices, ended silences. Open incidents and undelivered notices stay.
    /// Returns how many transitions went.
    @discardableResult
    public func prune(before cutoff: Date) async throws -> Int {
        try await database.write { session in
            let at = SQLValue.int(cutoff.unixMilliseconds)
            let transitions = try session.execute("DELETE FROM transition WHERE at_ms < ?", [at])
            try session.execute("""
                DELETE FROM incident_event WHERE incident_id IN (SELECT id FROM incident WHERE status = 'resolved' AND resolved_ms < ?)
                """, [at])
            try session.execute("""
                DELETE FROM notice WHERE status != 'pending' AND created_ms < ?
                    AND (incident_id IS NULL OR incident_id IN (SELECT id FROM incident WHERE status = 'resolved' AND resolved_ms < ?))
                """, [at, at])
            try session.execute("DELETE FROM incident WHERE status = 'resolved' AND resolved_ms < ?", [at])
            try session.execute("DELETE FROM silence WHERE ends_ms < ?", [at])
            try session.execute("DELETE FROM notice_group WHERE created_ms < ? AND key NOT IN (SELECT group_key FROM notice WHERE group_key IS NOT NULL)", [at])
            return transitions
        }
    }

    /// For SQLite, moves the write-ahead log into the database file, so its size is the database's.
    public func checkpoint() async throws {
        if let sqlite = database as? SQLiteDatabase { try await sqlite.checkpoint() }
    }

    /// Rows per table, for benchmarks and diagnostics.
    public func rowCounts() async throws -> [String: Int] {
        try await database.read { session in
            var counts: [String: Int] = [:]
            for table in ["integration", "probe", "transition", "incident", "incident_event", "notice", "silence"] {
                counts[table] = Int(clamping: try session.integer("SELECT COUNT(*) FROM \(table)") ?? 0)
            }
            return counts
        }
    }

    // MARK: Reading

    /// Every integration the database knows, removed ones included, with its last probe's details.
    public func loadIntegrations() async throws -> [String: PersistedIntegration] {
        try await database.read { session in
            var result: [String: PersistedIntegration] = [:]
            try session.forEach("SELECT * FROM integration", []) { row in
                let item = PersistedIntegration(row: row)
                result[item.id] = item
            }
            // The newest probe of each integration: its sequence number continues the ring.
            try session.forEach("""
                SELECT p.* FROM probe p
                JOIN (SELECT integration_id, MAX(seq) AS seq FROM probe GROUP BY integration_id) newest
                  ON p.integration_id = newest.integration_id AND p.seq = newest.seq
                """, []) { row in
                let probe = ProbeRecord(row: row)
                guard var item = result[probe.integrationID] else { return }
                if probe.seq >= item.probeSeq {
                    item.probeSeq = probe.seq
                    item.lastProbeAt = probe.at
                    item.latencyMs = probe.latencyMs
                    item.httpStatus = probe.httpStatus
                    item.dataTimestamp = probe.dataTimestamp ?? item.dataTimestamp
                }
                result[probe.integrationID] = item
            }
            return result
        }
    }

    /// The most recent probes of one integration, newest first.
    public func recentProbes(of id: String, limit: Int = probesKept) async throws -> [ProbeRecord] {
        try await database.read { session in
            try session.rows("SELECT * FROM probe WHERE integration_id = ? ORDER BY seq DESC LIMIT ?", [.text(id), .int(Int64(limit))], ProbeRecord.init(row:))
        }
    }

    /// The most recent transitions of one integration, newest first.
    public func recentTransitions(of id: String, limit: Int = 50) async throws -> [TransitionRecord] {
        try await database.read { session in
            try session.rows(
                "SELECT * FROM transition WHERE integration_id = ? ORDER BY at_ms DESC, id DESC LIMIT ?", [.text(id), .int(Int64(limit))],
                TransitionRecord.init(row:)
            )
        }
    }

    /// Transitions of every integration in `[from, to)`, oldest first.
    public func transitions(from: Date, to: Date) async throws -> [TransitionRecord] {
        try await database.read { session in
            try session.rows(
                "SELECT * FROM transition WHERE at_ms >= ? AND at_ms < ? ORDER BY at_ms, id", [.int(from.unixMilliseconds), .int(to.unixMilliseconds)],
                TransitionRecord.init(row:)
            )
        }
    }
}

extension PersistedIntegration {
    init(row: any SQLRow) {
        let state = IntegrationState(rawValue: row.string("state")) ?? .unknown
        self.init(
            id: row.string("id"),
            state: state,
            reason: .text(row.string("reason")),
            since: row.date("since_ms"),
            lastProbeAt: row.date("last_probe_ms"),
            dataTimestamp: row.date("data_ts_ms"),
            latencyMs: row.int("latency_ms").map { Int(clamping: $0) },
            httpStatus: row.int("http_status").map { Int(clamping: $0) },
            failStreak: row.integer("fail_streak"),
            okStreak: row.integer("ok_streak"),
            probeSeq: row.int("probe_seq") ?? 0,
            effectiveState: IntegrationState(rawValue: row.string("effective_state")) ?? state,
            effectiveSince: row.date("effective_since_ms")
        )
        firstSeen = row.date("first_seen_ms")
    }
}

extension ProbeRecord {
    init(row: any SQLRow) {
        let level = row.string("level")
        self.init(
            integrationID: row.string("integration_id"),
            seq: row.int("seq") ?? 0,
            at: row.date("at_ms") ?? Date(timeIntervalSince1970: 0),
            level: VerdictLevel.allCases.first { $0.description == level } ?? .fail,
            httpStatus: row.int("http_status").map { Int(clamping: $0) },
            latencyMs: row.int("latency_ms").map { Int(clamping: $0) },
            reason: .text(row.string("reason")),
            errorKind: row.text("error_kind"),
            dataTimestamp: row.date("data_ts_ms")
        )
    }
}

extension TransitionRecord {
    init(row: any SQLRow) {
        self.init(
            integrationID: row.string("integration_id"),
            at: row.date("at_ms") ?? Date(timeIntervalSince1970: 0),
            from: IntegrationState(rawValue: row.string("from_state")) ?? .unknown,
            to: IntegrationState(rawValue: row.string("to_state")) ?? .unknown,
            reason: .text(row.string("reason"))
        )
    }
}

/// Why the state database cannot be used; the file is left as it is.
public enum StoreOpenError: Error, CustomStringConvertible {
    case notSQLite(String)
    case foreign(String, tables: [String])
    case newer(String)
    case unreadable(String, String)

    public var description: String {
        switch self {
        case .notSQLite(let path):
            "\(path) is not a SQLite database (corrupt, or another file); Baton left it untouched: move it away to start afresh"
        case .foreign(let path, let tables):
            "\(path) is a SQLite database of another program (tables: \(tables.prefix(5).joined(separator: ", "))); Baton left it untouched"
        case .newer(let path):
            "\(path) was written by a newer Baton (its schema has migrations this one does not know); Baton left it untouched"
        case .unreadable(let path, let message):
            "\(path) cannot be read as a database: \(message); Baton left it untouched"
        }
    }
}
