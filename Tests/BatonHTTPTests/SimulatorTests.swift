@testable import BatonSim
import BatonHTTP
import Logging
import Testing

@Suite("Simulator")
struct SimulatorTests {
    /// The control API lists behaviours and merges a JSON patch, creating an endpoint if new.
    @Test func controlAPI() async throws {
        try await SimulatorFixture.with(["lead-sync": EndpointBehaviour()]) { fixture in
            let put = HTTPRequest(url: "\(fixture.baseURL)/_sim/endpoints/consent-sync", method: "PUT",
                                  body: Array(#"{"status": 503, "last_sync_age_seconds": null, "mode": "not_json"}"#.utf8))
            let putResponse = try #require(await fixture.engine.perform(put).success)
            let list = try #require(await fixture.engine.perform(HTTPRequest(url: "\(fixture.baseURL)/_sim/endpoints")).success)
            let bad = HTTPRequest(url: "\(fixture.baseURL)/_sim/endpoints/x", method: "PUT", body: Array(#"{"stauts": 503}"#.utf8))
            let badResponse = try #require(await fixture.engine.perform(bad).success)

            #expect(putResponse.status == 200)
            #expect(fixture.simulator.behaviour("consent-sync") == EndpointBehaviour(status: 503, lastSyncAgeSeconds: nil, mode: .notJSON))
            #expect(list.text.contains(#""consent-sync":{"json_status":"ok","last_modified_age_seconds":null,"last_sync_age_seconds":null"#))
            #expect(list.text.contains(#""lead-sync":{"#))
            #expect(badResponse.status == 400)
            #expect(badResponse.text.contains("unknown endpoint field stauts"))
            #expect(fixture.simulator.behaviour("x") == nil)
        }
    }

    /// A patch changes only the fields it names.
    @Test func patchMerges() {
        let simulator = Simulator()
        simulator.set("a", EndpointBehaviour(status: 200, latencyMs: 50, queueDepth: 9))

        let merged = simulator.update("a", EndpointPatch(status: 503))

        #expect(merged == EndpointBehaviour(status: 503, latencyMs: 50, queueDepth: 9))
    }

    /// A scenario file gives endpoints with human durations and a timeline.
    @Test func scenarioParsing() throws {
        let yaml = """
            endpoints:
              lead-sync: { last_sync_age: 4m }
              consent-sync: { last_sync_age: 3h12m, status: 200 }
              web-forms: { status: 503, latency: 1.5s }
              ga4-export: { last_sync_age: none, last_modified_age: 2d, last_sync_format: epoch_seconds }
            timeline:
              - { after: 90s, endpoint: consent-sync, set: { status: 503 } }
              - { after: 500ms, endpoint: web-forms, set: { mode: close_connection } }
            """

        let scenario = try Scenario.parse(yaml: yaml)
        let behaviours = scenario.behaviours

        #expect(behaviours["lead-sync"]?.lastSyncAgeSeconds == 240)
        #expect(behaviours["consent-sync"]?.lastSyncAgeSeconds == 11_520)
        #expect(behaviours["web-forms"] == EndpointBehaviour(status: 503, latencyMs: 1500))
        #expect(behaviours["ga4-export"] == EndpointBehaviour(lastSyncAgeSeconds: nil, lastSyncFormat: .epochSeconds, lastModifiedAgeSeconds: 172_800))
        #expect(scenario.timeline == [
            TimelineEvent(after: .seconds(90), endpoint: "consent-sync", patch: EndpointPatch(status: 503)),
            TimelineEvent(after: .milliseconds(500), endpoint: "web-forms", patch: EndpointPatch(mode: .closeConnection)),
        ])
    }

    /// A bad scenario is reported with where and what was expected.
    @Test(arguments: [
        ("endpoints: { a: { last_sync_age: soon } }", "last_sync_age must be a duration like 500ms, 90s, 4m, 3h12m or 1d"),
        ("endpoints: { a: { colour: red } }", "at endpoints.a: unknown endpoint field colour"),
        ("endpoints: { a: { mode: sleepy } }", "unknown mode \"sleepy\""),
        ("timeline: [ { endpoint: a, set: {} } ]", "needs `after:`"),
    ])
    func scenarioErrors(_ yaml: String, _ expected: String) {
        #expect {
            try Scenario.parse(yaml: yaml, source: "demo.yaml")
        } throws: { error in
            "\(error)".hasPrefix("demo.yaml: ") && "\(error)".contains(expected)
        }
    }

    /// Timeline events are applied by themselves after start.
    @Test func timelineApplies() async throws {
        var logger = Logger(label: "baton-sim-test")
        logger.logLevel = .warning
        let simulator = Simulator(endpoints: ["a": EndpointBehaviour()],
                                  timeline: [TimelineEvent(after: .milliseconds(20), endpoint: "a", patch: EndpointPatch(status: 503))],
                                  logger: logger)
        _ = try await simulator.start()

        await simulator.timelineFinished()
        let status = simulator.behaviour("a")?.status
        await simulator.stop()

        #expect(status == 503)
    }

    /// `last_sync` is written in each supported format.
    @Test(arguments: [
        (EndpointBehaviour.TimestampFormat.rfc3339, #""last_sync":"2026-11-23T10:00:00Z""#),
        (.rfc3339Fraction, #""last_sync":"2026-11-23T10:00:00.250Z""#),
        (.epochSeconds, #""last_sync":1795428000,"#),
        (.epochMilliseconds, #""last_sync":1795428000250,"#),
        (.garbage, #""last_sync":"yesterday""#),
    ])
    func timestampFormats(_ format: EndpointBehaviour.TimestampFormat, _ expected: String) {
        let now = WallClock(secondsSinceEpoch: 1_795_428_060.25)

        let document = HealthDocument.render(EndpointBehaviour(lastSyncAgeSeconds: 60, lastSyncFormat: format), now: now)

        #expect(document.contains(expected))
        #expect(document.hasPrefix(#"{"status":"ok","#))
    }

    /// Only loopback addresses are accepted for listening.
    @Test(arguments: [("127.0.0.1", true), ("127.3.2.1", true), ("::1", true), ("localhost", true),
                      ("0.0.0.0", false), ("10.0.0.1", false), ("::", false), ("example.com", false)])
    func loopbackOnly(_ host: String, _ allowed: Bool) async {
        #expect(Simulator.isLoopback(host) == allowed)
        if !allowed {
            await #expect(throws: SimulatorError.self) { try await Simulator(host: host).start() }
        }
    }
}
