import BatonSim
import Foundation

/// A simulator of integration endpoints on an ephemeral loopback port, and a config pointing at it.
struct Scenario {
    let simulator: Simulator
    let port: Int

    static func start(_ endpoints: [String: EndpointBehaviour]) async throws -> Scenario {
        let simulator = Simulator(endpoints: endpoints)
        let port = try await simulator.start()
        return Scenario(simulator: simulator, port: port)
    }

    /// Runs `body` with simulated endpoints and stops them afterwards.
    static func with<T>(_ endpoints: [String: EndpointBehaviour], _ body: (Scenario) async throws -> T) async throws -> T {
        let scenario = try await start(endpoints)
        do {
            let result = try await body(scenario)
            await scenario.simulator.stop()
            return result
        } catch {
            await scenario.simulator.stop()
            throw error
        }
    }

    func url(_ name: String) -> String { "http://127.0.0.1:\(port)/integrations/\(name)/health" }

    /// A config with the given integrations (YAML list items, indented by two), one team, fast probes.
    func config(interval: String = "1s", timeout: String = "2s", failureThreshold: Int = 2, integrations: String) -> String {
        """
        defaults:
          interval: \(interval)
          timeout: \(timeout)
          failure_threshold: \(failureThreshold)
          success_threshold: 2
        teams:
          marketing-ops: { name: Marketing Operations, channels: [] }
        integrations:
        \(integrations)
        """
    }
}
