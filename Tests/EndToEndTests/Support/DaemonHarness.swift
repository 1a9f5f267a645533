import BatonAPI
import Foundation
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A real `batond` on a temporary config, state folder and socket.
final class DaemonHarness {
    let folder: String
    let configPath: String
    var process: SpawnedProcess?
    let logPath: String

    var socketPath: String { folder + "/baton.sock" }
    /// The daemon's `--state-dir`; a test may point it elsewhere before `start()`.
    lazy var stateDirectory: String = folder + "/state"

    init(config: String) throws {
        folder = NSTemporaryDirectory() + "baton-e2e-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        configPath = folder + "/baton.yaml"
        logPath = folder + "/batond.log"
        try config.write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    /// Runs `body` against a started daemon and stops it afterwards, whatever `body` does.
    static func running<T>(config: String, _ body: (DaemonHarness) async throws -> T) async throws -> T {
        let daemon = try DaemonHarness(config: config)
        try await daemon.start()
        do {
            let result = try await body(daemon)
            await daemon.stop()
            return result
        } catch {
            await daemon.stop()
            throw error
        }
    }

    deinit {
        process?.signal(SIGTERM)
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Extra environment for the daemon (NOTIFY_SOCKET, WATCHDOG_USEC…).
    var environment: [String: String] = [:]

    /// Starts the daemon and waits until its socket answers.
    func start() async throws {
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let process = try SpawnCommand(
            Binaries.batond, ["--config", configPath, "--state-dir", stateDirectory, "--socket", socketPath, "--log-level", "debug"],
            environment: environment.isEmpty ? .inherit : .adding(environment),
            standardOutput: .append(logPath), standardError: .append(logPath)
        ).spawn()
        self.process = process
        let ready = await Run.until(timeout: .seconds(20)) {
            guard process.isRunning else { return true }
            // Exit 3 also means "something unknown": readiness is an answer that decodes.
            return (try? await status()) != nil
        }
        guard ready, process.isRunning else {
            throw HarnessError.daemonDidNotStart(log: self.log)
        }
    }

    /// Sends SIGTERM and returns the exit status and how long the daemon took to stop.
    @discardableResult
    func stop() async -> (Int32, Duration) {
        guard let process, process.isRunning else { return (process?.termination?.status ?? -1, .zero) }
        let start = ContinuousClock.now
        process.signal(SIGTERM)
        let stopped = await Run.until(timeout: .seconds(30), every: .milliseconds(10)) { !process.isRunning }
        self.process = nil
        guard stopped, let termination = process.termination else {
            // Killed instead: report a status no exit has.
            process.signal(SIGKILL)
            await process.terminated()
            return (-1, ContinuousClock.now - start)
        }
        return (termination.status, ContinuousClock.now - start)
    }

    /// Sends a signal (SIGHUP to reload).
    func signal(_ number: Int32) {
        process?.signal(number)
    }

    /// Kills the daemon with SIGKILL: no shutdown, no last write.
    func kill() {
        guard let process, process.isRunning else { return }
        process.signal(SIGKILL)
        process.waitUntilExit()
        self.process = nil
    }

    /// Runs `baton` against this daemon.
    func baton(_ arguments: [String]) async throws -> CommandResult {
        try await Run.command(Binaries.baton, arguments + ["--socket", socketPath])
    }

    /// `baton status --json`, decoded.
    func status() async throws -> StatusResponse {
        let result = try await baton(["status", "--json"])
        return try WireFormat.decoder().decode(StatusResponse.self, from: Data(result.stdout.utf8))
    }

    /// The state of one integration, or `nil`.
    func state(of id: String) async throws -> String? {
        try await status().integrations.first { $0.id == id }?.state
    }

    /// Waits until `id` is in `state`.
    func waitFor(_ id: String, toBe state: String, timeout: Duration = .seconds(15)) async throws -> Bool {
        try await Run.until(timeout: timeout) { try await self.state(of: id) == state }
    }

    /// The daemon's peak resident memory (VmHWM), in kilobytes.
    var peakResidentKilobytes: Int? {
        guard let pid = process?.pid,
              let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return nil }
        return line.split(separator: " ").dropFirst().first.flatMap { Int($0) }
    }

    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }
}

enum HarnessError: Error, CustomStringConvertible {
    case daemonDidNotStart(log: String)

    var description: String {
        switch self {
        case .daemonDidNotStart(let log): "batond did not start:\n\(log)"
        }
    }
}
