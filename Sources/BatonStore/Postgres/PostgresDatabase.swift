import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO
import Synchronization

/// PostgreSQL through postgres-nio, behind the same synchronous sessions as SQLite.
///
/// Each connection has a thread of its own (a serial dispatch queue) on which the store's code
/// runs and waits for each answer; one connection writes, two read, so reads never queue behind a
/// long write. A connection that fails is opened again on next use. When a ``Fence`` is set, every
/// write transaction first checks, under a share lock on the lease row, that this node still holds
/// the lease with that epoch: a leader that lost it (paused, partitioned) cannot store anything.
final class PostgresDatabase: SQLDatabase {
    let location: String
    var dialect: SQLDialect { .postgres }
    let configuration: PostgresConnection.Configuration
    private let group: MultiThreadedEventLoopGroup
    private let writer: PostgresLane
    private let readers: [PostgresLane]
    private let nextReader = Atomic<Int>(0)
    private let fence = Mutex<Fence?>(nil)
    let logger: Logger

    init(settings: PostgresConnectionSettings, logger: Logger) {
        self.location = settings.displayURL
        self.configuration = settings.configuration
        self.logger = logger
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let connect: @Sendable (Int) throws -> PostgresConnection = { [configuration = settings.configuration, group] id in
            try PostgresConnection.connect(on: group.next(), configuration: configuration, id: id, logger: logger).wait()
        }
        writer = PostgresLane(name: "baton-pg-writer", id: 1, connect: connect)
        readers = (2...3).map { PostgresLane(name: "baton-pg-reader-\($0 - 1)", id: $0, connect: connect) }
    }

    /// Every later write checks that this node still holds the lease with `epoch`.
    func setFence(_ value: Fence?) {
        fence.withLock { $0 = value }
    }

    var currentFence: Fence? {
        fence.withLock { $0 }
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLSession) throws -> T) async throws -> T {
        let lane = readers[nextReader.add(1, ordering: .relaxed).newValue % readers.count]
        return try await lane.run { connection in
            let session = PostgresSession(connection: connection, logger: self.logger)
            try session.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", [])
            do {
                let result = try body(session)
                try session.execute("COMMIT", [])
                return result
            } catch {
                _ = try? session.execute("ROLLBACK", [])
                throw error
            }
        }
    }

    func write<T: Sendable>(_ body: @escaping @Sendable (any SQLSession) throws -> T) async throws -> T {
        try await transaction(fenced: true, body)
    }

    /// A write that does not check the fence: the lease itself, and requests a standby passes to the leader.
    func writeUnfenced<T: Sendable>(_ body: @escaping @Sendable (any SQLSession) throws -> T) async throws -> T {
        try await transaction(fenced: false, body)
    }

    private func transaction<T: Sendable>(fenced: Bool, _ body: @escaping @Sendable (any SQLSession) throws -> T) async throws -> T {
        let fence = fenced ? currentFence : nil
        return try await writer.run { connection in
            let session = PostgresSession(connection: connection, logger: self.logger)
            try session.execute("BEGIN", [])
            do {
                if let fence {
                    let holds = try session.integer(
                        "SELECT epoch FROM baton_lease WHERE id = 1 AND holder = ? AND epoch = ? FOR SHARE", [.text(fence.holder), .int(fence.epoch)]
                    )
                    guard holds != nil else { throw StoreFenced(holder: fence.holder, epoch: fence.epoch) }
                }
                let result = try body(session)
                try session.execute("COMMIT", [])
                return result
            } catch {
                _ = try? session.execute("ROLLBACK", [])
                throw error
            }
        }
    }

    func close() async {
        for lane in [writer] + readers { await lane.close() }
        try? await group.shutdownGracefully()
    }
}

/// This node's claim to write: the lease row must still name it, with this epoch.
public struct Fence: Sendable, Equatable {
    public var holder: String
    public var epoch: Int64

    public init(holder: String, epoch: Int64) {
        self.holder = holder
        self.epoch = epoch
    }
}

/// A write refused because another node holds the lease now.
public struct StoreFenced: Error, CustomStringConvertible {
    public var holder: String
    public var epoch: Int64

    public var description: String { "the lease moved on: \(holder) no longer leads with epoch \(epoch)" }
}

