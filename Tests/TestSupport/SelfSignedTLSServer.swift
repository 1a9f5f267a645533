import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `openssl s_server` with a fresh self-signed certificate, on a loopback port.
public final class SelfSignedTLSServer {
    public let port: Int
    private let process: SpawnedProcess
    private let directory: URL

    private init(port: Int, process: SpawnedProcess, directory: URL) {
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
        let request = try openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-days", "1",
                                   "-keyout", key, "-out", cert]).spawn()
        guard await request.terminated() == .exited(0) else { throw StartFailure(description: "openssl req failed") }

        // The port is free when chosen but bound by s_server only later: another test's server may
        // take it first. Then s_server exits, and a later attempt takes another port.
        for _ in 0..<5 {
            let port = LoopbackPort.closed()
            let server = try openssl(["s_server", "-accept", "127.0.0.1:\(port)", "-cert", cert, "-key", key, "-www", "-quiet"]).spawn()
            let tls = SelfSignedTLSServer(port: port, process: server, directory: directory)
            // Ready when it accepts a connection while still running; retried briefly rather than slept for a fixed time.
            for _ in 0..<500 {
                guard server.isRunning else { break }
                if LoopbackPort.accepts(port) {
                    if server.isRunning { return tls }
                    break
                }
                try await Task.sleep(for: .milliseconds(10))
            }
            if server.signal(SIGKILL) { server.waitUntilExit() }
        }
        try? FileManager.default.removeItem(at: directory)
        throw StartFailure(description: "openssl s_server did not start listening")
    }

    private static func openssl(_ arguments: [String]) -> SpawnCommand {
        SpawnCommand("/usr/bin/openssl", arguments, standardInput: .null, standardOutput: .null, standardError: .null)
    }

    public func stop() {
        if process.signal(SIGKILL) {
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }
}
