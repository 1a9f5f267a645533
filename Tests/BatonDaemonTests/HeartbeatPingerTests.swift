import BatonCore
@testable import BatonDaemon
import BatonHTTP
import BatonSim
import BatonStore
import Foundation
import Logging
import Testing

/// The outbound heartbeat is sent only while this node leads and all is well.
struct HeartbeatPingerTests {
    static func pinger(_ url: String, leadership: Leadership, liveness: Liveness, engine: HTTPEngine, folder: String) throws -> HeartbeatPinger {
        let writer = StateWriter(store: try StateStore(directory: folder), logger: Logger(label: "test"))
        return HeartbeatPinger(url: SecretText(literal: url), engine: engine, leadership: leadership, writer: writer, liveness: liveness, logger: Logger(label: "test"))
    }

    /// Leading and healthy: pings. A standby: silent. A stalled loop: silent, and says which.
    @Test func pingsOnlyWhenLeadingAndHealthy() async throws {
        let simulator = Simulator(endpoints: ["healthchecks": EndpointBehaviour()])
        let port = try await simulator.start()
        let engine = HTTPEngine(maxConcurrency: 4, name: "pinger-test")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("baton-pinger-\(UUID().uuidString)").path
        defer {
            engine.shutdown()
            try? FileManager.default.removeItem(atPath: folder)
        }
        let url = "http://127.0.0.1:\(port)/integrations/healthchecks/health"
        let liveness = Liveness()
        liveness.beat("escalation")

        let leader = try Self.pinger(url, leadership: .single(node: "a", since: Date()), liveness: liveness, engine: engine, folder: folder)
        #expect(await leader.pingIfHealthy() == nil)
        #expect(simulator.hits("healthchecks") == 1)

        let standby = try Self.pinger(url, leadership: .clustered(node: "b"), liveness: liveness, engine: engine, folder: folder)
        #expect(await standby.pingIfHealthy() == nil)
        #expect(simulator.hits("healthchecks") == 1)

        var stalled = leader
        stalled.stallLimit = .zero
        #expect(await stalled.pingIfHealthy() == "escalation stalled")
        #expect(simulator.hits("healthchecks") == 1)
        await simulator.stop()
    }
}
