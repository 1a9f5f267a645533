import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A PostgreSQL server from Debian's packages, in a temporary folder, on a loopback port: `initdb`
/// as the `postgres` user (it refuses root), the postmaster started directly (so its PID is ours to
/// stop), trust authentication on 127.0.0.1 only, fsync off. Tests make a database each.
public final class PostgresServer: Sendable {
    public let port: Int
    let process: SpawnedProcess
    let folder: String
    public var pid: Int32 { process.pid }

    /// The server of the enclosing suite (see ``Trait/postgres``).
    @TaskLocal public static var current: PostgresServer?

    public struct StartFailure: Error, CustomStringConvertible {
        public var description: String
    }

    private init(port: Int, process: SpawnedProcess, folder: String) {
        self.port = port
        self.process = process
        self.folder = folder
    }

    /// The folder of `initdb`, `postgres` and `psql` (Debian: /usr/lib/postgresql/<major>/bin).
    static func binaries() throws -> String {
        let root = "/usr/lib/postgresql"
        let majors = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).compactMap(Int.init).sorted()
        guard let major = majors.last else { throw StartFailure(description: "PostgreSQL is not installed (no \(root)/<version>/bin)") }
        return "\(root)/\(major)/bin"
    }

    public static func start() async throws -> PostgresServer {
        let bin = try binaries()
        let folder = NSTemporaryDirectory() + "baton-pg-" + UUID().uuidString.prefix(8)
        let data = folder + "/data"
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        guard let account = getpwnam("postgres") else { throw StartFailure(description: "no postgres user (install postgresql)") }
        let (uid, gid) = (account.pointee.pw_uid, account.pointee.pw_gid)
        for path in [folder, data] { chown(path, uid, gid) }
        chmod(data, 0o700)
        let initdb = try await run("/usr/bin/setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups", "--",
                                                       bin + "/initdb", "-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"])
        guard initdb.status == 0 else { throw StartFailure(description: "initdb failed: \(initdb.output)") }

        let port = LoopbackPort.closed()
        let log = folder + "/postgres.log"
        // setpriv executes the postmaster in its own place: the PID is the server's.
        let process = try SpawnCommand("/usr/bin/setpriv", [
            "--reuid=postgres", "--regid=postgres", "--init-groups", "--", bin + "/postgres", "-D", data, "-p", "\(port)",
            "-k", folder, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "max_connections=200",
        ], standardInput: .null, standardOutput: .truncate(log), standardError: .standardOutput).spawn()
        let server = PostgresServer(port: port, process: process, folder: folder)
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if process.isRunning, (try? await server.psql("SELECT 1"))?.status == 0 { return server }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        server.stop()
        throw StartFailure(description: "postgres did not start: \((try? String(contentsOfFile: log, encoding: .utf8)) ?? "")")
    }

    /// Makes an empty database; returns its URL.
    public func makeDatabase() async throws -> String {
        let name = "baton_" + UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: "")
        let made = try await psql("CREATE DATABASE \(name)")
        guard made.status == 0 else { throw StartFailure(description: "CREATE DATABASE failed: \(made.output)") }
        return url(database: name)
    }

    public func url(database: String) -> String {
        "postgres://postgres@127.0.0.1:\(port)/\(database)?sslmode=disable"
    }

    /// Runs SQL with psql against `database`.
    @discardableResult
    public func psql(_ sql: String, database: String = "postgres") async throws -> (status: Int32, output: String) {
        try await Self.run(try Self.binaries() + "/psql", ["-h", "127.0.0.1", "-p", "\(port)", "-U", "postgres", "-d", database, "-Atqc", sql])
    }

    /// Fast shutdown (SIGQUIT: no checkpoint, for a throwaway cluster), SIGKILL after 10 s, then the folder goes.
    public func stop() {
        if process.signal(SIGQUIT), process.waitUntilExit(timeout: .seconds(10)) == nil {
            process.signal(SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: folder)
    }

    static func run(_ path: String, _ arguments: [String]) async throws -> (status: Int32, output: String) {
        let output = NSTemporaryDirectory() + "baton-pg-out-" + UUID().uuidString.prefix(8)
        defer { try? FileManager.default.removeItem(atPath: output) }
        let command = SpawnCommand(path, arguments, standardInput: .null, standardOutput: .truncate(output), standardError: .standardOutput)
        let termination = try await command.spawn().terminated()
        return (termination.status, (try? String(contentsOfFile: output, encoding: .utf8)) ?? "")
    }
}

/// Starts one PostgreSQL server for a whole suite and stops it by PID afterwards.
public struct PostgresScope: SuiteTrait, TestScoping {
    public var isRecursive: Bool { false }

    public func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        let server = try await PostgresServer.start()
        defer { server.stop() }
        try await PostgresServer.$current.withValue(server) { try await function() }
    }
}

extension Trait where Self == PostgresScope {
    /// A PostgreSQL server for the suite, as ``PostgresServer/current``.
    public static var postgres: Self { Self() }
}
