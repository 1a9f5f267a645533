import BatonHTTP
import BatonSim
import Testing

@Suite("HTTPEngine answers")
struct EngineResponseTests {
    /// Given a healthy endpoint, a probe returns its status, JSON body and only the asked-for headers.
    @Test func healthyAnswerWithBodyAndCapturedHeaders() async throws {
        try await SimulatorFixture.with([
            "lead-sync": EndpointBehaviour(lastSyncAgeSeconds: 240, queueDepth: 7, lastModifiedAgeSeconds: 3600),
        ]) { fixture in
            var request = fixture.request("lead-sync")
            request.captureHeaders = ["last-modified", "content-type"]

            let response = try #require(await fixture.engine.perform(request).success)

            #expect(response.status == 200)
            #expect(response.text.hasPrefix(#"{"status":"ok","last_sync":""#))
            #expect(response.text.hasSuffix(#","queue_depth":7}"#))
            #expect(response.headers["content-type"] == "application/json")
            #expect(response.headers["last-modified"]?.hasSuffix(" GMT") == true)
            #expect(response.headers["date"] == nil)
            #expect(response.totalTime > .zero)
        }
    }

    /// Without `captureHeaders` no header callback is installed and no header is kept.
    @Test func noHeadersUnlessAsked() async throws {
        try await SimulatorFixture.with(["a": EndpointBehaviour(lastModifiedAgeSeconds: 60)]) { fixture in
            let response = try #require(await fixture.engine.perform(fixture.request("a")).success)

            #expect(response.headers.isEmpty)
        }
    }

    /// A status the server chose (503, 404) is a response, not a transfer error.
    @Test(arguments: [("web-forms", 503), ("no-such-endpoint", 404)])
    func errorStatusesAreResponses(name: String, status: Int) async throws {
        try await SimulatorFixture.with(["web-forms": EndpointBehaviour(status: 503)]) { fixture in
            let response = try #require(await fixture.engine.perform(fixture.request(name)).success)

            #expect(response.status == status)
        }
    }

    /// An HTML page where JSON was expected comes back byte for byte: judging it is the caller's job.
    @Test func notJSONBodyComesBackIntact() async throws {
        try await SimulatorFixture.with(["html": EndpointBehaviour(mode: .notJSON)]) { fixture in
            let response = try #require(await fixture.engine.perform(fixture.request("html")).success)

            #expect(response.status == 200)
            #expect(response.text.hasPrefix("<!DOCTYPE html>"))
            #expect(response.text.contains("<h1>Service Unavailable</h1>"))
        }
    }

    /// HEAD gets the status without a body.
    @Test func headRequest() async throws {
        try await SimulatorFixture.with(["a": EndpointBehaviour()]) { fixture in
            var request = fixture.request("a")
            request.method = "HEAD"

            let response = try #require(await fixture.engine.perform(request).success)

            #expect(response.status == 200)
            #expect(response.body.isEmpty)
        }
    }

    /// With redirects not followed (webhooks), a 302 is simply the response.
    @Test func redirectNotFollowedIsAResponse() async throws {
        try await SimulatorFixture.with(["loop": EndpointBehaviour(mode: .redirectLoop)]) { fixture in
            var request = fixture.request("loop")
            request.followRedirects = false
            request.captureHeaders = ["location"]

            let response = try #require(await fixture.engine.perform(request).success)

            #expect(response.status == 302)
            #expect(response.headers["location"] == "/integrations/loop/health")
        }
    }

    /// A body sent with PUT reaches the server intact (the simulator's control API applies it).
    @Test func requestBodyIsSent() async throws {
        try await SimulatorFixture.with(["a": EndpointBehaviour()]) { fixture in
            let patch = Array(#"{"status": 503, "json_status": "degraded"}"#.utf8)
            let request = HTTPRequest(
                url: "\(fixture.baseURL)/_sim/endpoints/a",
                method: "PUT",
                headers: [.init(name: "Content-Type", value: "application/json")],
                body: patch
            )

            let response = try #require(await fixture.engine.perform(request).success)

            #expect(response.status == 200)
            #expect(fixture.simulator.behaviour("a")?.status == 503)
            #expect(fixture.simulator.behaviour("a")?.jsonStatus == "degraded")
        }
    }
}
