import BatonCore
import Foundation
import GRDB

/// Baton's SQLite database: integration states, their transitions and recent probes.
///
/// Writes arrive in batches (``StateBatch``), one transaction each, so thousands of probe
/// results per second cost a few milliseconds; reads serve the control API.
public final class StateStore: Sendable {
    /// Probe results kept per integration.
    public static let probesKept = 50

    let pool: DatabasePool
    /// Path of the database file.
    public let path: String

    /// Opens (creating if needed) `baton.db` in `directory` and brings its schema up to date.
    public convenience init(directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
        try self.init(path: (directory as NSString).appendingPathComponent("baton.db"))
    }

    /// Opens (creating if needed) the database at `path`.
    ///
    /// A file that is not a SQLite database, a SQLite database of another program, or one made by
    /// a newer Baton is refused with ``StoreOpenError`` before anything is written to it.
    /// - Parameter busyTimeout: how long a write waits for a lock another process holds before it fails.
    public init(path: String, busyTimeout: TimeInterval = 5) throws {
        try Self.inspect(path)
        var configuration = Configuration()
        configuration.label = "baton"
        configuration.busyMode = .timeout(busyTimeout)
        configuration.prepareDatabase { db in
            // WAL + NORMAL: a committed transaction survives a crash of the process; only power loss can undo the last ones.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        self.path = path
        pool = try DatabasePool(path: path, configuration: configuration)
        try Schema.migrator.migrate(pool)
    }

    /// Refuses a file that Baton must not touch; reads only.
    static func inspect(_ path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { return }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        guard !header.isEmpty else { return }
        guard header == Data("SQLite format 3\u{0}".utf8) else { throw StoreOpenError.notSQLite(path) }
        var configuration = Configuration()
        configuration.readonly = true
        let tables: [String]
        let superseded: Bool
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            (tables, superseded) = try queue.read { db in
                let names = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
                let newer = names.contains("grdb_migrations") ? try Schema.migrator.hasBeenSuperseded(db) : false
                return (names, newer)
            }
            try queue.close()
        } catch let error as DatabaseError {
            throw StoreOpenError.unreadable(path, error.message ?? "\(error.resultCode)")
        }
        if tables.isEmpty { return }
        guard tables.contains("grdb_migrations"), tables.contains("integration") else {
            throw StoreOpenError.foreign(path, tables: tables)
        }
        if superseded { throw StoreOpenError.newer(path) }
    }

    // MARK: Writing

    /// Stores a batch in one transaction.
    public func write(_ batch: StateBatch, now: Date = Date()) async throws {
        try await write([batch], now: now)
    }

    /// Stores batches in one transaction, each applied in turn: all of them or none.
    public func write(_ batches: [StateBatch], now: Date = Date()) async throws {
        guard batches.contains(where: { !$0.isEmpty }) else { return }
        try await pool.write { db in
            for batch in batches where !batch.isEmpty { try Self.apply(batch, now: now, in: db) }
        }
    }

