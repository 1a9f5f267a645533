import Foundation

/// `openssl s_server` with a fresh self-signed certificate, on a loopback port.
public final class SelfSignedTLSServer {
    public let port: Int
    private let process: Process
    private let directory: URL

    private init(port: Int, process: Process, directory: URL) {
        self.port = port
        self.process = process
        self.directory = directory
    }

    public struct StartFailure: Error, CustomStringConvertible {
        public var description: String
    }

    public static func start() async throws -> SelfSignedTLSServer {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("baton-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let key = directory.appendingPathComponent("key.pem").path
        let cert = directory.appendingPathComponent("cert.pem").path
        let request = try run(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-days", "1",
                               "-keyout", key, "-out", cert])
        request.waitUntilExit()
        guard request.terminationStatus == 0 else { throw StartFailure(description: "openssl req failed") }

        let port = LoopbackPort.closed()
        let server = try run(["s_server", "-accept", "127.0.0.1:\(port)", "-cert", cert, "-key", key, "-www", "-quiet"])
        let tls = SelfSignedTLSServer(port: port, process: server, directory: directory)
        // Ready when it accepts a connection; retried briefly rather than slept for a fixed time.
        for _ in 0..<500 {
            if LoopbackPort.accepts(port) { return tls }
            guard server.isRunning else { break }
            try await Task.sleep(for: .milliseconds(10))
        }
        tls.stop()
        throw StartFailure(description: "openssl s_server did not start listening on \(port)")
    }

    private static func run(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    public func stop() {
        if process.isRunning {
            // SIGKILL, not terminate(): the child inherits the test runner's blocked signal
            // mask, so a SIGTERM would stay pending forever.
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }
}
