import BatonCore
import Foundation
import Testing

@Suite("Config YAML structure")
struct ConfigYAMLTests {
    private func errors(_ yaml: String) throws -> [String] {
        let errors = try #require(throws: ConfigErrors.self) {
            try ConfigLoader(environment: [:]).load(yaml: yaml, file: "baton.yaml")
        }
        return errors.errors.map(\.description)
    }

    /// Duplicate keys are each reported at the repeat, naming the first, and reading goes on.
    @Test func everyDuplicateKeyIsReported() throws {
        let yaml = """
            defaults:
              interval: 1m
              interval: 2m
              interval: 3m
              timeout: soon
            teams: {}
            teams: {}
            """
        #expect(try errors(yaml) == [
            "baton.yaml:3:3: duplicate key `interval` in `defaults` (first at line 2, column 3)",
            "baton.yaml:4:3: duplicate key `interval` in `defaults` (first at line 2, column 3)",
            "baton.yaml:5:12: timeout: expected a duration like 30s, 5m or 2h, found \"soon\"",
            "baton.yaml:7:1: duplicate key `teams` in the top level (first at line 6, column 1)",
        ])
    }

    /// A quoted duplicate key is reported where it is written, like a plain one.
    @Test func quotedDuplicateKeyIsReported() throws {
        #expect(try errors("teams:\n  \"crm\": {}\n  \"crm\": {}\n") == [
            "baton.yaml:3:3: duplicate key `crm` in `teams` (first at line 2, column 3)",
        ])
    }

    /// A value of the wrong shape says what was expected and what was found.
    @Test(arguments: [
        ("teams: [crm]", "baton.yaml:1:8: `teams`: expected a mapping, found a list"),
        ("integrations: { id: x }", "baton.yaml:1:15: integrations: expected a list, found a mapping"),
        ("teams:\n  crm: { name: [a, b] }", "baton.yaml:2:16: name: expected text, found a list"),
        ("defaults: 5", "baton.yaml:1:11: `defaults`: expected a mapping, found 5"),
    ])
    func wrongShapesAreExplained(yaml: String, expected: String) throws {
        #expect(try errors(yaml) == [expected])
    }

    /// An empty document is a valid config that records its file.
    @Test func emptyDocumentIsValid() throws {
        let config = try ConfigLoader(environment: [:]).load(yaml: "", file: "empty.yaml")
        #expect(config == Config(files: ["empty.yaml"]))
    }

    /// `<<` merges several anchors; earlier ones win over later, the mapping's own keys over both.
    @Test func mergeKeysTakeAListOfAnchors() throws {
        let yaml = """
            x-fast: &fast { interval: 10s, timeout: 1s }
            x-slow: &slow { interval: 10m, timeout: 30s, method: HEAD }
            teams: { crm: {} }
            integrations:
              - id: a
                name: A
                owner: crm
                check: { <<: [*fast, *slow], url: "https://a.example.com", timeout: 2s }
            """
        let check = try #require(try ConfigLoader(environment: [:]).load(yaml: yaml, file: "baton.yaml").integration("a")?.check)
        #expect(check.interval == .seconds(10) && check.timeout == .seconds(2) && check.method == "HEAD")
    }

    /// Integrations are read one by one, each item's node tree freed after its turn: an anchor
    /// written in the first item still serves the later ones, which keep their order.
    @Test func anchorInAnEarlierItemServesLaterOnes() throws {
        let yaml = """
            teams: { crm: {} }
            integrations:
              - { id: a, name: A, owner: crm, check: &check { url: "https://a.example.com", interval: 10m } }
              - { id: b, name: B, owner: crm, check: { <<: *check, timeout: 2s } }
              - { id: c, name: C, owner: crm, check: *check }
            """
        let config = try ConfigLoader(environment: [:]).load(yaml: yaml, file: "baton.yaml")
        #expect(config.integrations.map(\.id) == ["a", "b", "c"])
        #expect(config.integration("b")?.check?.interval == .seconds(600) && config.integration("b")?.check?.timeout == .seconds(2))
        #expect(config.integration("c")?.check?.url.revealed == "https://a.example.com")
    }

    /// An error in a later item, a repeated id and a bad list after `integrations:` are reported
    /// at their places, the repeat naming the first item's place, after the earlier items were freed.
    @Test func errorsInLaterItemsKeepTheirPlaces() throws {
        let yaml = """
            teams: { crm: {} }
            integrations:
              - { id: a, name: A, owner: crm, check: &check { url: "https://a.example.com" } }
              - { id: b, name: B, owner: crm, check: { <<: *check, timeout: soon } }
              - { id: a, name: A again, owner: crm, check: *check }
            maintenance:
              - { start: nope }
            """
        #expect(try errors(yaml) == [
            "baton.yaml:4:65: timeout: expected a duration like 30s, 5m or 2h, found \"soon\"",
            "baton.yaml:5:11: id: integration `a` is already defined at baton.yaml:3:11",
            "baton.yaml:7:5: missing required key `match` in a maintenance window",
            "baton.yaml:7:5: missing required key `cron` in a maintenance window",
            "baton.yaml:7:5: missing required key `duration` in a maintenance window",
            "baton.yaml:7:5: missing required key `reason` in a maintenance window",
            "baton.yaml:7:7: unknown key `start` in a maintenance window",
        ])
    }

    /// Longer cycles are found once each, starting at the integration declared first.
    @Test func cyclesAreReportedOncePerCycle() throws {
        let yaml = """
            teams: { crm: {} }
            integrations:
              - { id: a, name: A, owner: crm, depends_on: [b], heartbeat: { token: a, period: 1h } }
              - { id: b, name: B, owner: crm, depends_on: [a, c], heartbeat: { token: b, period: 1h } }
              - { id: c, name: C, owner: crm, depends_on: [b], heartbeat: { token: c, period: 1h } }
            """
        #expect(try errors(yaml) == [
            "baton.yaml:3:48: depends_on: dependency cycle a → b → a",
            "baton.yaml:4:51: depends_on: dependency cycle b → c → b",
        ])
    }
}
