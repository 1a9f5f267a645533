import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A server or tool a test starts, with its output in a log file, stopped by its PID.
public final class ChildProcess: @unchecked Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String

        public init(_ description: String) {
            self.description = description
        }
    }

    private let process: Process
    public let logFile: URL
    public var pid: Int32 { process.processIdentifier }
    public var isRunning: Bool { process.isRunning }

    /// Starts `executable` (an absolute path, or a name looked up in `PATH`) with stdout and stderr in `logFile`.
    public init(_ executable: String, _ arguments: [String], logFile: URL, environment: [String: String] = [:]) throws {
        process = Process()
        if executable.hasPrefix("/") {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [executable] + arguments
        }
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let log = try FileHandle(forWritingTo: logFile)
        self.logFile = logFile
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = log
        process.standardError = log
        try process.run()
        try? log.close()
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

    /// SIGKILL, not SIGTERM: a child inherits the test runner's blocked signal mask, so a SIGTERM
    /// could stay pending forever. Idempotent.
    public func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
    }

    public func logTail(_ count: Int = 800) -> String {
        let text = (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
        return String(text.suffix(count))
    }

    private var name: String {
        (process.arguments?.first.flatMap { process.executableURL?.path == "/usr/bin/env" ? $0 : nil })
            ?? process.executableURL?.lastPathComponent ?? "process"
    }

    /// Runs a tool to completion; throws with its output when it fails.
    @discardableResult
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws -> String {
        let process = Process()
        if executable.hasPrefix("/") {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [executable] + arguments
        }
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        // A file, not a pipe: a server another test starts meanwhile inherits the pipe's write end,
        // and reading to the end would then wait for that server to exit.
        let outputFile = FileManager.default.temporaryDirectory.appendingPathComponent("baton-run-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: outputFile) }
        let output = try FileHandle(forWritingTo: outputFile)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = output
        do {
            try process.run()
        } catch {
            try? output.close()
            throw error
        }
        try? output.close()
        process.waitUntilExit()
        let text = (try? String(contentsOf: outputFile, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 else {
            throw Failure("\(executable) \(arguments.first ?? "") failed (\(process.terminationStatus)): \(text.suffix(800))")
        }
        return text
    }

    /// A fresh temporary directory for one harness.
    public static func temporaryDirectory(_ prefix: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }
}