/// One connection and the thread its statements wait on.
final class PostgresLane: Sendable {
    private let queue: DispatchQueue
    private let id: Int
    private let connect: @Sendable (Int) throws -> PostgresConnection
    private let connection = Mutex<PostgresConnection?>(nil)

    init(name: String, id: Int, connect: @escaping @Sendable (Int) throws -> PostgresConnection) {
        queue = DispatchQueue(label: name)
        self.id = id
        self.connect = connect
    }

    /// Runs `body` on the lane's thread with its connection (opened if needed); a connection that
    /// failed is closed, so the next call opens a new one.
    func run<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { [self] in
                do {
                    let current: PostgresConnection
                    if let open = connection.withLock({ $0 }), !open.isClosed {
                        current = open
                    } else {
                        current = try connect(id)
                        connection.withLock { $0 = current }
                    }
                    do {
                        continuation.resume(returning: try body(current))
                    } catch {
                        if current.isClosed { connection.withLock { $0 = nil } }
                        continuation.resume(throwing: error)
                    }
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    func close() async {
        let open = connection.withLock { value in
            defer { value = nil }
            return value
        }
        try? await open?.close()
    }
}

/// Statements on one connection, each waited for on the lane's thread.
struct PostgresSession: SQLSession {
    let connection: PostgresConnection
    let logger: Logger
    var dialect: SQLDialect { .postgres }

    @discardableResult
    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int {
        let result = try connection.query(Self.query(sql, arguments), logger: logger).wait()
        return result.metadata.rows ?? 0
    }

    func forEach(_ sql: String, _ arguments: [SQLValue], _ body: (any SQLRow) throws -> Void) throws {
        let result = try connection.query(Self.query(sql, arguments), logger: logger).wait()
        for row in result {
            try body(PostgresSQLRow(row: row.makeRandomAccess()))
        }
    }

    /// `?` placeholders become `$1`, `$2`… (none appears inside a quoted literal in Baton's SQL,
    /// but quotes are skipped all the same).
    static func query(_ sql: String, _ arguments: [SQLValue]) -> PostgresQuery {
        var text = ""
        text.reserveCapacity(sql.utf8.count + arguments.count * 2)
        var number = 0
        var quoted = false
        for character in sql {
            if character == "'" { quoted.toggle() }
            if character == "?" && !quoted {
                number += 1
                text += "$\(number)"
            } else {
                text.append(character)
            }
        }
        var binds = PostgresBindings(capacity: arguments.count)
        for argument in arguments {
            switch argument {
            case .int(let value): binds.append(value)
            case .double(let value): binds.append(value)
            case .text(let value): binds.append(value)
            case .null: binds.appendNull()
            }
        }
        return PostgresQuery(unsafeSQL: text, binds: binds)
    }
}

/// A PostgreSQL row; a missing column or a value of another type reads as `nil`.
struct PostgresSQLRow: SQLRow {
    let row: PostgresRandomAccessRow

    func int(_ index: Int) -> Int64? { cell(index).flatMap { try? $0.decode(Int64?.self) } ?? nil }
    func double(_ index: Int) -> Double? { cell(index).flatMap { try? $0.decode(Double?.self) } ?? nil }
    func text(_ index: Int) -> String? { cell(index).flatMap { try? $0.decode(String?.self) } ?? nil }
    func int(_ column: String) -> Int64? { cell(column).flatMap { try? $0.decode(Int64?.self) } ?? nil }
    func double(_ column: String) -> Double? { cell(column).flatMap { try? $0.decode(Double?.self) } ?? nil }
    func text(_ column: String) -> String? { cell(column).flatMap { try? $0.decode(String?.self) } ?? nil }

    func value(_ index: Int) -> SQLValue {
        guard let cell = cell(index), cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8: return int(index).map(SQLValue.int) ?? .null
        case .float4, .float8: return double(index).map(SQLValue.double) ?? .null
        default: return text(index).map(SQLValue.text) ?? .null
        }
    }

    private func cell(_ index: Int) -> PostgresCell? {
        index >= 0 && index < row.count ? row[index] : nil
    }

    private func cell(_ column: String) -> PostgresCell? {
        row.contains(column) ? row[column] : nil
    }
}
