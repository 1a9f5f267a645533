import BatonCore
import Foundation
import Testing

@Suite("Config values from good fixtures")
struct ConfigGoodFixtureTests {
    private func load(_ name: String) throws -> Config {
        try ConfigFixtures.load("good/\(name)").get()
    }

    /// An empty (comments-only) file is a valid config with every default.
    @Test func emptyFileGivesDefaults() throws {
        let config = try load("empty.yaml")
        #expect(config.daemon == DaemonSettings())
        #expect(config.defaults == Defaults())
        #expect(config.teams.isEmpty && config.integrations.isEmpty)
        #expect(config.files == [try ConfigFixtures.path("good/empty.yaml")])
    }

    /// Defaults fill what an integration leaves out: thresholds, no escalation, a 0s grace.
    @Test func minimalConfigInheritsDefaults() throws {
        let config = try load("minimal.yaml")
        let path = try ConfigFixtures.path("good/minimal.yaml")
        #expect(config.teams == [Team(id: "data", name: "Data team", channels: [])])
        let expected = Integration(
            id: "ga4-bigquery-export", name: "GA4 daily export", owner: "data",
            probe: .heartbeat(Heartbeat(token: SecretText(literal: "ga4-export-token"), period: .seconds(86_400), grace: .zero)),
            failureThreshold: 3, successThreshold: 2, escalation: nil,
            location: SourceLocation(file: path, line: 6, column: 5)
        )
        #expect(config.integrations == [expected])
    }

    /// Every section and check option reads into the shared model, with the right types.
    @Test func fullConfigReadsEveryKey() throws {
        let config = try load("checks.yaml")
        #expect(config.daemon == DaemonSettings(
            http: ListenAddress(host: "::1", port: 9470), maxConcurrency: 32, retention: .seconds(30 * 86_400),
            publicURL: "https://baton.example.com"
        ))
        #expect(config.daemon.http?.description == "[::1]:9470")
        #expect(config.defaults == Defaults(
            interval: .seconds(120), timeout: .seconds(5), failureThreshold: 4, successThreshold: 1,
            escalation: "standard", maxBodyBytes: 512 * 1024
        ))
        #expect(config.team("exec") == Team(id: "exec", name: "exec", channels: ["audit"]))
        #expect(config.channel("audit") == Channel(
            id: "audit", type: .webhook, url: SecretText(literal: "https://hooks.internal.example/baton"),
            secret: SecretText(literal: "whsec_c2VjcmV0")
        ))
        #expect(config.policy("standard") == EscalationPolicy(id: "standard", steps: [
            EscalationStep(after: .zero, notify: [.owner]),
            EscalationStep(after: .seconds(1800), notify: [.accountable, .team("exec")]),
            EscalationStep(after: .seconds(5400), notify: [.channel("audit")]),
        ], repeatEvery: .seconds(4 * 3600)))
        #expect(config.maintenance == [MaintenanceWindow(
            match: IntegrationMatcher(integrations: ["consent-sync"], tags: ["crm"]),
            cron: try CronSchedule(parsing: "0 2 * * SUN"), duration: .seconds(7200),
            reason: "vendor maintenance", timezone: "Europe/Berlin"
        )])
        #expect(config.digests == [Digest(
            cron: try CronSchedule(parsing: "0 9 * * MON-FRI"), channels: ["mops-slack"], since: .seconds(86_400)
        )])
    }

    /// A check's own settings win over defaults; JSON literals follow the YAML core schema.
    @Test func checkSettingsAndJSONLiterals() throws {
        let config = try load("checks.yaml")
        let consent = try #require(config.integration("consent-sync"))
        #expect(consent.tools == ["OneTrust", "Marketo"])
        #expect(consent.accountable == "exec" && consent.informed == ["exec"])
        #expect(consent.journey == [.acquisition, .retention])
        #expect(consent.failureThreshold == 2 && consent.successThreshold == 1)
        #expect(consent.sla == SLATarget(availability: 99.9, window: .seconds(30 * 86_400)))
        let check = try #require(consent.check)
        #expect(check == HTTPCheck(
            url: SecretText(literal: "https://consent.example.com/api/sync/status"),
            method: "POST",
            headers: [
                HTTPHeaderField(name: "Accept", value: SecretText(literal: "application/json")),
                HTTPHeaderField(name: "X-Count", value: SecretText(literal: "5")),
            ],
            interval: .seconds(30),
            timeout: .seconds(5),
            expect: Expectations(
                status: [204],
                maxLatency: .milliseconds(1500),
                json: [
                    JSONCondition(pointer: try JSONPointer(parsing: "/status"), test: .equals(.string("ok"))),
                    JSONCondition(pointer: try JSONPointer(parsing: "/count"), test: .equals(.number(5))),
                    JSONCondition(pointer: try JSONPointer(parsing: "/healthy"), test: .equals(.bool(true))),
                    JSONCondition(pointer: try JSONPointer(parsing: "/error"), test: .equals(.null)),
                    JSONCondition(pointer: try JSONPointer(parsing: "/code"), test: .notEquals(.string("5"))),
                    JSONCondition(pointer: try JSONPointer(parsing: "/queue_depth"), test: .lessThan(10_000)),
                    JSONCondition(pointer: try JSONPointer(parsing: "/ratio"), test: .greaterThan(0.5)),
                    JSONCondition(pointer: try JSONPointer(parsing: "/paused"), test: .exists(false)),
                ],
                bodyContains: "\"ok\""
            ),
            freshness: FreshnessRule(source: .header("Last-Modified"), warnAfter: .seconds(600), errorAfter: .seconds(900)),
            maxBodyBytes: 64 * 1024
        ))
        let review = try #require(config.integration("review-feed")?.check)
        #expect(review.interval == .seconds(120) && review.timeout == .seconds(5) && review.maxBodyBytes == 512 * 1024)
        #expect(review.method == "GET" && review.expect.status == nil)
        #expect(review.freshness == FreshnessRule(source: .pointer(try JSONPointer(parsing: "/last_sync")), errorAfter: .seconds(6 * 3600)))
        #expect(config.integration("review-feed")?.dependsOn == ["consent-sync"])
        #expect(config.integration("review-feed")?.escalation == "standard")
    }

    /// `x-` keys hold anchors, and `<<` merges them; a check's own keys win over merged ones.
    @Test func anchorsAndMergeKeys() throws {
        let config = try load("anchors.yaml")
        let sfdc = try #require(config.integration("sfdc-api")?.check)
        let hubspot = try #require(config.integration("hubspot-forms")?.check)
        #expect(sfdc.interval == .seconds(300) && sfdc.expect.status == [200, 203])
        #expect(sfdc.url.revealed == "https://sfdc.example.com/health")
        #expect(hubspot.interval == .seconds(60) && hubspot.expect.status == [200, 203])
    }
}
