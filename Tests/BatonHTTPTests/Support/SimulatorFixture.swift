import BatonHTTP
import BatonSim
import Logging

/// A simulator on an ephemeral loopback port with an engine pointed at it; one per test.
struct SimulatorFixture {
    let simulator: Simulator
    let engine: HTTPEngine
    let baseURL: String

    static func start(
        _ endpoints: [String: EndpointBehaviour],
        maxConcurrency: Int = 8,
        engineName: String = "test-http"
    ) async throws -> SimulatorFixture {
        var logger = Logger(label: "baton-sim-test")
        logger.logLevel = .warning
        let simulator = Simulator(host: "127.0.0.1", port: 0, endpoints: endpoints, logger: logger)
        let port = try await simulator.start()
        return SimulatorFixture(
            simulator: simulator,
            engine: HTTPEngine(maxConcurrency: maxConcurrency, name: engineName),
            baseURL: "http://127.0.0.1:\(port)"
        )
    }

    /// Runs `body` against a fresh simulator and engine, and stops both afterwards.
    static func with<T>(
        _ endpoints: [String: EndpointBehaviour],
        maxConcurrency: Int = 8,
        engineName: String = "test-http",
        _ body: (SimulatorFixture) async throws -> T
    ) async throws -> T {
        let fixture = try await start(endpoints, maxConcurrency: maxConcurrency, engineName: engineName)
        do {
            let result = try await body(fixture)
            await fixture.stop()
            return result
        } catch {
            await fixture.stop()
            throw error
        }
    }

    func healthURL(_ name: String) -> String {
        "\(baseURL)/integrations/\(name)/health"
    }

    func request(_ name: String, timeout: Duration = .seconds(10)) -> HTTPRequest {
        HTTPRequest(url: healthURL(name), timeout: timeout)
    }

    func stop() async {
        engine.shutdown()
        await simulator.stop()
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }

    var success: Success? {
        if case .success(let value) = self { return value }
        return nil
    }
}

extension HTTPResponse {
    var text: String { String(decoding: body, as: UTF8.self) }
}
