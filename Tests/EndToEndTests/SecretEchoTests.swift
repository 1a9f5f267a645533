import BatonAPI
import BatonSim
import Foundation
import Testing

/// An endpoint that echoes the API key Baton sent it: the key never reaches a reason, a notice,
/// the API or the log.
struct SecretEchoTests {
    static let canary = "canary-api-key-7f3a9c"

    /// The endpoint answers `{"status": "<the key>"}`; the check expects "ok": the integration goes
    /// down with the value blanked everywhere Baton shows or sends it.
    @Test func anEchoedSecretIsBlanked() async throws {
        var echoing = EndpointBehaviour()
        echoing.jsonStatus = Self.canary
        try await Scenario.with(["consent-sync": echoing]) { scenario in
            let config = """
            defaults: { interval: 1s, timeout: 2s, failure_threshold: 1, escalation: page }
            teams:
              marketing-ops: { name: Marketing Operations, channels: [mops] }
            channels:
              mops: { type: webhook, url: "http://127.0.0.1:\(scenario.port)/_sim/notices/mops", secret: "\(DeliveryTests.secret)", group_wait: 0s }
            escalation_policies:
              page: { steps: [ { after: 0s, notify: [owner] } ] }
            integrations:
              - id: consent-sync
                name: OneTrust consent sync
                owner: marketing-ops
                check:
                  url: "\(scenario.url("consent-sync"))"
                  headers: { X-API-Key: "${env:CONSENT_API_KEY}" }
                  expect:
                    json: [ { pointer: /status, equals: ok } ]
            """
            let daemon = try DaemonHarness(config: config)
            daemon.environment = ["CONSENT_API_KEY": Self.canary]
            try await daemon.start()
            defer { daemon.kill() }
            #expect(try await daemon.waitFor("consent-sync", toBe: "down"), "\(daemon.log)")
            let arrived = await Run.until(timeout: .seconds(15)) { !scenario.simulator.notices("mops").isEmpty }
            #expect(arrived)

            let status = try await daemon.baton(["status", "--json"]).stdout
            #expect(status.contains(#"/status is \"***\", expected \"ok\""#), "\(status)")
            var outputs = [status]
            outputs.append(try await daemon.baton(["show", "consent-sync", "--json"]).stdout)
            outputs.append(try await daemon.baton(["check", "consent-sync", "--json"]).stdout)
            outputs.append(try await daemon.baton(["incidents", "--all", "--json"]).stdout)
            outputs += scenario.simulator.notices("mops").map(\.body)
            outputs.append(daemon.log)
            for output in outputs { #expect(!output.contains(Self.canary), "\(output)") }
        }
    }
}
