import BatonCore
import Foundation

/// The leader lease as stored: who holds it, with which epoch, since and until when (database time).
public struct LeaseRecord: Sendable, Equatable {
    public var holder: String
    public var epoch: Int64
    public var acquiredAt: Date
    public var expiresAt: Date
}

/// An acknowledgement, silence or ping made through a standby, for the leader to apply.
public struct StoredRequest: Sendable, Equatable {
    public var id: Int64
    public var kind: String
    /// JSON, as the standby wrote it.
    public var body: String
    public var actor: String
    public var node: String
    public var createdAt: Date
    public var doneAt: Date?
    /// JSON, as the leader wrote it.
    public var outcome: String?
}

/// The leader's answer to a request, stored with the changes it caused.
public struct RequestOutcome: Sendable, Equatable {
    public var id: Int64
    public var outcome: String
    public var at: Date

    public init(id: Int64, outcome: String, at: Date) {
        self.id = id
        self.outcome = outcome
        self.at = at
    }
}

/// Why a cluster operation was asked of a store that cannot share state.
public struct NotShared: Error, CustomStringConvertible {
    public var description: String { "leases and requests need storage.postgres" }
}

/// Leadership among nodes sharing one PostgreSQL database: one lease row with a monotonic epoch.
/// Times are the database's (`now()`), so the nodes' clocks need not agree.
extension StateStore {
    private var postgres: PostgresDatabase {
        get throws(NotShared) {
            guard let database = database as? PostgresDatabase else { throw NotShared() }
            return database
        }
    }

    private static let leaseColumns = """
        holder, epoch, (extract(epoch FROM acquired_at) * 1000)::bigint AS acquired_ms,
        (extract(epoch FROM expires_at) * 1000)::bigint AS expires_ms
        """

    private static func lease(_ row: any SQLRow) -> LeaseRecord {
        LeaseRecord(
            holder: row.string("holder"), epoch: row.int("epoch") ?? 0,
            acquiredAt: row.date("acquired_ms") ?? Date(timeIntervalSince1970: 0), expiresAt: row.date("expires_ms") ?? Date(timeIntervalSince1970: 0)
        )
    }

    /// Takes the lease when nobody holds it or it expired; the epoch goes up by one. `nil` when another node holds it.
    public func acquireLease(node: String, for lease: Duration) async throws -> LeaseRecord? {
        try await postgres.writeUnfenced { session in
            try session.first("""
                UPDATE baton_lease SET holder = ?, epoch = epoch + 1, acquired_at = now(), expires_at = now() + make_interval(secs => ?)
                WHERE id = 1 AND (expires_at < now() OR holder = '') RETURNING \(Self.leaseColumns)
                """, [.text(node), .double(lease.seconds)], Self.lease)
        }
    }

    /// Extends this node's lease; false when it is not this node's (with this epoch) any more.
    public func renewLease(node: String, epoch: Int64, for lease: Duration) async throws -> Bool {
        try await postgres.writeUnfenced { session in
            try session.execute(
                "UPDATE baton_lease SET expires_at = now() + make_interval(secs => ?) WHERE id = 1 AND holder = ? AND epoch = ?",
                [.double(lease.seconds), .text(node), .int(epoch)]
            ) == 1
        }
    }

    /// Gives the lease up at shutdown, so a standby takes over at once instead of after it expires.
    public func releaseLease(node: String, epoch: Int64) async throws {
        _ = try await postgres.writeUnfenced { session in
            try session.execute("UPDATE baton_lease SET expires_at = now() WHERE id = 1 AND holder = ? AND epoch = ?", [.text(node), .int(epoch)])
        }
    }

    public func readLease() async throws -> LeaseRecord? {
        try await postgres.read { session in
            try session.first("SELECT \(Self.leaseColumns) FROM baton_lease WHERE id = 1", [], Self.lease)
        }
    }

    /// Every later write checks that `fence` still holds the lease; a node that does not lead sets one that never does.
    public func setFence(_ fence: Fence) throws(NotShared) {
        try postgres.setFence(fence)
    }

    // MARK: Requests to the leader

    /// Stores a request for the leader; returns its id.
    public func submitRequest(kind: String, body: String, actor: String, node: String, at time: Date) async throws -> Int64 {
        try await postgres.writeUnfenced { session in
            try session.integer(
                "INSERT INTO baton_request (kind, body, actor, node, created_ms) VALUES (?, ?, ?, ?, ?) RETURNING id",
                [.text(kind), .text(body), .text(actor), .text(node), .int(time.unixMilliseconds)]
            ) ?? 0
        }
    }

    /// Requests not applied yet, oldest first.
    public func openRequests(limit: Int = 100) async throws -> [StoredRequest] {
        try await postgres.read { session in
            try session.rows("SELECT * FROM baton_request WHERE done_ms IS NULL ORDER BY id LIMIT ?", [.int(Int64(limit))], Self.request)
        }
    }

    public func request(_ id: Int64) async throws -> StoredRequest? {
        try await postgres.read { session in
            try session.first("SELECT * FROM baton_request WHERE id = ?", [.int(id)], Self.request)
        }
    }

    private static func request(_ row: any SQLRow) -> StoredRequest {
        StoredRequest(
            id: row.int("id") ?? 0, kind: row.string("kind"), body: row.string("body"), actor: row.string("actor"), node: row.string("node"),
            createdAt: row.date("created_ms") ?? Date(timeIntervalSince1970: 0), doneAt: row.date("done_ms"), outcome: row.text("outcome")
        )
    }

    static func applyRequestOutcomes(_ outcomes: [RequestOutcome], in session: any SQLSession) throws {
        for outcome in outcomes {
            try session.execute("UPDATE baton_request SET done_ms = ?, outcome = ? WHERE id = ?", [.int(outcome.at.unixMilliseconds), .text(outcome.outcome), .int(outcome.id)])
        }
    }
}
