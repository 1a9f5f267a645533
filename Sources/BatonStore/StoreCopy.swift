import Foundation

/// Moving state from one store to another: `batond --migrate-to-postgres`.
extension StateStore {
    /// Every table and its columns, in an order that keeps references valid.
    static let copiedTables: [(name: String, columns: [String], key: String)] = [
        ("integration", ["id", "state", "effective_state", "effective_since_ms", "reason", "since_ms", "last_probe_ms", "data_ts_ms",
                         "latency_ms", "http_status", "fail_streak", "ok_streak", "probe_seq", "first_seen_ms", "removed_ms"], "id"),
        ("probe", ["integration_id", "slot", "seq", "at_ms", "level", "http_status", "latency_ms", "reason", "error_kind", "data_ts_ms"],
         "integration_id, slot"),
        ("transition", ["id", "integration_id", "at_ms", "from_state", "to_state", "reason"], "id"),
        ("incident", ["id", "integration_id", "policy_id", "status", "opened_ms", "opening_state", "opening_reason", "state", "reason",
                      "steps_fired", "repeats_fired", "acknowledged_by", "acknowledged_ms", "acknowledgement_note", "resolved_ms",
                      "recovering_ms", "reopen_count", "notified_channels", "silenced_by", "event_count"], "id"),
        ("incident_event", ["incident_id", "sequence", "at_ms", "kind", "step", "actor", "text"], "incident_id, sequence"),
        ("notice_group", ["key", "channel_id", "more", "created_ms"], "key"),
        ("notice", ["id", "key", "kind", "channel_id", "incident_id", "created_ms", "stored_ms", "content", "status", "attempts",
                    "next_attempt_ms", "last_error", "delivered_ms", "group_key"], "id"),
        ("channel_state", ["channel_id", "url_fingerprint", "disabled_ms", "reason"], "channel_id"),
        ("silence", ["id", "integrations", "tags", "owners", "reason", "created_by", "created_ms", "ends_ms", "removed_ms"], "id"),
        ("daemon_run", ["id", "started_ms", "alive_ms"], "id"),
    ]

    /// Why a copy was refused.
    public struct CopyRefused: Error, CustomStringConvertible {
        public var description: String
    }

    /// Copies everything this store holds into `target`, which must hold no Baton state yet; in one
    /// transaction of the target, so a failed copy leaves it empty. Returns rows copied per table.
    public func copy(into target: StateStore) async throws -> [(table: String, rows: Int)] {
        let existing = try await target.database.read { session in try session.integer("SELECT COUNT(*) FROM integration") ?? 0 }
        guard existing == 0 else {
            throw CopyRefused(description: "\(target.path) already holds Baton state (\(existing) integrations); nothing was copied")
        }
        var tables: [(name: String, columns: [String], key: String, rows: [[SQLValue]])] = []
        for table in Self.copiedTables {
            let rows = try await database.read { session in
                try session.rows("SELECT \(table.columns.joined(separator: ", ")) FROM \(table.name)") { row in
                    (0..<table.columns.count).map { row.value($0) }
                }
            }
            tables.append((table.name, table.columns, table.key, rows))
        }
        let highest = try await database.read { session in
            try session.rows("SELECT name, last FROM id_counter") { ($0.text(0) ?? "", $0.int(1) ?? 0) }
        }
        let snapshot = tables
        try await target.database.write { session in
            for table in snapshot {
                try RowInserter(
                    into: "\(table.name) (\(table.columns.joined(separator: ", ")))", columns: table.columns.count,
                    conflict: "ON CONFLICT (\(table.key)) DO NOTHING"
                ).insert(table.rows, in: session)
            }
            for (name, last) in highest {
                try session.execute("UPDATE id_counter SET last = \(session.dialect.greatest("last", "?")) WHERE name = ?", [.int(last), .text(name)])
            }
            if session.dialect == .postgres {
                // Ids given explicitly: the sequences continue after the highest copied.
                for table in ["transition", "notice", "daemon_run"] {
                    try session.execute("SELECT setval(pg_get_serial_sequence('\(table)', 'id'), GREATEST((SELECT COALESCE(MAX(id), 0) FROM \(table)), 1))")
                }
            }
        }
        return tables.map { ($0.name, $0.rows.count) }
    }
}