    static func apply(_ batch: StateBatch, now: Date, in db: Database) throws {
        let upsert = try db.cachedStatement(sql: """
            INSERT INTO integration (id, state, effective_state, effective_since_ms, reason, since_ms, last_probe_ms, data_ts_ms,
                                     latency_ms, http_status, fail_streak, ok_streak, probe_seq, first_seen_ms, removed_ms)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)
            ON CONFLICT(id) DO UPDATE SET
                state = excluded.state, effective_state = excluded.effective_state,
                effective_since_ms = excluded.effective_since_ms, reason = excluded.reason,
                since_ms = excluded.since_ms, last_probe_ms = excluded.last_probe_ms, data_ts_ms = excluded.data_ts_ms,
                latency_ms = excluded.latency_ms, http_status = excluded.http_status, fail_streak = excluded.fail_streak,
                ok_streak = excluded.ok_streak, probe_seq = excluded.probe_seq, removed_ms = NULL
            """)
        for item in batch.integrations.values {
            try upsert.execute(arguments: [
                item.id, item.state.rawValue, item.effectiveState.rawValue, item.effectiveSince?.unixMilliseconds, item.reason,
                item.since?.unixMilliseconds, item.lastProbeAt?.unixMilliseconds, item.dataTimestamp?.unixMilliseconds,
                item.latencyMs, item.httpStatus, item.failStreak, item.okStreak, item.probeSeq, now.unixMilliseconds,
            ])
        }
        let probe = try db.cachedStatement(sql: """
            INSERT INTO probe (integration_id, slot, seq, at_ms, level, http_status, latency_ms, reason, error_kind, data_ts_ms)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (integration_id, slot) DO UPDATE SET
                seq = excluded.seq, at_ms = excluded.at_ms, level = excluded.level, http_status = excluded.http_status,
                latency_ms = excluded.latency_ms, reason = excluded.reason, error_kind = excluded.error_kind,
                data_ts_ms = excluded.data_ts_ms
            """)
        for record in batch.probes {
            try probe.execute(arguments: [
                record.integrationID, record.seq % Int64(probesKept), record.seq, record.at.unixMilliseconds,
                record.level.description, record.httpStatus, record.latencyMs, record.reason, record.errorKind,
                record.dataTimestamp?.unixMilliseconds,
            ])
        }
        let transition = try db.cachedStatement(sql: """
            INSERT INTO transition (integration_id, at_ms, from_state, to_state, reason) VALUES (?, ?, ?, ?, ?)
            """)
        for record in batch.transitions {
            try transition.execute(arguments: [
                record.integrationID, record.at.unixMilliseconds, record.from.rawValue, record.to.rawValue, record.reason,
            ])
        }
        try applyIncidents(batch, now: now, in: db)
        try applyDeliveries(batch.deliveries, in: db)
        if let removal = batch.removal { try applyRemoval(removal, in: db) }
        if let alive = batch.runAlive {
            try db.execute(sql: "UPDATE daemon_run SET alive_ms = MAX(alive_ms, ?) WHERE id = ?", arguments: [alive.at.unixMilliseconds, alive.run])
        }
    }

    /// Marks integrations no longer in the config; their history stays.
    static func applyRemoval(_ removal: RemovalMark, in db: Database) throws {
        let ids = try String.fetchAll(db, sql: "SELECT id FROM integration WHERE removed_ms IS NULL")
        let statement = try db.cachedStatement(sql: "UPDATE integration SET removed_ms = ? WHERE id = ?")
        for id in ids where !removal.keeping.contains(id) {
            try statement.execute(arguments: [removal.at.unixMilliseconds, id])
        }
    }

    /// Deletes history older than `cutoff` (`daemon.retention`): transitions, resolved incidents with
    /// their timelines and notices, ended silences. Open incidents and undelivered notices stay.
    /// Returns how many transitions went.
    @discardableResult
    public func prune(before cutoff: Date) async throws -> Int {
        try await pool.write { db in
            let at = cutoff.unixMilliseconds
            try db.execute(sql: "DELETE FROM transition WHERE at_ms < ?", arguments: [at])
            let transitions = db.changesCount
            try db.execute(sql: """
                DELETE FROM incident_event WHERE incident_id IN (SELECT id FROM incident WHERE status = 'resolved' AND resolved_ms < ?);
                DELETE FROM notice WHERE status != 'pending' AND created_ms < ?
                    AND (incident_id IS NULL OR incident_id IN (SELECT id FROM incident WHERE status = 'resolved' AND resolved_ms < ?));
                DELETE FROM incident WHERE status = 'resolved' AND resolved_ms < ?;
                DELETE FROM silence WHERE ends_ms < ?;
                """, arguments: [at, at, at, at, at])
            return transitions
        }
    }

    /// Moves the write-ahead log into the database file, so its size is the database's.
    public func checkpoint() async throws {
        try await pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
    }

