import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A server or tool a test starts, with its output in a log file, stopped by its PID.
public final class ChildProcess: Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String

        public init(_ description: String) {
            self.description = description
        }
    }

    private let process: SpawnedProcess
    private let name: String
    public let logFile: URL
    public var pid: Int32 { process.pid }
    public var isRunning: Bool { process.isRunning }

    /// Starts `executable` (an absolute path, or a name looked up in `PATH`) with stdout and stderr in `logFile`.
    public init(_ executable: String, _ arguments: [String], logFile: URL, environment: [String: String] = [:]) throws {
        name = executable.hasPrefix("/") ? URL(fileURLWithPath: executable).lastPathComponent : executable
        self.logFile = logFile
        process = try Self.command(executable, arguments, environment: environment, output: logFile.path).spawn()
    }

    /// Polls (never sleeps a fixed time) until the child accepts TCP connections on `port`.
    public func waitUntilListening(on port: Int, within limit: Duration = .seconds(60)) async throws {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if LoopbackPort.accepts(port) { return }
            guard process.isRunning else {
                throw Failure("\(name) exited before listening on \(port): \(logTail())")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw Failure("\(name) did not listen on \(port) within \(limit): \(logTail())")
    }

    /// SIGKILL: these servers and tools need no clean shutdown. Idempotent.
    public func stop() {
        process.signal(SIGKILL)
        process.waitUntilExit()
    }

    public func logTail(_ count: Int = 800) -> String {
        let text = (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
        return String(text.suffix(count))
    }

    /// Runs a tool to completion; throws with its output when it fails.
    @discardableResult
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws -> String {
        // A file rather than a pipe: nothing has to read while it runs, however much it writes.
        let outputFile = FileManager.default.temporaryDirectory.appendingPathComponent("baton-run-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: outputFile) }
        let termination = try command(executable, arguments, environment: environment, output: outputFile.path).run()
        let text = (try? String(contentsOf: outputFile, encoding: .utf8)) ?? ""
        guard termination == .exited(0) else {
            throw Failure("\(executable) \(arguments.first ?? "") failed (\(termination.status)): \(text.suffix(800))")
        }
        return text
    }

    /// A name without a slash is looked up in `PATH` by /usr/bin/env; stdin is /dev/null, stdout
    /// and stderr go to `output`, emptied first.
    private static func command(_ executable: String, _ arguments: [String], environment: [String: String], output: String) -> SpawnCommand {
        let (path, argv) = executable.hasPrefix("/") ? (executable, arguments) : ("/usr/bin/env", [executable] + arguments)
        return SpawnCommand(path, argv, environment: environment.isEmpty ? .inherit : .adding(environment),
                            standardInput: .null, standardOutput: .truncate(output), standardError: .standardOutput)
    }

    /// A fresh temporary directory for one harness.
    public static func temporaryDirectory(_ prefix: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }
}
