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
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.label = "baton"
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            // WAL + NORMAL: a committed transaction survives a crash of the process; only power loss can undo the last ones.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        self.path = path
        pool = try DatabasePool(path: path, configuration: configuration)
        try Schema.migrator.migrate(pool)
    }

    // MARK: Writing

    /// Stores a batch in one transaction.
    public func write(_ batch: StateBatch, now: Date = Date()) async throws {
        guard !batch.isEmpty else { return }
        try await pool.write { db in try Self.apply(batch, now: now, in: db) }
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
                item.id, item.state.rawValue, item.effectiveState.rawValue, item.effectiveSince?.unixMilliseconds, item.reason.compact,
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
                record.level.description, record.httpStatus, record.latencyMs, record.reason.compact, record.errorKind,
                record.dataTimestamp?.unixMilliseconds,
            ])
        }
        let transition = try db.cachedStatement(sql: """
            INSERT INTO transition (integration_id, at_ms, from_state, to_state, reason) VALUES (?, ?, ?, ?, ?)
            """)
        for record in batch.transitions {
            try transition.execute(arguments: [
                record.integrationID, record.at.unixMilliseconds, record.from.rawValue, record.to.rawValue, record.reason.compact,
            ])
        }
        try applyIncidents(batch, now: now, in: db)
    }

    /// Marks integrations no longer in the config; their history stays.
    public func markRemoved(keeping configured: Set<String>, at time: Date) async throws {
        try await pool.write { db in
            let ids = try String.fetchAll(db, sql: "SELECT id FROM integration WHERE removed_ms IS NULL")
            let statement = try db.cachedStatement(sql: "UPDATE integration SET removed_ms = ? WHERE id = ?")
            for id in ids where !configured.contains(id) {
                try statement.execute(arguments: [time.unixMilliseconds, id])
            }
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
            reason: .text(row["reason"]),
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
            reason: .text(row["reason"]),
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
            reason: .text(row["reason"])
        )
    }
}