    /// Rows per table, for benchmarks and diagnostics.
    public func rowCounts() async throws -> [String: Int] {
        try await pool.read { db in
            var counts: [String: Int] = [:]
            for table in ["integration", "probe", "transition", "incident", "incident_event", "notice", "silence"] {
                counts[table] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0
            }
            return counts
        }
    }

    // MARK: Reading

    /// Every integration the database knows, removed ones included, with its last probe's details.
    public func loadIntegrations() async throws -> [String: PersistedIntegration] {
        try await pool.read { db in
            var result: [String: PersistedIntegration] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT * FROM integration") {
                let item = PersistedIntegration(row: row)
                result[item.id] = item
            }
            // The newest probe of each integration: its sequence number continues the ring.
            let latest = try Row.fetchAll(db, sql: """
                SELECT p.* FROM probe p
                JOIN (SELECT integration_id, MAX(seq) AS seq FROM probe GROUP BY integration_id) newest
                  ON p.integration_id = newest.integration_id AND p.seq = newest.seq
                """)
            for row in latest {
                let probe = ProbeRecord(row: row)
                guard var item = result[probe.integrationID] else { continue }
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
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM probe WHERE integration_id = ? ORDER BY seq DESC LIMIT ?", arguments: [id, limit])
                .map(ProbeRecord.init(row:))
        }
    }

    /// The most recent transitions of one integration, newest first.
    public func recentTransitions(of id: String, limit: Int = 50) async throws -> [TransitionRecord] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM transition WHERE integration_id = ? ORDER BY at_ms DESC, id DESC LIMIT ?", arguments: [id, limit]
            ).map(TransitionRecord.init(row:))
        }
    }

    /// Transitions of every integration in `[from, to)`, oldest first.
    public func transitions(from: Date, to: Date) async throws -> [TransitionRecord] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM transition WHERE at_ms >= ? AND at_ms < ? ORDER BY at_ms, id",
                arguments: [from.unixMilliseconds, to.unixMilliseconds]
            ).map(TransitionRecord.init(row:))
        }
    }
}

extension PersistedIntegration {
    init(row: Row) {
        let id: String = row["id"]
        let state = IntegrationState(rawValue: row["state"]) ?? .unknown
        self.init(
            id: id,
            state: state,
            reason: row["reason"],
            since: (row["since_ms"] as Int64?).map(Date.init(unixMilliseconds:)),
            lastProbeAt: (row["last_probe_ms"] as Int64?).map(Date.init(unixMilliseconds:)),
            dataTimestamp: (row["data_ts_ms"] as Int64?).map(Date.init(unixMilliseconds:)),
            latencyMs: row["latency_ms"],
            httpStatus: row["http_status"],
            failStreak: row["fail_streak"],
            okStreak: row["ok_streak"],
            probeSeq: row["probe_seq"],
            effectiveState: IntegrationState(rawValue: row["effective_state"]) ?? state,
            effectiveSince: (row["effective_since_ms"] as Int64?).map(Date.init(unixMilliseconds:))
        )
        firstSeen = (row["first_seen_ms"] as Int64?).map(Date.init(unixMilliseconds:))
    }
}

extension ProbeRecord {
    init(row: Row) {
        let level: String = row["level"]
        self.init(
            integrationID: row["integration_id"],
            seq: row["seq"],
            at: Date(unixMilliseconds: row["at_ms"]),
            level: VerdictLevel.allCases.first { $0.description == level } ?? .fail,
            httpStatus: row["http_status"],
            latencyMs: row["latency_ms"],
            reason: row["reason"],
            errorKind: row["error_kind"],
            dataTimestamp: (row["data_ts_ms"] as Int64?).map(Date.init(unixMilliseconds:))
        )
    }
}

extension TransitionRecord {
    init(row: Row) {
        self.init(
            integrationID: row["integration_id"],
            at: Date(unixMilliseconds: row["at_ms"]),
            from: IntegrationState(rawValue: row["from_state"]) ?? .unknown,
            to: IntegrationState(rawValue: row["to_state"]) ?? .unknown,
            reason: row["reason"]
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
