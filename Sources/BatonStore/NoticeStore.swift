import BatonCore
import Foundation
import GRDB

/// A channel that stopped accepting notices (410 Gone).
public struct DisabledChannel: Sendable, Equatable {
    public var channelID: String
    /// Identifies the URL it was disabled for: a new URL in the config enables it again.
    public var urlFingerprint: String
    public var disabledAt: Date
    public var reason: String
}

/// A due notice, as scheduling sees it.
public struct DueNotice: Sendable, Equatable {
    public var id: Int64
    public var channelID: String
}

/// How many notices wait, and how many could not be delivered.
public struct DeliveryCounts: Sendable, Equatable {
    public var pending: Int
    public var dead: Int
}

/// Delivery bookkeeping: notices are marked delivered only after a 2xx, so a crash at any
/// point sends a notice again rather than never (its `key` lets receivers drop the duplicate).
extension StateStore {
    /// Pending notices that are due, at most one per incident and channel (the oldest), oldest first:
    /// a later notice never overtakes an earlier one of the same incident on the same channel.
    /// Only what scheduling needs: the content is read by ``notice(_:)`` for the ones started.
    public func dueNotices(at time: Date, limit: Int = 500) async throws -> [DueNotice] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, channel_id FROM notice WHERE id IN (
                    SELECT MIN(id) FROM notice WHERE status = 'pending' GROUP BY COALESCE(incident_id, -id), channel_id
                ) AND next_attempt_ms <= ? ORDER BY id LIMIT ?
                """, arguments: [time.unixMilliseconds, limit]).map { DueNotice(id: $0[0], channelID: $0[1]) }
        }
    }

    /// One stored notice with its content.
    public func notice(_ id: Int64) async throws -> StoredNotice? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM notice WHERE id = ?", arguments: [id]).flatMap(StoredNotice.init(row:))
        }
    }

    static func applyDeliveries(_ records: [DeliveryRecord], in db: Database) throws {
        for record in records {
            switch record {
            case .delivered(let id, let attempts, let time):
                try db.execute(
                    sql: "UPDATE notice SET status = 'delivered', attempts = ?, delivered_ms = ?, last_error = NULL WHERE id = ?",
                    arguments: [attempts, time.unixMilliseconds, id]
                )
            case .retry(let id, let attempts, let next, let error):
                try db.execute(
                    sql: "UPDATE notice SET attempts = ?, next_attempt_ms = ?, last_error = ? WHERE id = ? AND status = 'pending'",
                    arguments: [attempts, next.unixMilliseconds, error, id]
                )
            case .dead(let id, let attempts, let error):
                try db.execute(
                    sql: "UPDATE notice SET status = 'dead', attempts = ?, last_error = ? WHERE id = ? AND status = 'pending'",
                    arguments: [attempts, error, id]
                )
            case .disableChannel(let channelID, let fingerprint, let reason, let time):
                // The channel and its pending notices as dead letters, in the same transaction.
                try db.execute(sql: """
                    INSERT INTO channel_state (channel_id, url_fingerprint, disabled_ms, reason) VALUES (?, ?, ?, ?)
                    ON CONFLICT(channel_id) DO UPDATE SET url_fingerprint = excluded.url_fingerprint,
                        disabled_ms = excluded.disabled_ms, reason = excluded.reason
                    """, arguments: [channelID, fingerprint, time.unixMilliseconds, reason])
                try db.execute(
                    sql: "UPDATE notice SET status = 'dead', last_error = ? WHERE status = 'pending' AND channel_id = ?",
                    arguments: ["channel disabled: \(reason)", channelID]
                )
            case .enableChannel(let channelID):
                try db.execute(sql: "DELETE FROM channel_state WHERE channel_id = ?", arguments: [channelID])
            }
        }
    }

    public func disabledChannels() async throws -> [DisabledChannel] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM channel_state ORDER BY channel_id").map { row in
                DisabledChannel(
                    channelID: row["channel_id"], urlFingerprint: row["url_fingerprint"],
                    disabledAt: Date(unixMilliseconds: row["disabled_ms"]), reason: row["reason"]
                )
            }
        }
    }

    public func deliveryCounts() async throws -> DeliveryCounts {
        try await pool.read { db in
            DeliveryCounts(
                pending: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM notice WHERE status = 'pending'") ?? 0,
                dead: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM notice WHERE status = 'dead'") ?? 0
            )
        }
    }

    /// The most recent dead letters, newest first.
    public func deadLetters(limit: Int = 20) async throws -> [StoredNotice] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM notice WHERE status = 'dead' ORDER BY id DESC LIMIT ?", arguments: [limit])
                .compactMap(StoredNotice.init(row:))
        }
    }
}
