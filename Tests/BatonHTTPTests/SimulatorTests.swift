@testable import BatonSim
import BatonCore
import BatonHTTP
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
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
        case salesforce, marketo, marketoJobs, hubspot, braze, segment, bigquery, bigqueryFormatted, klaviyo, shopify, meta
        var testDescription: String { rawValue }

        var endpoint: String {
            switch self {
            case .bigqueryFormatted: "bigquery"
            case .marketoJobs: "marketo"
            default: rawValue
            }
        }

        /// The request a recipe sends, with good credentials (`token` is an OAuth token).
        func request(_ base: String, token: String) -> HTTPRequest {
            let key = AuthSettings.defaultAPIKey
            let json = HTTPRequest.Header(name: "Content-Type", value: "application/json")
            switch self {
            case .salesforce:
                return HTTPRequest(url: "\(base)/services/data/v61.0/query?q=SELECT+MAX(LastModifiedDate)+FROM+Lead", headers: [.init(name: "Authorization", value: "Bearer \(token)")])
            case .marketo:
                return HTTPRequest(url: "\(base)/bulk/v1/leads/export/ce45a7a1-f19d-4ce2-882c-a3c795a5d05c/status.json", headers: [.init(name: "Authorization", value: "Bearer \(token)")])
            case .marketoJobs:
                return HTTPRequest(url: "\(base)/bulk/v1/activities/export.json?status=completed", headers: [.init(name: "Authorization", value: "Bearer \(token)")])
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
            case .marketo, .marketoJobs: "/result/0/finishedAt"
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
            case .marketo, .marketoJobs: (200, #""code":"600""#)
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

// MARK: - S3

extension SimulatorTests {
    /// Headers that pass the simulator's signature check (it verifies presence and shape, not the HMAC).
    static let signed: [HTTPRequest.Header] = [
        .init(name: "Authorization", value: "AWS4-HMAC-SHA256 Credential=AKIDBATONSIM/20261202/eu-west-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=0123abcd"),
        .init(name: "x-amz-content-sha256", value: "UNSIGNED-PAYLOAD"),
        .init(name: "x-amz-date", value: "20261202T090000Z"),
    ]

    static func s3Fixture(_ buckets: [String: [S3Object]], _ body: (SimulatorFixture) async throws -> Void) async throws {
        try await SimulatorFixture.with([:]) { fixture in
            for (name, objects) in buckets { fixture.simulator.setBucket(name, objects) }
            try await body(fixture)
        }
    }

    static func get(_ fixture: SimulatorFixture, _ pathAndQuery: String, method: String = "GET", headers: [HTTPRequest.Header] = signed) async throws -> HTTPResponse {
        let request = HTTPRequest(
            url: fixture.baseURL + pathAndQuery, method: method, headers: headers,
            captureHeaders: ["last-modified", "content-length", "etag", "content-type", "x-amz-request-id"]
        )
        return try #require(await fixture.engine.perform(request).success)
    }

    /// ListObjectsV2 answers S3's XML: every object under the prefix, in key order, with its
    /// resolved key, millisecond LastModified, quoted ETag and Size, and nothing outside the prefix.
    @Test func s3ListingXML() async throws {
        let objects = [
            S3Object(key: "leads_b.csv", ageSeconds: 7200, size: 12 * 1024),
            S3Object(key: "leads_a.csv", ageSeconds: 60, size: 10),
            S3Object(key: "orders_a.csv", ageSeconds: 60, size: 10),
        ]
        try await Self.s3Fixture(["exports": objects]) { fixture in
            let response = try await Self.get(fixture, "/_s3/exports?list-type=2&prefix=leads_")

            #expect(response.status == 200, "\(response.text)")
            #expect(response.headers["content-type"] == "application/xml")
            let root = try #require(XMLTree.parse(response.body), "\(response.text)")
            #expect(root.name == "ListBucketResult")
            #expect(root.value("Name") == "exports")
            #expect(root.value("Prefix") == "leads_")
            #expect(root.value("KeyCount") == "2")
            #expect(root.value("MaxKeys") == "1000")
            #expect(root.value("IsTruncated") == "false")
            let contents = root.all("Contents")
            #expect(contents.map { $0.value("Key") } == ["leads_a.csv", "leads_b.csv"])
            #expect(contents.map { $0.value("Size") } == ["10", "12288"])
            let modified = try #require(contents.last?.value("LastModified"))
            #expect(modified.count == 24 && modified.hasSuffix("Z") && modified.contains("."), "\(modified)")
            let time = try #require(Timestamp.parse(modified))
            #expect(abs(Date().timeIntervalSince(time) - 7200) < 60)
            #expect(contents.allSatisfy { $0.value("ETag")?.hasPrefix("\"") == true && $0.value("StorageClass") == "STANDARD" })
            #expect(fixture.simulator.s3Requests.last?.region == "eu-west-1")
            #expect(fixture.simulator.s3Requests.last?.accessKeyID == "AKIDBATONSIM")
        }
    }

    /// More objects than `max-keys` come in pages: IsTruncated and NextContinuationToken lead to the
    /// next page until every key was listed once, in order; a delimiter rolls keys up into CommonPrefixes.
    @Test func s3Pagination() async throws {
        let keys = ["a.csv", "b.csv", "c.csv", "d.csv", "e.csv"]
        try await Self.s3Fixture(["exports": keys.map { S3Object(key: $0) }]) { fixture in
            var listed: [String] = []
            var token: String?
            var pages = 0
            repeat {
                let tokenPart = token.map { "&continuation-token=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0) } ?? ""
                let response = try await Self.get(fixture, "/_s3/exports?list-type=2&max-keys=2" + tokenPart)
                let root = try #require(XMLTree.parse(response.body), "\(response.text)")
                listed += root.all("Contents").compactMap { $0.value("Key") }
                token = root.value("NextContinuationToken")
                #expect(root.value("IsTruncated") == (token == nil ? "false" : "true"))
                pages += 1
            } while token != nil && pages < 10
            #expect(listed == keys)
            #expect(pages == 3)

            fixture.simulator.setBucket("nested", ["2026/12/01/a.csv", "2026/12/02/b.csv", "2026/12/02/c.csv", "top.csv"].map { S3Object(key: $0) })
            let rolled = try await Self.get(fixture, "/_s3/nested?list-type=2&prefix=2026/12/&delimiter=/")
            let root = try #require(XMLTree.parse(rolled.body))
            #expect(root.all("CommonPrefixes").map { $0.value("Prefix") } == ["2026/12/01/", "2026/12/02/"])
            #expect(root.all("Contents").isEmpty)
            #expect(root.value("KeyCount") == "2")
        }
    }

    /// Listing pages cut through common prefixes too: a prefix ends a page and the next one resumes after it.
    @Test func s3PaginationAcrossPrefixes() {
        let now = WallClock.now()
        let entries = ["a/1", "a/2", "b/1", "c"].map { S3Listing.Entry(key: $0, lastModified: now, size: 1, eTag: "\"x\"") }
        let first = S3Listing.page(entries, S3Listing.Query(delimiter: "/", maxKeys: 1))
        let second = S3Listing.page(entries, S3Listing.Query(delimiter: "/", maxKeys: 5, continuationToken: first.nextContinuationToken))

        #expect(first.commonPrefixes == ["a/"] && first.isTruncated)
        #expect(second.commonPrefixes == ["b/"] && second.contents.map(\.key) == ["c"] && !second.isTruncated)
        #expect(S3Listing.query(from: ["max-keys": "-1"]) == .failure(.init(message: "Provided max-keys not an integer or within integer range")))
        #expect(S3Listing.query(from: ["continuation-token": "not base64!"]) == .failure(.init(message: "The continuation token provided is incorrect")))
    }

    /// HEAD on an object gives its Last-Modified, Content-Length and ETag without a body; GET gives
    /// exactly that many bytes; a key template resolves to the date of the object's modification time.
    @Test func s3HeadAndGet() async throws {
        let objects = [S3Object(key: "crm/leads_{date}.csv", ageSeconds: 26 * 3600, size: 100_000)]
        try await Self.s3Fixture(["exports": objects]) { fixture in
            let modified = Date().addingTimeInterval(-26 * 3600)
            let formatter = DateFormatter()
            formatter.dateFormat = "yyyyMMdd"
            formatter.timeZone = TimeZone(identifier: "UTC")
            let key = "crm/leads_\(formatter.string(from: modified)).csv"

            let head = try await Self.get(fixture, "/_s3/exports/" + key, method: "HEAD")
            let get = try await Self.get(fixture, "/_s3/exports/" + key)

            #expect(head.status == 200)
            #expect(head.body.isEmpty)
            #expect(head.headers["content-length"] == "100000")
            #expect(head.headers["content-type"] == "text/csv")
            let lastModified = try #require(head.headers["last-modified"].flatMap { Timestamp.parse($0) }, "\(head.headers)")
            #expect(abs(lastModified.timeIntervalSince(modified)) < 60)
            #expect(head.headers["etag"] == get.headers["etag"] && head.headers["etag"]?.count == 34)
            #expect(get.status == 200 && get.body.count == 100_000)
            #expect(get.text.hasPrefix("email,first_name,last_name,source,created_at\n"))
        }
    }

    /// libcurl's own SigV4 (the engine's `awsSigV4` authentication) passes the simulator's check, and
    /// a file-info transfer reads the object's time and size from HEAD, as the daemon's probe will.
    @Test func s3AcceptsLibcurlSigV4() async throws {
        try await Self.s3Fixture(["exports": [S3Object(key: "leads.csv", ageSeconds: 7200, size: 2048)]]) { fixture in
            let signature = AWSSignature(region: "eu-west-1", service: "s3", accessKeyID: "AKIDBATONSIM", secretAccessKey: "canary-secret-key")
            let request = HTTPRequest(url: fixture.baseURL + "/_s3/exports/leads.csv", operation: .fileInfo, authentication: .awsSigV4(signature))

            let response = try #require(await fixture.engine.perform(request).success)

            #expect(response.status == 200)
            #expect(response.contentLength == 2048)
            let fileTime = try #require(response.fileTime)
            #expect(abs(Date().timeIntervalSince(fileTime) - 7200) < 60)
            let record = try #require(fixture.simulator.s3Requests.last)
            #expect(record.method == "HEAD" && record.accessKeyID == "AKIDBATONSIM" && record.region == "eu-west-1" && record.service == "s3")
            #expect(record.contentSHA256 == "UNSIGNED-PAYLOAD")
        }
    }

    /// A missing key is 404 NoSuchKey (XML on GET, no body on HEAD), a missing bucket 404 NoSuchBucket,
    /// and a request without a SigV4 Authorization or without x-amz-content-sha256 is 403 AccessDenied.
    @Test(arguments: [
        ("GET", "/_s3/exports/missing.csv", SimulatorTests.signed, 404, "NoSuchKey"),
        ("HEAD", "/_s3/exports/missing.csv", SimulatorTests.signed, 404, ""),
        ("GET", "/_s3/nothing?list-type=2", SimulatorTests.signed, 404, "NoSuchBucket"),
        ("GET", "/_s3/exports/present.csv", [], 403, "AccessDenied"),
        ("GET", "/_s3/exports?list-type=2", Array(SimulatorTests.signed.dropFirst()), 403, "AccessDenied"),
        ("GET", "/_s3/exports/present.csv", [SimulatorTests.signed[0]], 403, "x-amz-content-sha256"),
        ("GET", "/_s3/exports/present.csv", [.init(name: "Authorization", value: "Bearer baton-sim-api-key"), SimulatorTests.signed[1]], 403, "AccessDenied"),
        ("GET", "/_s3/exports", SimulatorTests.signed, 501, "ListObjectsV2"),
        ("GET", "/_s3/exports?list-type=2&max-keys=many", SimulatorTests.signed, 400, "InvalidArgument"),
    ] as [(String, String, [HTTPRequest.Header], Int, String)])
    func s3Refusals(_ method: String, _ path: String, _ headers: [HTTPRequest.Header], _ status: Int, _ code: String) async throws {
        try await Self.s3Fixture(["exports": [S3Object(key: "present.csv")]]) { fixture in
            let response = try await Self.get(fixture, path, method: method, headers: headers)

            #expect(response.status == status, "\(response.text)")
            if method == "HEAD" {
                #expect(response.body.isEmpty)
            } else {
                let root = try #require(XMLTree.parse(response.body), "\(response.text)")
                #expect(root.name == "Error")
                #expect(root.value("Code").map { code.isEmpty || $0 == code || response.text.contains(code) } == true, "\(response.text)")
                #expect(root.value("RequestId")?.isEmpty == false)
            }
            #expect(fixture.simulator.s3Requests.last?.answeredStatus == status)
        }
    }

    /// The control API changes an object by its template or its resolved key (making it stale or
    /// empty), removes it, and replaces a bucket; the listing follows at once.
    @Test func s3ControlAPI() async throws {
        try await Self.s3Fixture(["exports": [S3Object(key: "leads_{date}.csv", ageSeconds: 60, size: 4096)]]) { fixture in
            let base = fixture.baseURL + "/_sim/buckets/exports"
            let put = HTTPRequest(url: base + "/leads_%7Bdate%7D.csv", method: "PUT", body: Array(#"{"age": "26h", "size": 0}"#.utf8))
            #expect(try #require(await fixture.engine.perform(put).success).status == 200)
            #expect(fixture.simulator.buckets["exports"] == [S3Object(key: "leads_{date}.csv", ageSeconds: 93_600, size: 0)])

            let listing = try XMLTree.parse(await Self.get(fixture, "/_s3/exports?list-type=2").body)
            let resolved = try #require(listing?.all("Contents").first?.value("Key"))
            #expect(listing?.all("Contents").first?.value("Size") == "0")

            let byResolved = HTTPRequest(url: base + "/" + resolved, method: "PUT", body: Array(#"{"size": "12KiB"}"#.utf8))
            #expect(try #require(await fixture.engine.perform(byResolved).success).status == 200)
            #expect(fixture.simulator.buckets["exports"]?.first?.size == 12_288)

            let bad = HTTPRequest(url: base + "/x.csv", method: "PUT", body: Array(#"{"colour": "red"}"#.utf8))
            let badResponse = try #require(await fixture.engine.perform(bad).success)
            #expect(badResponse.status == 400 && badResponse.text.contains("unknown object field colour"))

            let delete = HTTPRequest(url: base + "/" + resolved, method: "DELETE")
            #expect(try #require(await fixture.engine.perform(delete).success).status == 200)
            #expect(fixture.simulator.buckets["exports"] == [])

            let replace = HTTPRequest(url: base, method: "PUT", body: Array(#"{"objects": [{"key": "a.csv", "age": "2h"}, {"key": "b.csv", "size": 5}]}"#.utf8))
            #expect(try #require(await fixture.engine.perform(replace).success).status == 200)
            #expect(fixture.simulator.buckets["exports"] == [S3Object(key: "a.csv", ageSeconds: 7200), S3Object(key: "b.csv", size: 5)])
            let view = try #require(await fixture.engine.perform(HTTPRequest(url: fixture.baseURL + "/_sim/buckets")).success)
            #expect(view.text.contains(#""resolved_key":"a.csv""#))
        }
    }

    /// A scenario's `buckets:` take human ages and sizes, and its timeline can age, empty or remove an object.
    @Test func s3Scenario() throws {
        let scenario = try Scenario.parse(yaml: """
            buckets:
              exports:
                - { key: "leads_{date}.csv", age: 2h, size: 12KiB }
                - { key: orders.csv }
            timeline:
              - { after: 3m, bucket: exports, key: "leads_{date}.csv", set: { age: 26h } }
              - { after: 4m, bucket: exports, key: orders.csv, remove: true }
            """)

        #expect(scenario.buckets["exports"] == [S3Object(key: "leads_{date}.csv", ageSeconds: 7200, size: 12_288), S3Object(key: "orders.csv")])
        #expect(scenario.timeline == [
            TimelineEvent(after: .seconds(180), change: .object(bucket: "exports", key: "leads_{date}.csv", S3ObjectPatch(ageSeconds: 93_600))),
            TimelineEvent(after: .seconds(240), change: .removeObject(bucket: "exports", key: "orders.csv")),
        ])
        #expect(throws: ScenarioError.self) { try Scenario.parse(yaml: "buckets: { exports: [ { age: 2h } ] }") }
        #expect(throws: ScenarioError.self) { try Scenario.parse(yaml: "buckets: { exports: [ { key: a, size: huge } ] }") }
        #expect(throws: ScenarioError.self) { try Scenario.parse(yaml: "bucket: { exports: [] }") }
    }

    /// Timeline events age, create and remove objects by themselves after start.
    @Test func s3TimelineApplies() async throws {
        var logger = Logger(label: "baton-sim-test")
        logger.logLevel = .warning
        let simulator = Simulator(
            timeline: [
                TimelineEvent(after: .milliseconds(10), change: .object(bucket: "exports", key: "a.csv", S3ObjectPatch(ageSeconds: 93_600))),
                TimelineEvent(after: .milliseconds(20), change: .object(bucket: "new", key: "b.csv", S3ObjectPatch(size: 0))),
                TimelineEvent(after: .milliseconds(30), change: .removeObject(bucket: "exports", key: "gone.csv")),
            ],
            buckets: ["exports": [S3Object(key: "a.csv"), S3Object(key: "gone.csv")]],
            logger: logger
        )
        _ = try await simulator.start()

        await simulator.timelineFinished()
        let buckets = simulator.buckets
        await simulator.stop()

        #expect(buckets["exports"] == [S3Object(key: "a.csv", ageSeconds: 93_600)])
        #expect(buckets["new"] == [S3Object(key: "b.csv", size: 0)])
    }

    /// Sizes read as people write them.
    @Test(arguments: [("0", 0), ("512", 512), ("512B", 512), ("12KiB", 12_288), ("1.5MB", 1_500_000), ("2 GiB", 2_147_483_648)] as [(String, Int)])
    func humanSizes(_ text: String, _ bytes: Int) {
        #expect(HumanSize.bytes(in: text) == bytes)
    }
}

/// A minimal DOM over Foundation's XMLParser, to read the simulator's XML as a client would.
final class XMLTree: NSObject, XMLParserDelegate {
    final class Node {
        let name: String
        var text = ""
        var children: [Node] = []

        init(name: String) { self.name = name }

        func all(_ name: String) -> [Node] { children.filter { $0.name == name } }
        func value(_ name: String) -> String? { children.first { $0.name == name }?.text }
    }

    private var stack: [Node] = []
    private var root: Node?

    static func parse(_ bytes: [UInt8]) -> Node? {
        let tree = XMLTree()
        let parser = XMLParser(data: Data(bytes))
        parser.delegate = tree
        guard parser.parse() else { return nil }
        return tree.root
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        stack.append(Node(name: elementName))
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        guard let node = stack.popLast() else { return }
        if let parent = stack.last { parent.children.append(node) } else { root = node }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        stack.last?.text += string
    }
}
