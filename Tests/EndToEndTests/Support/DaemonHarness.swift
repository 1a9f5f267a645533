import BatonAPI
import Foundation

/// A real `batond` on a temporary config, state folder and socket.
final class DaemonHarness {
    let folder: String
    let configPath: String
    var process: Process?
    let logPath: String

    var socketPath: String { folder + "/baton.sock" }
    var stateDirectory: String { folder + "/state" }

    init(config: String) throws {
        folder = NSTemporaryDirectory() + "baton-e2e-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        configPath = folder + "/baton.yaml"
        logPath = folder + "/batond.log"
        try config.write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    deinit {
        if let process, process.isRunning { process.terminate() }
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Starts the daemon and waits until its socket answers.
    func start() throws {
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Binaries.batond)
        process.arguments = ["--config", configPath, "--state-dir", stateDirectory, "--socket", socketPath, "--log-level", "debug"]
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        log.seekToEndOfFile()
        process.standardError = log
        process.standardOutput = log
        try process.run()
        self.process = process
        let ready = Run.until(timeout: .seconds(20)) {
            guard process.isRunning else { return true }
            // Exit 3 also means "something unknown": readiness is an answer that decodes.
            return (try? status()) != nil
        }
        guard ready, process.isRunning else {
            throw HarnessError.daemonDidNotStart(log: self.log)
        }
    }

    /// Sends SIGTERM and returns the exit status and how long the daemon took to stop.
    func stop() -> (Int32, Duration) {
        guard let process, process.isRunning else { return (process?.terminationStatus ?? -1, .zero) }
        let start = ContinuousClock.now
        process.terminate()
        process.waitUntilExit()
        self.process = nil
        return (process.terminationStatus, ContinuousClock.now - start)
    }

    /// Runs `baton` against this daemon.
    func baton(_ arguments: [String]) throws -> CommandResult {
        try Run.command(Binaries.baton, arguments + ["--socket", socketPath])
    }

    /// `baton status --json`, decoded.
    func status() throws -> StatusResponse {
        let result = try baton(["status", "--json"])
        return try WireFormat.decoder().decode(StatusResponse.self, from: Data(result.stdout.utf8))
    }

    /// The state of one integration, or `nil`.
    func state(of id: String) throws -> String? {
        try status().integrations.first { $0.id == id }?.state
    }

    /// Waits until `id` is in `state`.
    func waitFor(_ id: String, toBe state: String, timeout: Duration = .seconds(15)) throws -> Bool {
        try Run.until(timeout: timeout) { try self.state(of: id) == state }
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
