import Foundation
import GRDB

/// SQLite through GRDB: a WAL-mode pool, so reads never wait for the writer.
final class SQLiteDatabase: SQLDatabase {
    let pool: DatabasePool
    let location: String
    var dialect: SQLDialect { .sqlite }

    /// Opens the database at `path` (refusing one Baton must not touch) and brings its schema up to date.
    init(path: String, busyTimeout: TimeInterval) throws {
        try Self.inspect(path)
        var configuration = Configuration()
        configuration.label = "baton"
        configuration.busyMode = .timeout(busyTimeout)
        configuration.prepareDatabase { db in
            // WAL + NORMAL: a committed transaction survives a crash of the process; only power loss can undo the last ones.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        location = path
        pool = try DatabasePool(path: path, configuration: configuration)
        try SQLiteSchema.migrator.migrate(pool)
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLSession) throws -> T) async throws -> T {
        try await pool.read { db in try body(SQLiteSession(db: db)) }
    }

    func write<T: Sendable>(_ body: @escaping @Sendable (any SQLSession) throws -> T) async throws -> T {
        try await pool.write { db in try body(SQLiteSession(db: db)) }
    }

    func close() async {
        try? pool.close()
    }

    /// Moves the write-ahead log into the database file, so its size is the database's.
    func checkpoint() async throws {
        try await pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
    }

    /// Refuses a file that Baton must not touch; reads only.
    static func inspect(_ path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { return }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        guard !header.isEmpty else { return }
        guard header == Data("SQLite format 3\u{0}".utf8) else { throw StoreOpenError.notSQLite(path) }
        var configuration = Configuration()
        configuration.readonly = true
        let tables: [String]
        let superseded: Bool
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            (tables, superseded) = try queue.read { db in
                let names = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
                let newer = names.contains("grdb_migrations") ? try SQLiteSchema.migrator.hasBeenSuperseded(db) : false
                return (names, newer)
            }
            try queue.close()
        } catch let error as DatabaseError {
            throw StoreOpenError.unreadable(path, error.message ?? "\(error.resultCode)")
        }
        if tables.isEmpty { return }
        guard tables.contains("grdb_migrations"), tables.contains("integration") else {
            throw StoreOpenError.foreign(path, tables: tables)
        }
        if superseded { throw StoreOpenError.newer(path) }
    }
}

/// One GRDB connection inside a read or a transaction.
struct SQLiteSession: SQLSession {
    let db: Database
    var dialect: SQLDialect { .sqlite }

    @discardableResult
    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int {
        let statement = try db.cachedStatement(sql: sql)
        try statement.execute(arguments: Self.arguments(arguments))
        return db.changesCount
    }

    func forEach(_ sql: String, _ arguments: [SQLValue], _ body: (any SQLRow) throws -> Void) throws {
        let statement = try db.cachedStatement(sql: sql)
        let cursor = try Row.fetchCursor(statement, arguments: Self.arguments(arguments))
        while let row = try cursor.next() {
            try body(SQLiteRow(row: row))
        }
    }

    static func arguments(_ values: [SQLValue]) -> StatementArguments {
        StatementArguments(values.map { value -> (any DatabaseValueConvertible)? in
            switch value {
            case .int(let number): number
            case .double(let number): number
            case .text(let text): text
            case .null: nil
            }
        })
    }
}

/// A GRDB row; valid only while its cursor is on it. Conversions never trap: a value of the
/// wrong type reads as `nil`.
struct SQLiteRow: SQLRow {
    let row: Row

    func int(_ index: Int) -> Int64? { Int64.fromDatabaseValue(row[index]) }
    func double(_ index: Int) -> Double? { Double.fromDatabaseValue(row[index]) }
    func text(_ index: Int) -> String? { String.fromDatabaseValue(row[index]) }
    func int(_ column: String) -> Int64? { value(column).flatMap(Int64.fromDatabaseValue) }
    func double(_ column: String) -> Double? { value(column).flatMap(Double.fromDatabaseValue) }
    func text(_ column: String) -> String? { value(column).flatMap(String.fromDatabaseValue) }

    private func value(_ column: String) -> DatabaseValue? { row[column] }

    func value(_ index: Int) -> SQLValue {
        let value: DatabaseValue = row[index]
        switch value.storage {
        case .null: return .null
        case .int64(let number): return .int(number)
        case .double(let number): return .double(number)
        case .string(let text): return .text(text)
        case .blob(let data): return .text(String(decoding: data, as: UTF8.self))
        }
    }
}
