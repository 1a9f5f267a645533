import BatonCore
import BatonStore
import Foundation
import Logging

/// `batond --migrate-to-postgres`: the state of a single SQLite node moves into PostgreSQL, where
/// several nodes can share it.
public enum Migration {
    /// Why the copy cannot run.
    public struct Refused: Error, CustomStringConvertible {
        public var description: String
    }

    /// Copies `baton.db` in `stateDirectory` into `storage.postgres`; returns a summary to print.
    public static func copySQLiteToPostgres(config: Config, stateDirectory: String, logger: Logger) async throws -> String {
        guard let postgres = config.storage?.postgres else {
            throw Refused(description: "the config has no storage.postgres to copy into")
        }
        let path = (stateDirectory as NSString).appendingPathComponent("baton.db")
        guard FileManager.default.fileExists(atPath: path) else {
            throw Refused(description: "no SQLite state at \(path) (give --state-dir)")
        }
        let source = try StateStore(path: path)
        let settings = try PostgresConnectionSettings(url: postgres.url.revealed, password: postgres.password?.revealed)
        let target = try await StateStore.postgres(settings, logger: logger)
        let copied: [(table: String, rows: Int)]
        do {
            copied = try await source.copy(into: target)
        } catch {
            await target.close()
            await source.close()
            throw error
        }
        await target.close()
        await source.close()
        let rows = copied.map { "\($0.rows) \($0.table)" }.joined(separator: ", ")
        return "copied \(path) into \(target.path): \(rows). Point every node's config at it (storage.postgres) and start them."
    }
}
