@testable import BatonSim
import BatonCore
import BatonHTTP
import Foundation
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

// MARK: - Auth and vendor APIs

extension SimulatorTests {
    /// A token from the simulator's generic endpoint, for the default client.
    static func token(_ fixture: SimulatorFixture) async throws -> String {
        let basic = "Basic " + Data("\(AuthSettings.defaultClientID):\(AuthSettings.defaultClientSecret)".utf8).base64EncodedString()
        let request = HTTPRequest(
            url: "\(fixture.baseURL)/oauth2/token", method: "POST",
            headers: [.init(name: "Authorization", value: basic), .init(name: "Content-Type", value: "application/x-www-form-urlencoded")],
            body: Array("grant_type=client_credentials".utf8)
        )
        let response = try #require(await fixture.engine.perform(request).success)
        guard case .object(let members) = try JSONParser.parse(response.body), case .string(let token)? = members["access_token"] else {
            Issue.record("no access_token in \(response.text)")
            return ""
        }
        return token
    }

    /// Each token path answers in its vendor's shape: Salesforce without `expires_in`,
    /// Marketo with credentials in the query of a GET and a lower-case `bearer`.
    @Test(arguments: [
        ("POST", "/oauth2/token", "grant_type=client_credentials&client_id=baton-sim&client_secret=baton-sim-secret&scope=api", ["access_token", "expires_in", "scope", "token_type"]),
        ("POST", "/services/oauth2/token", "grant_type=client_credentials&client_id=baton-sim&client_secret=baton-sim-secret", ["access_token", "id", "instance_url", "issued_at", "scope", "signature", "token_type"]),
        ("GET", "/identity/oauth/token?grant_type=client_credentials&client_id=baton-sim&client_secret=baton-sim-secret", "", ["access_token", "expires_in", "scope", "token_type"]),
    ])
    func tokenEndpointShapes(_ method: String, _ path: String, _ form: String, _ keys: [String]) async throws {
        try await SimulatorFixture.with([:]) { fixture in
            let request = HTTPRequest(
                url: fixture.baseURL + path, method: method,
                headers: [.init(name: "Content-Type", value: "application/x-www-form-urlencoded")],
                body: form.isEmpty ? nil : Array(form.utf8)
            )

            let response = try #require(await fixture.engine.perform(request).success)

            #expect(response.status == 200)
            guard case .object(let members) = try JSONParser.parse(response.body) else {
                Issue.record("not a JSON object: \(response.text)")
                return
            }
            #expect(members.keys.map(\.text).sorted() == keys)
            #expect(fixture.simulator.tokenRequestCount(clientID: "baton-sim") == 1)
        }
    }

    /// The protected resource answers 401 with a bearer challenge to a missing, unknown or
    /// expired token (RFC 6750 §3), and the health document to a valid one.
    @Test func protectedResource() async throws {
        try await SimulatorFixture.with([:]) { fixture in
            let url = "\(fixture.baseURL)/protected/integrations/crm/health"
            func get(_ token: String?) async throws -> HTTPResponse {
                let headers: [HTTPRequest.Header] = token.map { [.init(name: "Authorization", value: "Bearer \($0)")] } ?? []
                return try #require(await fixture.engine.perform(HTTPRequest(url: url, headers: headers, captureHeaders: ["www-authenticate"])).success)
            }
            let token = try await Self.token(fixture)

            let missing = try await get(nil)
            let unknown = try await get("not-a-token")
            let valid = try await get(token)
            fixture.simulator.expireTokens()
            let expired = try await get(token)

            #expect(missing.status == 401)
            #expect(missing.headers["www-authenticate"] == #"Bearer realm="baton-sim""#)
            #expect(unknown.status == 401)
            #expect(unknown.headers["www-authenticate"]?.contains(#"error="invalid_token""#) == true)
            #expect(valid.status == 200)
            #expect(valid.text.hasPrefix(#"{"status":"ok","last_sync":"#))
            #expect(expired.status == 401)
            #expect(expired.headers["www-authenticate"]?.contains("expired") == true)
        }
    }

    enum Tool: String, CaseIterable, CustomTestStringConvertible {
        case salesforce, marketo, hubspot, braze, segment, bigquery, bigqueryFormatted, klaviyo, shopify, meta
        var testDescription: String { rawValue }

        var endpoint: String { self == .bigqueryFormatted ? "bigquery" : rawValue }

