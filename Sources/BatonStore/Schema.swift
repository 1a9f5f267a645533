import GRDB

/// The database schema, one migration per released change.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: integrations, probes, transitions") { db in
            try db.execute(sql: """
                CREATE TABLE integration (
                    id TEXT PRIMARY KEY NOT NULL,
                    state TEXT NOT NULL,
                    effective_state TEXT NOT NULL,
                    effective_since_ms INTEGER,
                    reason TEXT NOT NULL,
                    since_ms INTEGER,
                    last_probe_ms INTEGER,
                    data_ts_ms INTEGER,
                    latency_ms INTEGER,
                    http_status INTEGER,
                    fail_streak INTEGER NOT NULL DEFAULT 0,
                    ok_streak INTEGER NOT NULL DEFAULT 0,
                    probe_seq INTEGER NOT NULL DEFAULT 0,
                    first_seen_ms INTEGER NOT NULL,
                    removed_ms INTEGER
                );
                -- The last \(StateStore.probesKept) probes per integration, as a ring: slot = seq % \(StateStore.probesKept).
                CREATE TABLE probe (
                    integration_id TEXT NOT NULL,
                    slot INTEGER NOT NULL,
                    seq INTEGER NOT NULL,
                    at_ms INTEGER NOT NULL,
                    level TEXT NOT NULL,
                    http_status INTEGER,
                    latency_ms INTEGER,
                    reason TEXT NOT NULL,
                    error_kind TEXT,
                    data_ts_ms INTEGER,
                    PRIMARY KEY (integration_id, slot)
                ) WITHOUT ROWID;
                CREATE TABLE transition (
                    id INTEGER PRIMARY KEY,
                    integration_id TEXT NOT NULL,
                    at_ms INTEGER NOT NULL,
                    from_state TEXT NOT NULL,
                    to_state TEXT NOT NULL,
                    reason TEXT NOT NULL
                );
                CREATE INDEX transition_by_integration ON transition(integration_id, at_ms);
                CREATE INDEX transition_by_time ON transition(at_ms);
                """)
        }
        return migrator
    }
}
