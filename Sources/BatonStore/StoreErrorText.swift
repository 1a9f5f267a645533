import GRDB
import PostgresNIO

/// A database error in one sentence for logs and answers: the database's own words, without the
/// statement or its arguments (which may hold notice contents).
public enum StoreErrorText {
    public static func describe(_ error: any Error) -> String {
        switch error {
        case let error as DatabaseError:
            // "SQLite error 13: database or disk is full"
            return "SQLite error \(error.resultCode.rawValue): \(error.message ?? "\(error.resultCode)")"
        case let error as PSQLError:
            if let message = error.serverInfo?[.message] {
                let state = error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
                return "PostgreSQL: \(message)\(state)"
            }
            if let underlying = error.underlying { return "PostgreSQL connection: \(underlying)" }
            return "PostgreSQL: \(error.code)"
        default:
            return String(describing: error)
        }
    }
}
