import BatonCore
import Foundation

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
    static func applyIncidents(_ batch: StateBatch, now: Date, in session: any SQLSession) throws {
        try RowInserter(
            into: """
                incident (id, integration_id, policy_id, status, opened_ms, opening_state, opening_reason, state, reason,
                          steps_fired, repeats_fired, acknowledged_by, acknowledged_ms, acknowledgement_note, resolved_ms,
                          recovering_ms, reopen_count, notified_channels, silenced_by, event_count)
                """,
            columns: 20,
            conflict: """
                ON CONFLICT(id) DO UPDATE SET
                    policy_id = excluded.policy_id, status = excluded.status, state = excluded.state, reason = excluded.reason,
                    steps_fired = excluded.steps_fired, repeats_fired = excluded.repeats_fired,
                    acknowledged_by = excluded.acknowledged_by, acknowledged_ms = excluded.acknowledged_ms,
                    acknowledgement_note = excluded.acknowledgement_note, resolved_ms = excluded.resolved_ms,
                    recovering_ms = excluded.recovering_ms, reopen_count = excluded.reopen_count,
                    notified_channels = excluded.notified_channels, silenced_by = excluded.silenced_by, event_count = excluded.event_count
                """
        ).insert(batch.incidents.values.sorted(by: { $0.id < $1.id }), in: session) { item in
            [
                .int(Int64(item.id)), .text(item.integrationID), SQLValue(item.policyID), .text(item.status.rawValue),
                .int(item.openedAt.unixMilliseconds), .text(item.openingState.rawValue), .text(item.openingReason.compact),
                .text(item.state.rawValue), .text(item.reason.compact), .int(Int64(item.stepsFired)), .int(Int64(item.repeatsFired)),
                SQLValue(item.acknowledgedBy), SQLValue(item.acknowledgedAt), SQLValue(item.acknowledgementNote),
                SQLValue(item.resolvedAt), SQLValue(item.recoveringSince), .int(Int64(item.reopenCount)),
                .text(JSONList.encode(item.notifiedChannels)), SQLValue(item.silencedBy), .int(Int64(item.eventCount)),
            ]
        }
        if let highest = batch.incidents.keys.max() { try raiseCounter("incident", to: highest, in: session) }
        let events = RowInserter.lastPerKey(batch.events) { "\($0.incidentID)#\($0.sequence)" }
        try RowInserter(
            into: "incident_event (incident_id, sequence, at_ms, kind, step, actor, text)", columns: 7,
            conflict: """
                ON CONFLICT (incident_id, sequence) DO UPDATE SET
                    at_ms = excluded.at_ms, kind = excluded.kind, step = excluded.step, actor = excluded.actor, text = excluded.text
                """
        ).insert(events, in: session) { item in
            [
                .int(Int64(item.incidentID)), .int(Int64(item.sequence)), .int(item.at.unixMilliseconds), .text(item.kind.rawValue),
                SQLValue(item.step), SQLValue(item.actor), .text(item.text),
            ]
        }
        // One at a time, in order: notice ids decide the order of delivery.
        for item in batch.notices {
            try session.execute("""
                INSERT INTO notice (key, kind, channel_id, incident_id, created_ms, stored_ms, content, next_attempt_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING
                """, [
                .text(item.key), .text(item.kind.rawValue), .text(item.channelID), SQLValue(item.incidentID),
                .int(item.createdAt.unixMilliseconds), .int(now.unixMilliseconds), .text(NoticeCoding.encode(item.content)),
                .int(item.createdAt.unixMilliseconds),
            ])
        }
        try RowInserter(
            into: "silence (id, integrations, tags, owners, reason, created_by, created_ms, ends_ms, removed_ms)", columns: 9,
            conflict: "ON CONFLICT(id) DO UPDATE SET ends_ms = excluded.ends_ms, removed_ms = excluded.removed_ms"
        ).insert(batch.silences.values.sorted(by: { $0.id < $1.id }), in: session) { item in
            [
                .int(Int64(item.id)), .text(JSONList.encode(item.matcher.integrations)), .text(JSONList.encode(item.matcher.tags)),
                .text(JSONList.encode(item.matcher.owners)), .text(item.reason), .text(item.createdBy), .int(item.createdAt.unixMilliseconds),
                .int(item.endsAt.unixMilliseconds), SQLValue(item.removedAt),
            ]
        }
        if let highest = batch.silences.keys.max() { try raiseCounter("silence", to: highest, in: session) }
    }

    // MARK: Reading

    /// Open incidents and those resolved after `resolvedSince`: what the incident logic starts from.
    public func loadLiveIncidents(resolvedSince: Date) async throws -> [Incident] {
        try await database.read { session in
            try session.rows(
                "SELECT * FROM incident WHERE status = 'open' OR resolved_ms >= ? ORDER BY id", [.int(resolvedSince.unixMilliseconds)],
                Incident.init(row:)
            )
        }
    }

    /// The next incident id never used, even by incidents pruned since.
    public func nextIncidentID() async throws -> Int {
        try await database.read { session in try Self.nextID(of: "incident", in: session) }
    }

    static func nextID(of table: String, in session: any SQLSession) throws -> Int {
        let stored = try session.integer("SELECT MAX(id) FROM \(table)") ?? 0
        let highest = try session.integer("SELECT last FROM id_counter WHERE name = ?", [.text(table)]) ?? 0
        return Int(clamping: max(stored, highest)) + 1
    }

    static func raiseCounter(_ name: String, to id: Int, in session: any SQLSession) throws {
        try session.execute("UPDATE id_counter SET last = \(session.dialect.greatest("last", "?")) WHERE name = ?", [.int(Int64(id)), .text(name)])
    }

    /// Incidents newest first, open ones only unless `includeResolved`, with timelines and notices.
    public func incidents(includeResolved: Bool, integration: String? = nil, limit: Int = 500) async throws -> [IncidentRecord] {
        try await database.read { session in
            var conditions: [String] = []
            var arguments: [SQLValue] = []
            if !includeResolved { conditions.append("status = 'open'") }
            if let integration {
                conditions.append("integration_id = ?")
                arguments.append(.text(integration))
            }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            arguments.append(.int(Int64(limit)))
            let incidents = try session.rows("SELECT * FROM incident \(filter) ORDER BY id DESC LIMIT ?", arguments, Incident.init(row:))
            return try incidents.map { try Self.record(of: $0, in: session) }
        }
    }

    /// One incident with its timeline and notices.
    public func incident(_ id: Int) async throws -> IncidentRecord? {
        try await database.read { session in
            guard let incident = try session.first("SELECT * FROM incident WHERE id = ?", [.int(Int64(id))], Incident.init(row:)) else { return nil }
            return try Self.record(of: incident, in: session)
        }
    }

    static func record(of incident: Incident, in session: any SQLSession) throws -> IncidentRecord {
        let id = SQLValue.int(Int64(incident.id))
        let events = try session.rows("SELECT * FROM incident_event WHERE incident_id = ? ORDER BY sequence", [id], IncidentEvent.init(row:))
        let notices = try session.rows("SELECT * FROM notice WHERE incident_id = ? ORDER BY id", [id], StoredNotice.init(row:)).compactMap { $0 }
        return IncidentRecord(incident: incident, events: events, notices: notices)
    }

    /// Silences, newest first: those still in force at `time`, or every one when `time` is `nil`.
    public func silences(activeAt time: Date?, limit: Int = 500) async throws -> [Silence] {
        try await database.read { session in
            if let time {
                return try session.rows(
                    "SELECT * FROM silence WHERE removed_ms IS NULL AND ends_ms > ? ORDER BY id DESC LIMIT ?",
                    [.int(time.unixMilliseconds), .int(Int64(limit))], Silence.init(row:)
                )
            }
            return try session.rows("SELECT * FROM silence ORDER BY id DESC LIMIT ?", [.int(Int64(limit))], Silence.init(row:))
        }
    }

    /// The next silence id never used.
    public func nextSilenceID() async throws -> Int {
        try await database.read { session in try Self.nextID(of: "silence", in: session) }
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
    init(row: any SQLRow) {
        let opening = IntegrationState(rawValue: row.string("opening_state")) ?? .down
        self.init(
            id: row.integer("id"),
            integrationID: row.string("integration_id"),
            policyID: row.text("policy_id"),
            status: Incident.Status(rawValue: row.string("status")) ?? .open,
            openedAt: row.date("opened_ms") ?? Date(timeIntervalSince1970: 0),
            openingState: opening,
            openingReason: .text(row.string("opening_reason")),
            state: IntegrationState(rawValue: row.string("state")) ?? opening,
            reason: .text(row.string("reason")),
            stepsFired: row.integer("steps_fired"),
            repeatsFired: row.integer("repeats_fired"),
            acknowledgedBy: row.text("acknowledged_by"),
            acknowledgedAt: row.date("acknowledged_ms"),
            acknowledgementNote: row.text("acknowledgement_note"),
            resolvedAt: row.date("resolved_ms"),
            recoveringSince: row.date("recovering_ms"),
            reopenCount: row.integer("reopen_count"),
            notifiedChannels: JSONList.decode(row.text("notified_channels")),
            silencedBy: row.text("silenced_by"),
            eventCount: row.integer("event_count")
        )
    }
}