        /// The request a recipe sends, with good credentials (`token` is an OAuth token).
        func request(_ base: String, token: String) -> HTTPRequest {
            let key = AuthSettings.defaultAPIKey
            let json = HTTPRequest.Header(name: "Content-Type", value: "application/json")
            switch self {
            case .salesforce:
                return HTTPRequest(url: "\(base)/services/data/v61.0/query?q=SELECT+MAX(LastModifiedDate)+FROM+Lead", headers: [.init(name: "Authorization", value: "Bearer \(token)")])
            case .marketo:
                return HTTPRequest(url: "\(base)/bulk/v1/leads/export/ce45a7a1-f19d-4ce2-882c-a3c795a5d05c/status.json", headers: [.init(name: "Authorization", value: "Bearer \(token)")])
            case .hubspot:
                return HTTPRequest(url: "\(base)/crm/v3/objects/contacts/search", method: "POST", headers: [.init(name: "Authorization", value: "Bearer \(key)"), json],
                                   body: Array(#"{"sorts":[{"propertyName":"hs_lastmodifieddate","direction":"DESCENDING"}],"limit":1}"#.utf8))
            case .braze:
                return HTTPRequest(url: "\(base)/campaigns/details?campaign_id=c-1", headers: [.init(name: "Authorization", value: "Bearer \(key)")])
            case .segment:
                return HTTPRequest(url: "\(base)/warehouses/kjU72LCJexvrqL7G4TMHHN/syncs", headers: [.init(name: "Authorization", value: "Bearer \(key)")])
            case .bigquery, .bigqueryFormatted:
                let sql = self == .bigquery
                    ? "SELECT UNIX_SECONDS(TIMESTAMP_MICROS(MAX(event_timestamp))) AS newest FROM `p.analytics_1.events_*`"
                    : "SELECT FORMAT_TIMESTAMP('%FT%TZ', TIMESTAMP_MICROS(MAX(event_timestamp))) AS newest FROM `p.analytics_1.events_*`"
                return HTTPRequest(url: "\(base)/bigquery/v2/projects/p/queries", method: "POST", headers: [.init(name: "Authorization", value: "Bearer \(token)"), json],
                                   body: Array(#"{"query":\#(JSONValue.string(sql)),"useLegacySql":false}"#.utf8))
            case .klaviyo:
                return HTTPRequest(url: "\(base)/api/events?sort=-datetime&page%5Bsize%5D=1",
                                   headers: [.init(name: "Authorization", value: "Klaviyo-API-Key \(key)"), .init(name: "revision", value: "2024-10-15")])
            case .shopify:
                return HTTPRequest(url: "\(base)/admin/api/2024-10/graphql.json", method: "POST", headers: [.init(name: "X-Shopify-Access-Token", value: key), json],
                                   body: Array(#"{"query":"{ orders(first: 1, sortKey: UPDATED_AT, reverse: true) { edges { node { updatedAt } } } }"}"#.utf8))
            case .meta:
                return HTTPRequest(url: "\(base)/v21.0/1234567890?fields=last_fired_time&access_token=\(key)")
            }
        }

        /// Where the freshness is in the answer, as a recipe's `freshness.pointer` says.
        var pointer: String {
            switch self {
            case .salesforce: "/records/0/expr0"
            case .marketo: "/result/0/finishedAt"
            case .hubspot: "/results/0/updatedAt"
            case .braze: "/last_sent"
            case .segment: "/data/reports/0/end"
            case .bigquery, .bigqueryFormatted: "/rows/0/f/0/v"
            case .klaviyo: "/data/0/attributes/datetime"
            case .shopify: "/data/orders/edges/0/node/updatedAt"
            case .meta: "/last_fired_time"
            }
        }

        /// The same request without credentials, and what the vendor answers to it.
        var refusal: (status: Int, contains: String) {
            switch self {
            case .salesforce: (401, "INVALID_SESSION_ID")
            case .marketo: (200, #""code":"600""#)
            case .hubspot: (401, "INVALID_AUTHENTICATION")
            case .braze: (401, "Invalid API key")
            case .segment: (401, "unauthorized")
            case .bigquery, .bigqueryFormatted: (401, "UNAUTHENTICATED")
            case .klaviyo: (401, "not_authenticated")
            case .shopify: (401, "Invalid API key or access token")
            case .meta: (400, #""code":190"#)
            }
        }
    }

    /// Each vendor API answers in its documented shape, and the freshness a recipe's pointer
    /// reads there is the scenario's `last_sync_age` for the tool, in a form Baton parses.
    @Test(arguments: Tool.allCases)
    func vendorFreshness(_ tool: Tool) async throws {
        try await SimulatorFixture.with([tool.endpoint: EndpointBehaviour(lastSyncAgeSeconds: 7200)]) { fixture in
            let token = try await Self.token(fixture)

            let response = try #require(await fixture.engine.perform(tool.request(fixture.baseURL, token: token)).success)

            #expect(response.status == 200, "\(response.text)")
            let document = try JSONParser.parse(response.body)
            let value = try #require(try JSONPointer(parsing: tool.pointer).resolve(in: document), "\(response.text)")
            let time = try #require(Timestamp.parse(value), "\(value)")
            #expect(abs(Date().timeIntervalSince(time) - 7200) < 60)
            #expect(fixture.simulator.hits(tool.endpoint) == 1)
        }
    }

    /// Without credentials each vendor API refuses the way the vendor does.
    @Test(arguments: Tool.allCases)
    func vendorRefusals(_ tool: Tool) async throws {
        try await SimulatorFixture.with([:]) { fixture in
            var request = tool.request(fixture.baseURL, token: "")
            request.headers.removeAll { ["authorization", "x-shopify-access-token"].contains($0.name.lowercased()) }
            request.url = request.url.replacingOccurrences(of: "access_token=\(AuthSettings.defaultAPIKey)", with: "access_token=wrong")

            let response = try #require(await fixture.engine.perform(request).success)

            #expect(response.status == tool.refusal.status)
            #expect(response.text.contains(tool.refusal.contains))
            #expect(fixture.simulator.hits(tool.endpoint) == 0)
        }
    }

    /// A tool's endpoint fails as its behaviour says, and no sync time reads as `null`.
    @Test func vendorFaultsAndMissingSync() async throws {
        try await SimulatorFixture.with(["salesforce": EndpointBehaviour(status: 503), "braze": EndpointBehaviour(lastSyncAgeSeconds: nil)]) { fixture in
            let token = try await Self.token(fixture)

            let failing = try #require(await fixture.engine.perform(Tool.salesforce.request(fixture.baseURL, token: token)).success)
            let neverSent = try #require(await fixture.engine.perform(Tool.braze.request(fixture.baseURL, token: token)).success)

            #expect(failing.status == 503)
            #expect(neverSent.status == 200)
            #expect(neverSent.text.contains(#""last_sent":null"#))
        }
    }

    /// A scenario's `auth:` sets lifetimes, clients, keys and faults; unknown fields are errors.
    @Test func scenarioAuth() throws {
        let scenario = try Scenario.parse(yaml: """
            endpoints:
              salesforce: { last_sync_age: 3h }
            auth:
              token_lifetime: 2m
              clients: { sfdc-client: sfdc-secret }
              api_key: demo-key
              fault: no_access_token
              service_account_keys: [ keys/ga4.json ]
            """)

        #expect(scenario.authSettings == AuthSettings(clients: ["sfdc-client": "sfdc-secret"], tokenLifetimeSeconds: 120, apiKey: "demo-key", fault: .noAccessToken))
        #expect(scenario.auth.serviceAccountKeys == ["keys/ga4.json"])
        #expect(scenario.behaviours["salesforce"]?.lastSyncAgeSeconds == 10_800)
        #expect(throws: ScenarioError.self) { try Scenario.parse(yaml: "auth: { token_lifetme: 2m }") }
    }

    /// The control API shows and changes the auth settings and expires tokens.
    @Test func authControlAPI() async throws {
        try await SimulatorFixture.with([:]) { fixture in
            let put = HTTPRequest(url: "\(fixture.baseURL)/_sim/auth", method: "PUT", body: Array(#"{"token_lifetime_seconds": 5, "reject_tokens": true}"#.utf8))
            let putResponse = try #require(await fixture.engine.perform(put).success)
            let expire = try #require(await fixture.engine.perform(HTTPRequest(url: "\(fixture.baseURL)/_sim/auth/expire", method: "POST")).success)
            let status = try #require(await fixture.engine.perform(HTTPRequest(url: "\(fixture.baseURL)/_sim/auth")).success)

            #expect(putResponse.status == 200)
            #expect(fixture.simulator.authSettings.tokenLifetimeSeconds == 5)
            #expect(fixture.simulator.authSettings.rejectTokens)
            #expect(expire.status == 200)
            #expect(status.text.contains(#""token_requests":[]"#))
        }
    }
}
