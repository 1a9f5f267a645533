import BatonAPI
import BatonSim
import Foundation
import Testing

/// A dependent that breaches while its upstream has failed probes but no verdict yet waits for it:
/// the race of the demo, where the Braze onboarding sync paged before the Segment API was found down.
struct UpstreamWaitTests {
    static func config(_ scenario: Scenario, upstreamThreshold: Int = 3) -> String {
        """
        defaults: { interval: 1s, timeout: 2s, success_threshold: 1, escalation: page }
        teams:
          marketing-ops: { name: Marketing Operations, channels: [mops] }
        channels:
          mops: { type: slack, url: "http://127.0.0.1:\(scenario.port)/_sim/notices/mops", group_wait: 0s }
        escalation_policies:
          page: { steps: [ { after: 0s, notify: [owner] } ] }
        integrations:
          - id: segment-api
            name: Segment API
            owner: marketing-ops
            failure_threshold: \(upstreamThreshold)
            check: { url: "\(scenario.url("segment-api"))" }
          - id: segment-braze-onboarding
            name: Segment → Braze onboarding
            owner: marketing-ops
            depends_on: [segment-api]
            failure_threshold: 1
            check: { url: "\(scenario.url("segment-braze-onboarding"))" }
        """
    }

    static func waitForFailedProbe(_ daemon: DaemonHarness, _ id: String) async throws -> Bool {
        try await Run.until(timeout: .seconds(10)) {
            try await daemon.status().integrations.first { $0.id == id }?.reason.contains("failed probe") == true
        }
    }

    /// The upstream fails first; the dependent breaches while the upstream is at "failed probe 1
    /// of 3": it opens no incident, and shows blocked once the upstream is down. Only the upstream pages.
    @Test func aDependentWaitsAndIsBlocked() async throws {
        try await Scenario.with(["segment-api": EndpointBehaviour(), "segment-braze-onboarding": EndpointBehaviour()]) { scenario in
            try await DaemonHarness.running(config: Self.config(scenario)) { daemon in
                #expect(try await daemon.waitFor("segment-braze-onboarding", toBe: "healthy"))
                #expect(try await daemon.waitFor("segment-api", toBe: "healthy"))
                scenario.simulator.set("segment-api", DeliveryTests.failing)
                #expect(try await Self.waitForFailedProbe(daemon, "segment-api"), "\(daemon.log)")
                scenario.simulator.set("segment-braze-onboarding", DeliveryTests.failing)
                #expect(try await daemon.waitFor("segment-braze-onboarding", toBe: "blocked", timeout: .seconds(15)), "\(daemon.log)")
                let incidents = try await IncidentTests.incidents(daemon)
                #expect(incidents.map(\.integration) == ["segment-api"], "\(daemon.log)")
            }
        }
    }

    /// The upstream blips once and recovers: the dependent, still down, opens its own incident then.
    @Test func aDependentPagesWhenTheUpstreamRecovers() async throws {
        try await Scenario.with(["segment-api": EndpointBehaviour(), "segment-braze-onboarding": EndpointBehaviour()]) { scenario in
            // A high threshold: segment-api must recover before its verdict, whatever the machine's load.
            try await DaemonHarness.running(config: Self.config(scenario, upstreamThreshold: 8)) { daemon in
                #expect(try await daemon.waitFor("segment-braze-onboarding", toBe: "healthy"))
                #expect(try await daemon.waitFor("segment-api", toBe: "healthy"))
                scenario.simulator.set("segment-api", DeliveryTests.failing)
                #expect(try await Self.waitForFailedProbe(daemon, "segment-api"), "\(daemon.log)")
                scenario.simulator.set("segment-braze-onboarding", DeliveryTests.failing)
                #expect(try await daemon.waitFor("segment-braze-onboarding", toBe: "down", timeout: .seconds(15)), "\(daemon.log)")
                #expect(try await IncidentTests.incidents(daemon).isEmpty, "waits while segment-api has no verdict")
                scenario.simulator.set("segment-api", EndpointBehaviour())
                let opened = try await Run.until(timeout: .seconds(10)) { try await !IncidentTests.incidents(daemon).isEmpty }
                #expect(opened, "\(daemon.log)")
                #expect(try await IncidentTests.incidents(daemon).map(\.integration) == ["segment-braze-onboarding"])
            }
        }
    }
}

/// `daemon.heartbeat_url`: an outside dead-man switch hears from a healthy daemon.
struct OutboundHeartbeatTests {
    /// A running daemon pings its heartbeat URL at once, then every minute.
    @Test func aHealthyDaemonPings() async throws {
        try await Scenario.with(["lead-sync": EndpointBehaviour(), "healthchecks": EndpointBehaviour()]) { scenario in
            let config = """
            daemon: { heartbeat_url: "\(scenario.url("healthchecks"))" }
            teams:
              marketing-ops: { name: Marketing Operations, channels: [] }
            integrations:
              - { id: lead-sync, name: Lead sync, owner: marketing-ops, check: { url: "\(scenario.url("lead-sync"))", interval: 1s } }
            """
            try await DaemonHarness.running(config: config) { daemon in
                let pinged = await Run.until(timeout: .seconds(10)) { scenario.simulator.hits("healthchecks") >= 1 }
                #expect(pinged, "\(daemon.log)")
            }
        }
    }
}
