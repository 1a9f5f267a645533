import BatonCore
import Foundation

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
    /// The group it goes out in, once one was formed.
    public var groupKey: String?

    public init(id: Int64, channelID: String, groupKey: String? = nil) {
        self.id = id
        self.channelID = channelID
        self.groupKey = groupKey
    }
}

/// A group of notices as stored: its members (pending ones, oldest first) and how many more it mentions.
public struct StoredGroup: Sendable, Equatable {
    public var key: String
    public var channelID: String
    public var more: Int
    public var members: [StoredNotice]

    public init(key: String, channelID: String, more: Int, members: [StoredNotice]) {
        self.key = key
        self.channelID = channelID
        self.more = more
        self.members = members
    }
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
    /// Only what scheduling needs: the content is read by ``notice(_:)`` for the ones started. The
    /// limit is high: a storm of incidents on several channels must be seen whole to be grouped.
    public func dueNotices(at time: Date, limit: Int = 10_000) async throws -> [DueNotice] {
        try await database.read { session in
            try session.rows("""
                SELECT id, channel_id, group_key FROM notice WHERE id IN (
                    SELECT MIN(id) FROM notice WHERE status = 'pending' GROUP BY COALESCE(incident_id, -id), channel_id
                ) AND next_attempt_ms <= ? ORDER BY id LIMIT ?
                """, [.int(time.unixMilliseconds), .int(Int64(limit))]) { DueNotice(id: $0.int(0) ?? 0, channelID: $0.text(1) ?? "", groupKey: $0.text(2)) }
        }
    }

    /// Several stored notices with their contents, in the order of `ids` (missing ones left out).
    public func notices(_ ids: [Int64]) async throws -> [StoredNotice] {
        guard !ids.isEmpty else { return [] }
        return try await database.read { session in
            var found: [Int64: StoredNotice] = [:]
            for chunk in stride(from: 0, to: ids.count, by: 200).map({ Array(ids[$0..<min($0 + 200, ids.count)]) }) {
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
                for notice in try session.rows("SELECT * FROM notice WHERE id IN (\(marks))", chunk.map(SQLValue.int), StoredNotice.init(row:)) {
                    if let notice { found[notice.id] = notice }
                }
            }
            return ids.compactMap { found[$0] }
        }
    }

    /// A group with its pending members, oldest first; `nil` when no such group is stored.
    public func group(_ key: String) async throws -> StoredGroup? {
        try await database.read { session in
            guard let (channel, more) = try session.first("SELECT channel_id, more FROM notice_group WHERE key = ?", [.text(key)], {
                ($0.text(0) ?? "", Int(clamping: $0.int(1) ?? 0))
            }) else { return nil }
            let members = try session.rows(
                "SELECT * FROM notice WHERE group_key = ? AND status = 'pending' ORDER BY id", [.text(key)], StoredNotice.init(row:)
            ).compactMap { $0 }
            return StoredGroup(key: key, channelID: channel, more: more, members: members)
        }
    }

    /// One stored notice with its content.
    public func notice(_ id: Int64) async throws -> StoredNotice? {
        try await database.read { session in
            try session.first("SELECT * FROM notice WHERE id = ?", [.int(id)], StoredNotice.init(row:)) ?? nil
        }
    }

    static func applyDeliveries(_ records: [DeliveryRecord], in session: any SQLSession) throws {
        for record in records {
            switch record {
            case .delivered(let id, let attempts, let time):
                try session.execute(
                    "UPDATE notice SET status = 'delivered', attempts = ?, delivered_ms = ?, last_error = NULL WHERE id = ?",
                    [.int(Int64(attempts)), .int(time.unixMilliseconds), .int(id)]
                )
            case .retry(let id, let attempts, let next, let error):
                try session.execute(
                    "UPDATE notice SET attempts = ?, next_attempt_ms = ?, last_error = ? WHERE id = ? AND status = 'pending'",
                    [.int(Int64(attempts)), .int(next.unixMilliseconds), .text(error), .int(id)]
                )
            case .dead(let id, let attempts, let error):
                try session.execute(
                    "UPDATE notice SET status = 'dead', attempts = ?, last_error = ? WHERE id = ? AND status = 'pending'",
                    [.int(Int64(attempts)), .text(error), .int(id)]
                )
            case .disableChannel(let channelID, let fingerprint, let reason, let time):
                // The channel and its pending notices as dead letters, in the same transaction.
                try session.execute("""
                    INSERT INTO channel_state (channel_id, url_fingerprint, disabled_ms, reason) VALUES (?, ?, ?, ?)
                    ON CONFLICT(channel_id) DO UPDATE SET url_fingerprint = excluded.url_fingerprint,
                        disabled_ms = excluded.disabled_ms, reason = excluded.reason
                    """, [.text(channelID), .text(fingerprint), .int(time.unixMilliseconds), .text(reason)])
                try session.execute(
                    "UPDATE notice SET status = 'dead', last_error = ? WHERE status = 'pending' AND channel_id = ?",
                    [.text("channel disabled: \(reason)"), .text(channelID)]
                )
            case .enableChannel(let channelID):
                try session.execute("DELETE FROM channel_state WHERE channel_id = ?", [.text(channelID)])
            case .grouped(let key, let channelID, let ids, let more, let time):
                try session.execute(
                    "INSERT INTO notice_group (key, channel_id, more, created_ms) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO NOTHING",
                    [.text(key), .text(channelID), .int(Int64(more)), .int(time.unixMilliseconds)]
                )
                for id in ids {
                    try session.execute("UPDATE notice SET group_key = ? WHERE id = ? AND status = 'pending' AND group_key IS NULL", [.text(key), .int(id)])
                }
            }
        }
    }

    public func disabledChannels() async throws -> [DisabledChannel] {
        try await database.read { session in
            try session.rows("SELECT * FROM channel_state ORDER BY channel_id") { row in
                DisabledChannel(
                    channelID: row.string("channel_id"), urlFingerprint: row.string("url_fingerprint"),
                    disabledAt: row.date("disabled_ms") ?? Date(timeIntervalSince1970: 0), reason: row.string("reason")
                )
            }
        }
    }

    public func deliveryCounts() async throws -> DeliveryCounts {
        try await database.read { session in
            DeliveryCounts(
                pending: Int(clamping: try session.integer("SELECT COUNT(*) FROM notice WHERE status = 'pending'") ?? 0),
                dead: Int(clamping: try session.integer("SELECT COUNT(*) FROM notice WHERE status = 'dead'") ?? 0)
            )
        }
    }

    /// The most recent dead letters, newest first.
    public func deadLetters(limit: Int = 20) async throws -> [StoredNotice] {
        try await database.read { session in
            try session.rows("SELECT * FROM notice WHERE status = 'dead' ORDER BY id DESC LIMIT ?", [.int(Int64(limit))], StoredNotice.init(row:))
                .compactMap { $0 }
        }
    }
}