extension IncidentEvent {
    init(row: any SQLRow) {
        self.init(
            incidentID: row.integer("incident_id"),
            sequence: row.integer("sequence"),
            at: row.date("at_ms") ?? Date(timeIntervalSince1970: 0),
            kind: IncidentEvent.Kind(rawValue: row.string("kind")) ?? .changed,
            step: row.int("step").map { Int(clamping: $0) },
            actor: row.text("actor"),
            text: row.string("text")
        )
    }
}

extension StoredNotice {
    init?(row: any SQLRow) {
        guard let content = NoticeCoding.decode(row.string("content")) else { return nil }
        self.init(
            id: row.int("id") ?? 0,
            notice: Notice(
                key: row.string("key"),
                kind: Notice.Kind(rawValue: row.string("kind")) ?? .opened,
                channelID: row.string("channel_id"),
                incidentID: row.int("incident_id").map { Int(clamping: $0) },
                createdAt: row.date("created_ms") ?? Date(timeIntervalSince1970: 0),
                content: content
            ),
            status: Status(rawValue: row.string("status")) ?? .pending,
            attempts: row.integer("attempts"),
            lastError: row.text("last_error"),
            deliveredAt: row.date("delivered_ms"),
            nextAttemptAt: row.date("next_attempt_ms")
        )
    }
}

extension Silence {
    init(row: any SQLRow) {
        self.init(
            id: row.integer("id"),
            matcher: IntegrationMatcher(
                integrations: JSONList.decode(row.text("integrations")), tags: JSONList.decode(row.text("tags")),
                owners: JSONList.decode(row.text("owners"))
            ),
            reason: row.string("reason"),
            createdBy: row.string("created_by"),
            createdAt: row.date("created_ms") ?? Date(timeIntervalSince1970: 0),
            endsAt: row.date("ends_ms") ?? Date(timeIntervalSince1970: 0),
            removedAt: row.date("removed_ms")
        )
    }
}
