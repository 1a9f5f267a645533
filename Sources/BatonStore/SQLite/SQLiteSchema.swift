import GRDB

/// The SQLite schema, one GRDB migration per released change (see ``PostgresSchema`` for the same in PostgreSQL).
enum SQLiteSchema {
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
        migrator.registerMigration("v2: incidents, timelines, notices, silences") { db in
            try db.execute(sql: """
                CREATE TABLE incident (
                    id INTEGER PRIMARY KEY,
                    integration_id TEXT NOT NULL,
                    policy_id TEXT,
                    status TEXT NOT NULL,
                    opened_ms INTEGER NOT NULL,
                    opening_state TEXT NOT NULL,
                    opening_reason TEXT NOT NULL,
                    state TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    steps_fired INTEGER NOT NULL,
                    repeats_fired INTEGER NOT NULL,
                    acknowledged_by TEXT,
                    acknowledged_ms INTEGER,
                    acknowledgement_note TEXT,
                    resolved_ms INTEGER,
                    recovering_ms INTEGER,
                    reopen_count INTEGER NOT NULL,
                    notified_channels TEXT NOT NULL,
                    silenced_by TEXT,
                    event_count INTEGER NOT NULL
                );
                CREATE INDEX incident_by_integration ON incident(integration_id, opened_ms);
                CREATE INDEX incident_by_status ON incident(status, resolved_ms);
                CREATE TABLE incident_event (
                    incident_id INTEGER NOT NULL,
                    sequence INTEGER NOT NULL,
                    at_ms INTEGER NOT NULL,
                    kind TEXT NOT NULL,
                    step INTEGER,
                    actor TEXT,
                    text TEXT NOT NULL,
                    PRIMARY KEY (incident_id, sequence)
                ) WITHOUT ROWID;
                -- Every notice, stored with the event that caused it; delivery works from here.
                CREATE TABLE notice (
                    id INTEGER PRIMARY KEY,
                    key TEXT NOT NULL UNIQUE,
                    kind TEXT NOT NULL,
                    channel_id TEXT NOT NULL,
                    incident_id INTEGER,
                    created_ms INTEGER NOT NULL,
                    stored_ms INTEGER NOT NULL,
                    content TEXT NOT NULL,
                    status TEXT NOT NULL DEFAULT 'pending',
                    attempts INTEGER NOT NULL DEFAULT 0,
                    next_attempt_ms INTEGER,
                    last_error TEXT,
                    delivered_ms INTEGER
                );
                CREATE INDEX notice_by_status ON notice(status, next_attempt_ms);
                CREATE INDEX notice_by_incident ON notice(incident_id, id);
                -- Channels whose receiver answered 410 Gone: no notice goes there until its URL changes.
                CREATE TABLE channel_state (
                    channel_id TEXT PRIMARY KEY NOT NULL,
                    url_fingerprint TEXT NOT NULL,
                    disabled_ms INTEGER NOT NULL,
                    reason TEXT NOT NULL
                );
                CREATE TABLE silence (
                    id INTEGER PRIMARY KEY,
                    integrations TEXT NOT NULL,
                    tags TEXT NOT NULL,
                    owners TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    created_by TEXT NOT NULL,
                    created_ms INTEGER NOT NULL,
                    ends_ms INTEGER NOT NULL,
                    removed_ms INTEGER
                );
                """)
        }
        migrator.registerMigration("v3: daemon runs") { db in
            try db.execute(sql: """
                -- When the daemon ran: gaps between runs are unknown time in SLA figures.
                CREATE TABLE daemon_run (
                    id INTEGER PRIMARY KEY,
                    started_ms INTEGER NOT NULL,
                    alive_ms INTEGER NOT NULL
                );
                """)
        }
        migrator.registerMigration("v4: id high-water marks") { db in
            try db.execute(sql: """
                -- The highest incident and silence ids ever stored: pruning old rows must not let an id,
                -- and so a notice's webhook-id, be used twice.
                CREATE TABLE id_counter (
                    name TEXT PRIMARY KEY NOT NULL,
                    last INTEGER NOT NULL
                ) WITHOUT ROWID;
                INSERT INTO id_counter (name, last) VALUES
                    ('incident', COALESCE((SELECT MAX(id) FROM incident), 0)),
                    ('silence', COALESCE((SELECT MAX(id) FROM silence), 0));
                """)
        }
        migrator.registerMigration("v5: grouped notices") { db in
            try db.execute(sql: """
                -- Notices sent together as one message: a group keeps its members and its "and N more"
                -- so a retry, or a new leader, sends the very same message under the same webhook-id.
                ALTER TABLE notice ADD COLUMN group_key TEXT;
                CREATE TABLE notice_group (
                    key TEXT PRIMARY KEY NOT NULL,
                    channel_id TEXT NOT NULL,
                    more INTEGER NOT NULL,
                    created_ms INTEGER NOT NULL
                );
                """)
        }
        return migrator
    }
}
