import BatonCore
@testable import BatonDaemon
import BatonHTTP
import BatonSim
import Foundation
import Synchronization
import Testing

/// OAuth2 probes scheduled like any other: once a token is cached they go out as one transfer with
/// it, and a 401 to it (revoked, ran out early) still drops it, fetches one more and tries once again.
struct OAuthProbeSchedulerTests {
    final class Seen: Sendable {
        /// Integration, and the status answered (nil: a token failure).
        let results = Mutex<[(String, Int?)]>([])

        func since(_ mark: Int) -> [(String, Int?)] { results.withLock { Array($0.dropFirst(mark)) } }
        var count: Int { results.withLock { $0.count } }
    }

    @Test func sharedTokenSurvivesExpiryAndFailsWhenRejected() async throws {
        let simulator = Simulator(auth: AuthSettings(clients: ["baton": "canary-secret-42"], tokenLifetimeSeconds: 3600))
        let port = try await simulator.start()
        let engine = HTTPEngine(maxConcurrency: 8, name: "oauth-scheduler-test")
        defer { engine.shutdown() }
        let scheduler = ProbeScheduler(engine: engine, runner: ProbeRunner(engine: engine, tokens: .init(engine: engine)), clock: { World.t0 })
        let seen = Seen()
        scheduler.deliver { id, observation, _, _ in
            let status: Int? = if case .answered(let answer) = observation.result { answer.status } else { nil }
            seen.results.withLock { $0.append((id, status)) }
        }
        let credential = OAuth2Credential(
            tokenURL: SecretText(literal: "http://127.0.0.1:\(port)/oauth2/token"), clientID: SecretText(literal: "baton"),
            clientSecret: SecretText(revealed: "canary-secret-42", redacted: "***")
        )
        let ids = ["crm", "leads", "email", "ads"]
        scheduler.replaceAll(ids.map { id in
            let url = SecretText(literal: "http://127.0.0.1:\(port)/protected/integrations/\(id)/health")
            return (id: id, check: HTTPCheck(url: url, interval: .seconds(1), auth: .oauth2(credential)))
        })
        /// Every integration got at least `probes` results after `mark`.
        func each(_ probes: Int, after mark: Int) -> Bool {
            let results = seen.since(mark)
            return ids.allSatisfy { id in results.filter { $0.0 == id }.count >= probes }
        }

        scheduler.start()
        // The first probes fetch the token; the later ones go out with the cached one.
        #expect(await eventually { each(3, after: 0) })
        #expect(seen.since(0).allSatisfy { $0.1 == 200 })
        #expect(simulator.tokenRequestCount() == 1)

        simulator.expireTokens()
        let expired = seen.count
        #expect(await eventually { each(3, after: expired) })
        #expect(seen.since(expired).allSatisfy { $0.1 == 200 })
        #expect(simulator.tokenRequestCount() == 2)

        _ = simulator.updateAuth(AuthPatch(rejectTokens: true))
        let rejected = seen.count
        // A probe sent before the change may still have been answered 200; then only token failures.
        #expect(await eventually { ids.allSatisfy { id in seen.since(rejected).filter { $0.0 == id && $0.1 == nil }.count >= 2 } })
        #expect(seen.since(rejected).allSatisfy { $0.1 == nil || $0.1 == 200 })
        scheduler.endAll()
        await simulator.stop()
    }
}
