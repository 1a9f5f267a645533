import BatonCore
import Foundation
import GRDB

/// A stored notice with its delivery state.
public struct StoredNotice: Sendable, Equatable {
    public enum Status: String, Sendable {
        case pending, delivered, dead
    }

    public var id: Int64
    public var notice: Notice
    public var status: Status
    public var attempts: Int
    public var lastError: String?
    public var deliveredAt: Date?
    public var nextAttemptAt: Date?
}

/// An incident with its timeline and notices, as the API shows it.
public struct IncidentRecord: Sendable, Equatable {
    public var incident: Incident
    public var events: [IncidentEvent]
    public var notices: [StoredNotice]
}

extension StateStore {
    static func applyIncidents(_ batch: StateBatch, now: Date, in db: Database) throws {
        let incident = try db.cachedStatement(sql: """
            INSERT INTO incident (id, integration_id, policy_id, status, opened_ms, opening_state, opening_reason, state, reason,
                                  steps_fired, repeats_fired, acknowledged_by, acknowledged_ms, acknowledgement_note, resolved_ms,
                                  recovering_ms, reopen_count, notified_channels, silenced_by, event_count)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET
                policy_id = excluded.policy_id, status = excluded.status, state = excluded.state, reason = excluded.reason,
                steps_fired = excluded.steps_fired, repeats_fired = excluded.repeats_fired,
                acknowledged_by = excluded.acknowledged_by, acknowledged_ms = excluded.acknowledged_ms,
                acknowledgement_note = excluded.acknowledgement_note, resolved_ms = excluded.resolved_ms,
                recovering_ms = excluded.recovering_ms, reopen_count = excluded.reopen_count,
                notified_channels = excluded.notified_channels, silenced_by = excluded.silenced_by, event_count = excluded.event_count
            """)
        for item in batch.incidents.values.sorted(by: { $0.id < $1.id }) {
            try incident.execute(arguments: [
                item.id, item.integrationID, item.policyID, item.status.rawValue, item.openedAt.unixMilliseconds,
                item.openingState.rawValue, item.openingReason.compact, item.state.rawValue, item.reason.compact, item.stepsFired,
                item.repeatsFired, item.acknowledgedBy, item.acknowledgedAt?.unixMilliseconds, item.acknowledgementNote,
                item.resolvedAt?.unixMilliseconds, item.recoveringSince?.unixMilliseconds, item.reopenCount,
                JSONList.encode(item.notifiedChannels), item.silencedBy, item.eventCount,
            ])
        }
        let event = try db.cachedStatement(sql: """
            INSERT OR REPLACE INTO incident_event (incident_id, sequence, at_ms, kind, step, actor, text) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        for item in batch.events {
            try event.execute(arguments: [item.incidentID, item.sequence, item.at.unixMilliseconds, item.kind.rawValue, item.step, item.actor, item.text])
        }
        let notice = try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO notice (key, kind, channel_id, incident_id, created_ms, stored_ms, content, next_attempt_ms)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for item in batch.notices {
            try notice.execute(arguments: [
                item.key, item.kind.rawValue, item.channelID, item.incidentID, item.createdAt.unixMilliseconds,
                now.unixMilliseconds, NoticeCoding.encode(item.content), item.createdAt.unixMilliseconds,
            ])
        }
        let silence = try db.cachedStatement(sql: """
            INSERT INTO silence (id, integrations, tags, owners, reason, created_by, created_ms, ends_ms, removed_ms)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET ends_ms = excluded.ends_ms, removed_ms = excluded.removed_ms
            """)
        for item in batch.silences.values.sorted(by: { $0.id < $1.id }) {
            try silence.execute(arguments: [
                item.id, JSONList.encode(item.matcher.integrations), JSONList.encode(item.matcher.tags),
                JSONList.encode(item.matcher.owners), item.reason, item.createdBy, item.createdAt.unixMilliseconds,
                item.endsAt.unixMilliseconds, item.removedAt?.unixMilliseconds,
            ])
        }
    }

    // MARK: Reading

    /// Open incidents and those resolved after `resolvedSince`: what the incident logic starts from.
    public func loadLiveIncidents(resolvedSince: Date) async throws -> [Incident] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM incident WHERE status = 'open' OR resolved_ms >= ? ORDER BY id",
                arguments: [resolvedSince.unixMilliseconds]
            ).map(Incident.init(row:))
        }
    }

    /// The next free incident id.
    public func nextIncidentID() async throws -> Int {
        try await pool.read { db in (try Int.fetchOne(db, sql: "SELECT MAX(id) FROM incident") ?? 0) + 1 }
    }

    /// Incidents newest first, open ones only unless `includeResolved`, with timelines and notices.
    public func incidents(includeResolved: Bool, integration: String? = nil, limit: Int = 500) async throws -> [IncidentRecord] {
        try await pool.read { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if !includeResolved { conditions.append("status = 'open'") }
            if let integration {
                conditions.append("integration_id = ?")
                _ = arguments.append(contentsOf: [integration])
            }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            _ = arguments.append(contentsOf: [limit])
            let incidents = try Row.fetchAll(db, sql: "SELECT * FROM incident \(filter) ORDER BY id DESC LIMIT ?", arguments: arguments)
                .map(Incident.init(row:))
            return try incidents.map { try Self.record(of: $0, in: db) }
        }
    }

    /// One incident with its timeline and notices.
    public func incident(_ id: Int) async throws -> IncidentRecord? {
        try await pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM incident WHERE id = ?", arguments: [id]) else { return nil }
            return try Self.record(of: Incident(row: row), in: db)
        }
    }

    static func record(of incident: Incident, in db: Database) throws -> IncidentRecord {
        let events = try Row.fetchAll(db, sql: "SELECT * FROM incident_event WHERE incident_id = ? ORDER BY sequence", arguments: [incident.id])
            .map(IncidentEvent.init(row:))
        let notices = try Row.fetchAll(db, sql: "SELECT * FROM notice WHERE incident_id = ? ORDER BY id", arguments: [incident.id])
            .compactMap(StoredNotice.init(row:))
        return IncidentRecord(incident: incident, events: events, notices: notices)
    }

    /// Silences, newest first: those still in force at `time`, or every one when `time` is `nil`.
    public func silences(activeAt time: Date?, limit: Int = 500) async throws -> [Silence] {
        try await pool.read { db in
            let rows: [Row]
            if let time {
                rows = try Row.fetchAll(
                    db, sql: "SELECT * FROM silence WHERE removed_ms IS NULL AND ends_ms > ? ORDER BY id DESC LIMIT ?",
                    arguments: [time.unixMilliseconds, limit]
                )
            } else {
                rows = try Row.fetchAll(db, sql: "SELECT * FROM silence ORDER BY id DESC LIMIT ?", arguments: [limit])
            }
            return rows.map(Silence.init(row:))
        }
    }

    /// The next free silence id.
    public func nextSilenceID() async throws -> Int {
        try await pool.read { db in (try Int.fetchOne(db, sql: "SELECT MAX(id) FROM silence") ?? 0) + 1 }
    }
}

/// Lists of ids as JSON text in one column.
enum JSONList {
    static func encode(_ items: [String]) -> String {
        (try? String(decoding: JSONEncoder().encode(items), as: UTF8.self)) ?? "[]"
    }

    static func decode(_ text: String?) -> [String] {
        guard let text else { return [] }
        return (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
    }
}

/// Notice contents as JSON, dates in RFC 3339, so anything reading the database can use them.
public enum NoticeCoding {
    public static func encode(_ content: NoticeContent) -> String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(content), as: UTF8.self)) ?? "{}"
    }

    public static func decode(_ text: String) -> NoticeContent? {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try? decoder.decode(NoticeContent.self, from: Data(text.utf8))
    }
}

extension Incident {
    init(row: Row) {
        let opening = IntegrationState(rawValue: row["opening_state"]) ?? .down
        self.init(
            id: row["id"],
            integrationID: row["integration_id"],
            policyID: row["policy_id"],
            status: Incident.Status(rawValue: row["status"]) ?? .open,
            openedAt: Date(unixMilliseconds: row["opened_ms"]),
            openingState: opening,
            openingReason: .text(row["opening_reason"]),
            state: IntegrationState(rawValue: row["state"]) ?? opening,
            reason: .text(row["reason"]),
            stepsFired: row["steps_fired"],
            repeatsFired: row["repeats_fired"],
            acknowledgedBy: row["acknowledged_by"],
            acknowledgedAt: (row["acknowledged_ms"] as Int64?).map(Date.init(unixMilliseconds:)),
            acknowledgementNote: row["acknowledgement_note"],
            resolvedAt: (row["resolved_ms"] as Int64?).map(Date.init(unixMilliseconds:)),
            recoveringSince: (row["recovering_ms"] as Int64?).map(Date.init(unixMilliseconds:)),
            reopenCount: row["reopen_count"],
            notifiedChannels: JSONList.decode(row["notified_channels"]),
            silencedBy: row["silenced_by"],
            eventCount: row["event_count"]
        )
    }
}

extension IncidentEvent {
    init(row: Row) {
        self.init(
            incidentID: row["incident_id"],
            sequence: row["sequence"],
            at: Date(unixMilliseconds: row["at_ms"]),
            kind: IncidentEvent.Kind(rawValue: row["kind"]) ?? .changed,
            step: row["step"],
            actor: row["actor"],
            text: row["text"]
        )
    }
}

extension StoredNotice {
    init?(row: Row) {
        guard let content = NoticeCoding.decode(row["content"]) else { return nil }
        self.init(
            id: row["id"],
            notice: Notice(
                key: row["key"],
                kind: Notice.Kind(rawValue: row["kind"]) ?? .opened,
                channelID: row["channel_id"],
                incidentID: row["incident_id"],
                createdAt: Date(unixMilliseconds: row["created_ms"]),
                content: content
            ),
            status: Status(rawValue: row["status"]) ?? .pending,
            attempts: row["attempts"],
            lastError: row["last_error"],
            deliveredAt: (row["delivered_ms"] as Int64?).map(Date.init(unixMilliseconds:)),
            nextAttemptAt: (row["next_attempt_ms"] as Int64?).map(Date.init(unixMilliseconds:))
        )
    }
}

extension Silence {
    init(row: Row) {
        self.init(
            id: row["id"],
            matcher: IntegrationMatcher(
                integrations: JSONList.decode(row["integrations"]), tags: JSONList.decode(row["tags"]), owners: JSONList.decode(row["owners"])
            ),
            reason: row["reason"],
            createdBy: row["created_by"],
            createdAt: Date(unixMilliseconds: row["created_ms"]),
            endsAt: Date(unixMilliseconds: row["ends_ms"]),
            removedAt: (row["removed_ms"] as Int64?).map(Date.init(unixMilliseconds:))
        )
    }
}
