import Foundation
import TestSupport

/// The outcome of a finished command.
struct CommandResult: Sendable {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs executables for the end-to-end tests without blocking Swift's cooperative threads:
/// the simulators these tests talk to run on the same small pool.
enum Run {
    /// Runs a command to completion and captures its output (through files, so a chatty
    /// child can never fill a pipe and stall).
    /// `standardOutput`: a file for the command's standard output instead of `stdout` (say `/dev/full`).
    static func command(
        _ path: String, _ arguments: [String], environment: [String: String] = [:], standardOutput: String? = nil
    ) async throws -> CommandResult {
        let folder = NSTemporaryDirectory() + "baton-run-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let outPath = folder + "/out"
        let errPath = folder + "/err"

        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env.removeValue(forKey: "BATON_SOCKET")
        env.removeValue(forKey: "BATON_CONFIG")
        for (key, value) in environment { env[key] = value }
        let command = SpawnCommand(path, arguments, environment: .replacing(env), standardInput: .null,
                                   standardOutput: .truncate(standardOutput ?? outPath), standardError: .truncate(errPath))
        let process: SpawnedProcess
        do {
            process = try command.spawn()
        } catch {
            throw RunError.couldNotStart(path)
        }
        let termination = await process.terminated()
        return CommandResult(
            status: termination.status,
            stdout: standardOutput == nil ? (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "" : "",
            stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        )
    }

    /// Polls `condition` until it holds or `timeout` passes: waits for an event, never a fixed time.
    static func until(timeout: Duration, every step: Duration = .milliseconds(50), _ condition: () async throws -> Bool) async rethrows -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try? await Task.sleep(for: step)
        }
        return try await condition()
    }
}

enum RunError: Error {
    case couldNotStart(String)
}
