import BatonHTTP
import BatonSim
import Foundation
import Logging
import Testing

@Suite("HTTPEngine over a Unix socket")
struct UnixSocketTests {
    /// `unixSocketPath` sends the request to a server on a Unix socket, as the CLI talks to the daemon.
    @Test func requestOverUnixSocket() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("baton-\(UUID().uuidString.prefix(8)).sock").path
        var logger = Logger(label: "baton-sim-test")
        logger.logLevel = .warning
        let simulator = Simulator(address: .unixSocket(path: path), endpoints: ["a": EndpointBehaviour(queueDepth: 3)], logger: logger)
        _ = try await simulator.start()
        let engine = HTTPEngine(maxConcurrency: 2)

        let result = await engine.perform(HTTPRequest(url: "http://localhost/integrations/a/health", unixSocketPath: path))

        engine.shutdown()
        await simulator.stop()
        try? FileManager.default.removeItem(atPath: path)
        let response = try #require(result.success)
        #expect(response.status == 200)
        #expect(response.text.hasSuffix(#""queue_depth":3}"#))
    }

    /// A missing socket file is a `.connect` failure that names the socket.
    @Test func missingSocket() async {
        let path = "/tmp/baton-no-such-\(UUID().uuidString.prefix(8)).sock"
        let engine = HTTPEngine(maxConcurrency: 1)
        defer { engine.shutdown() }

        let error = await engine.perform(HTTPRequest(url: "http://localhost/v1/status", unixSocketPath: path)).failure

        #expect(error?.kind == .connect)
        #expect(error?.message == "no such socket (unix socket \(path))")
    }
}
