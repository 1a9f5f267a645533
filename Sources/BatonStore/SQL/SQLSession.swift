import Foundation

/// A value bound to a statement's `?` placeholder.
public enum SQLValue: Sendable, Equatable {
    case int(Int64)
    case double(Double)
    case text(String)
    case null
}

/// One result row, read by column position or name.
public protocol SQLRow {
    func int(_ index: Int) -> Int64?
    func double(_ index: Int) -> Double?
    func text(_ index: Int) -> String?
    func int(_ column: String) -> Int64?
    func double(_ column: String) -> Double?
    func text(_ column: String) -> String?
    /// The value at `index`, whatever its type.
    func value(_ index: Int) -> SQLValue
}

extension SQLRow {
    /// An integer column that may not be NULL; 0 if it is.
    func integer(_ column: String) -> Int { Int(clamping: int(column) ?? 0) }
    func string(_ column: String) -> String { text(column) ?? "" }
    func date(_ column: String) -> Date? { int(column).map(Date.init(unixMilliseconds:)) }
}

/// The statements of one transaction (or one consistent read), run synchronously by the store's code.
///
/// SQL is written once, with `?` placeholders, in the subset SQLite and PostgreSQL share; the few
/// places where they differ ask ``dialect``.
public protocol SQLSession {
    var dialect: SQLDialect { get }
    /// Runs a statement; returns how many rows it changed.
    @discardableResult
    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int
    /// Runs a query and hands each row to `body` as it arrives, without holding them all.
    func forEach(_ sql: String, _ arguments: [SQLValue], _ body: (any SQLRow) throws -> Void) throws
}

extension SQLSession {
    @discardableResult
    func execute(_ sql: String) throws -> Int { try execute(sql, []) }

    /// Every row, decoded.
    func rows<T>(_ sql: String, _ arguments: [SQLValue] = [], _ decode: (any SQLRow) throws -> T) throws -> [T] {
        var result: [T] = []
        try forEach(sql, arguments) { result.append(try decode($0)) }
        return result
    }

    /// The first row, decoded.
    func first<T>(_ sql: String, _ arguments: [SQLValue] = [], _ decode: (any SQLRow) throws -> T) throws -> T? {
        var result: T?
        try forEach(sql, arguments) { row in
            if result == nil { result = try decode(row) }
        }
        return result
    }

    /// The first column of the first row, as an integer.
    func integer(_ sql: String, _ arguments: [SQLValue] = []) throws -> Int64? {
        try first(sql, arguments) { $0.int(0) } ?? nil
    }
}

/// The database behind the store: SQLite through GRDB, or PostgreSQL through postgres-nio.
public protocol SQLDatabase: Sendable {
    var dialect: SQLDialect { get }
    /// Where the data lives, for messages (a path, or a URL without its password).
    var location: String { get }
    /// Runs `body` on one consistent snapshot.
    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLSession) throws -> T) async throws -> T
    /// Runs `body` in one transaction: all of it is stored, or none.
    func write<T: Sendable>(_ body: @escaping @Sendable (any SQLSession) throws -> T) async throws -> T
    /// Releases connections.
    func close() async
}

/// Where SQLite and PostgreSQL differ in what the store asks of them.
public enum SQLDialect: Sendable {
    case sqlite
    case postgres

    /// The larger of two values: `MAX(a, b)` in SQLite, `GREATEST(a, b)` in PostgreSQL.
    func greatest(_ a: String, _ b: String) -> String {
        switch self {
        case .sqlite: "MAX(\(a), \(b))"
        case .postgres: "GREATEST(\(a), \(b))"
        }
    }
}

/// Binding helpers: the store's values as statement arguments.
extension SQLValue {
    init(_ value: Int64?) { self = value.map(SQLValue.int) ?? .null }
    init(_ value: Int?) { self = value.map { .int(Int64($0)) } ?? .null }
    init(_ value: String?) { self = value.map(SQLValue.text) ?? .null }
    init(_ value: Date?) { self = value.map { .int($0.unixMilliseconds) } ?? .null }
}
