import Foundation

/// The PostgreSQL schema: the same tables as ``SQLiteSchema`` plus the leader lease and the requests
/// standbys pass to the leader, one versioned migration per released change.
///
/// Migrations run at start in one transaction under an advisory lock, so two nodes starting
/// together apply each migration once; a database with a migration this Baton does not know was
/// written by a newer one and is refused.
enum PostgresSchema {
    /// `pg_advisory_xact_lock` key: "BATON" in ASCII.
    static let migrationLock: Int64 = 0x42_41_54_4F_4E

    static let migrations: [(id: String, sql: String)] = [
        ("v1: integrations, probes, transitions", """
            CREATE TABLE integration (
                id TEXT PRIMARY KEY,
                state TEXT NOT NULL,
                effective_state TEXT NOT NULL,
                effective_since_ms BIGINT,
                reason TEXT NOT NULL,
                since_ms BIGINT,
                last_probe_ms BIGINT,
                data_ts_ms BIGINT,
                latency_ms BIGINT,
                http_status BIGINT,
                fail_streak BIGINT NOT NULL DEFAULT 0,
                ok_streak BIGINT NOT NULL DEFAULT 0,
                probe_seq BIGINT NOT NULL DEFAULT 0,
                first_seen_ms BIGINT NOT NULL,
                removed_ms BIGINT
            );
            CREATE TABLE probe (
                integration_id TEXT NOT NULL,
                slot BIGINT NOT NULL,
                seq BIGINT NOT NULL,
                at_ms BIGINT NOT NULL,
                level TEXT NOT NULL,
                http_status BIGINT,
                latency_ms BIGINT,
                reason TEXT NOT NULL,
                error_kind TEXT,
                data_ts_ms BIGINT,
                PRIMARY KEY (integration_id, slot)
            );
            CREATE TABLE transition (
                id BIGSERIAL PRIMARY KEY,
                integration_id TEXT NOT NULL,
                at_ms BIGINT NOT NULL,
                from_state TEXT NOT NULL,
                to_state TEXT NOT NULL,
                reason TEXT NOT NULL
            );
            CREATE INDEX transition_by_integration ON transition(integration_id, at_ms);
            CREATE INDEX transition_by_time ON transition(at_ms);
            """),
        ("v2: incidents, timelines, notices, silences", """
            CREATE TABLE incident (
                id BIGINT PRIMARY KEY,
                integration_id TEXT NOT NULL,
                policy_id TEXT,
                status TEXT NOT NULL,
                opened_ms BIGINT NOT NULL,
                opening_state TEXT NOT NULL,
                opening_reason TEXT NOT NULL,
                state TEXT NOT NULL,
                reason TEXT NOT NULL,
                steps_fired BIGINT NOT NULL,
                repeats_fired BIGINT NOT NULL,
                acknowledged_by TEXT,
                acknowledged_ms BIGINT,
                acknowledgement_note TEXT,
                resolved_ms BIGINT,
                recovering_ms BIGINT,
                reopen_count BIGINT NOT NULL,
                notified_channels TEXT NOT NULL,
                silenced_by TEXT,
                event_count BIGINT NOT NULL
            );
            CREATE INDEX incident_by_integration ON incident(integration_id, opened_ms);
            CREATE INDEX incident_by_status ON incident(status, resolved_ms);
            CREATE TABLE incident_event (
                incident_id BIGINT NOT NULL,
                sequence BIGINT NOT NULL,
                at_ms BIGINT NOT NULL,
                kind TEXT NOT NULL,
                step BIGINT,
                actor TEXT,
                text TEXT NOT NULL,
                PRIMARY KEY (incident_id, sequence)
            );
            CREATE TABLE notice (
                id BIGSERIAL PRIMARY KEY,
                key TEXT NOT NULL UNIQUE,
                kind TEXT NOT NULL,
                channel_id TEXT NOT NULL,
                incident_id BIGINT,
                created_ms BIGINT NOT NULL,
                stored_ms BIGINT NOT NULL,
                content TEXT NOT NULL,
                status TEXT NOT NULL DEFAULT 'pending',
                attempts BIGINT NOT NULL DEFAULT 0,
                next_attempt_ms BIGINT,
                last_error TEXT,
                delivered_ms BIGINT
            );
            CREATE INDEX notice_by_status ON notice(status, next_attempt_ms);
            CREATE INDEX notice_by_incident ON notice(incident_id, id);
            CREATE TABLE channel_state (
                channel_id TEXT PRIMARY KEY,
                url_fingerprint TEXT NOT NULL,
                disabled_ms BIGINT NOT NULL,
                reason TEXT NOT NULL
            );
            CREATE TABLE silence (
                id BIGINT PRIMARY KEY,
                integrations TEXT NOT NULL,
                tags TEXT NOT NULL,
                owners TEXT NOT NULL,
                reason TEXT NOT NULL,
                created_by TEXT NOT NULL,
                created_ms BIGINT NOT NULL,
                ends_ms BIGINT NOT NULL,
                removed_ms BIGINT
            );
            """),
        ("v3: daemon runs", """
            CREATE TABLE daemon_run (
                id BIGSERIAL PRIMARY KEY,
                started_ms BIGINT NOT NULL,
                alive_ms BIGINT NOT NULL
            );
            """),
        ("v4: id high-water marks", """
            CREATE TABLE id_counter (
                name TEXT PRIMARY KEY,
                last BIGINT NOT NULL
            );
            INSERT INTO id_counter (name, last) VALUES
                ('incident', COALESCE((SELECT MAX(id) FROM incident), 0)),
                ('silence', COALESCE((SELECT MAX(id) FROM silence), 0));
            """),
        ("v5: leader lease and requests to the leader", """
            -- Exactly one row: who leads, since when, until when (database time), and the epoch every
            -- write of the leader is fenced with.
            CREATE TABLE baton_lease (
                id BIGINT PRIMARY KEY CHECK (id = 1),
                holder TEXT NOT NULL,
                epoch BIGINT NOT NULL,
                acquired_at TIMESTAMPTZ NOT NULL,
                expires_at TIMESTAMPTZ NOT NULL
            );
            INSERT INTO baton_lease (id, holder, epoch, acquired_at, expires_at) VALUES (1, '', 0, now(), now());
            -- Acknowledgements and silences made through a standby, applied by the leader.
            CREATE TABLE baton_request (
                id BIGSERIAL PRIMARY KEY,
                kind TEXT NOT NULL,
                body TEXT NOT NULL,
                actor TEXT NOT NULL,
                node TEXT NOT NULL,
                created_ms BIGINT NOT NULL,
                done_ms BIGINT,
                outcome TEXT
            );
            CREATE INDEX baton_request_open ON baton_request(done_ms, id);
            """),
        ("v6: grouped notices", """
            ALTER TABLE notice ADD COLUMN group_key TEXT;
            CREATE TABLE notice_group (
                key TEXT PRIMARY KEY,
                channel_id TEXT NOT NULL,
                more BIGINT NOT NULL,
                created_ms BIGINT NOT NULL
            );
            """),
    ]
}

extension PostgresDatabase {
    /// Brings the schema up to date, under the migration lock.
    func migrate() async throws {
        let location = location
        try await writeUnfenced { session in
            try session.execute("SELECT pg_advisory_xact_lock(?)", [.int(PostgresSchema.migrationLock)])
            try session.execute("CREATE TABLE IF NOT EXISTS baton_migrations (id TEXT PRIMARY KEY, applied_ms BIGINT NOT NULL)")
            let applied = Set(try session.rows("SELECT id FROM baton_migrations") { $0.text(0) ?? "" })
            guard applied.isSubset(of: PostgresSchema.migrations.map(\.id)) else { throw StoreOpenError.newer(location) }
            for migration in PostgresSchema.migrations where !applied.contains(migration.id) {
                // One statement per query: the extended protocol takes no more.
                for statement in migration.sql.components(separatedBy: ";\n") {
                    let text = statement.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("--") }
                        .joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: ";")))
                    if !text.isEmpty { try session.execute(text) }
                }
                try session.execute("INSERT INTO baton_migrations (id, applied_ms) VALUES (?, ?)", [.text(migration.id), .int(Date().unixMilliseconds)])
            }
        }
    }
}
