@testable import BatonCore
import Foundation
import Testing

/// Every number, duration and size in a config has a range (``ConfigLimits``): a value outside
/// it is an error at its place, and the table in docs/config.md is the same as the code's.
@Suite("Config value ranges")
struct ConfigLimitsTests {
    /// Every ranged key just outside its range gives `key: must be at least/most X, found Y` at
    /// its line and column, including values too large for their type.
    @Test func valuesOutsideTheirRangesAreLocatedErrors() throws {
        let lines = try ConfigFixtures.load("bad/ranges.yaml").errorLines
        let expected = [
            "bad/ranges.yaml:3:20: max_concurrency: must be at most 10000, found 10001",
            "bad/ranges.yaml:4:14: retention: must be at least 1d, found 12h",
            "bad/ranges.yaml:6:64: lease: must be at least 3s, found 2s",
            "bad/ranges.yaml:7:22: timeout: must be at most 5m, found 6m",
            "bad/ranges.yaml:7:36: max_body: must be at most 64MiB, found 65MiB",
            "bad/ranges.yaml:7:53: interval: must be at most 1d, found 1157407d9h",
            "bad/ranges.yaml:7:86: failure_threshold: must be at most 1000, found 1001",
            "bad/ranges.yaml:11:71: max_age: must be at least 1m, found 30s",
            "bad/ranges.yaml:11:88: group_wait: must be at most 10m, found 11m",
            "bad/ranges.yaml:15:18: after: must be at most 30d, found 31d",
            "bad/ranges.yaml:16:19: repeat_every: must be at least 1s, found 500ms",
            "bad/ranges.yaml:18:62: duration: must be at most 30d, found 31d",
            "bad/ranges.yaml:20:53: since: must be at most 400d, found 401d",
            "bad/ranges.yaml:25:24: failure_threshold: must be at least 1, found -1",
            "bad/ranges.yaml:26:24: success_threshold: must be at most 1000, found 99999999999999999999999",
            "bad/ranges.yaml:29:17: interval: must be at most 1d, found 2d",
            "bad/ranges.yaml:30:16: timeout: must be at least 100ms, found 50ms",
            "bad/ranges.yaml:31:17: max_body: must be at least 1B, found 0",
            "bad/ranges.yaml:33:18: status: must be at least 100, found 99",
            "bad/ranges.yaml:34:22: max_latency: must be at most 5m, found 6m",
            "bad/ranges.yaml:35:19: min_size: must be at most 1TiB, found 2TiB",
            "bad/ranges.yaml:36:37: warn_before: must be at most 400d, found 401d",
            "bad/ranges.yaml:37:45: warn_after: must be at least 1s, found 500ms",
            "bad/ranges.yaml:37:64: error_after: must be at most 400d, found 401d",
            "bad/ranges.yaml:38:26: availability: must be above 0%, found 0%",
            "bad/ranges.yaml:38:38: window: must be at least 1d, found 12h",
            "bad/ranges.yaml:42:40: period: must be at most 366d, found 367d",
            "bad/ranges.yaml:42:53: grace: must be at most 30d, found 31d",
            "bad/ranges.yaml:46:40: period: must be at most 366d, found 99999999999999999999…",
        ]
        #expect(lines.count == expected.count, "got:\n\(lines.joined(separator: "\n"))")
        for (line, expected) in zip(lines, expected) {
            #expect(line.hasSuffix(expected), "got: \(line)")
        }
    }

    /// A value in the right form but too large for any type (400 nines) is out of range, not of
    /// the wrong kind, and is shown cut short.
    @Test(arguments: [
        ("max_concurrency", ConfigLimitsTests.nines, "max_concurrency: must be at most 10000, found \(ConfigLimitsTests.clipped)"),
        ("max_concurrency", "-" + ConfigLimitsTests.nines, "max_concurrency: must be at least 1, found -" + ConfigLimitsTests.clipped.dropFirst()),
        ("retention", ConfigLimitsTests.nines + "d", "retention: must be at most 3650d, found \(ConfigLimitsTests.clipped)"),
        ("retention", ConfigLimitsTests.nines + ".5ms", "retention: must be at most 3650d, found \(ConfigLimitsTests.clipped)"),
        ("retention", "9000000000000s", "retention: must be at most 3650d, found 9000000000000s"),
    ])
    func hugeDaemonValuesAreOutOfRange(key: String, value: String, message: String) {
        let errors = Self.errors("daemon:\n  \(key): \(value)\n")
        #expect(errors == ["huge.yaml:2:\(key.count + 5): \(message)"])
    }

    /// The same for a check's duration, size and count, and for a percentage.
    @Test(arguments: [
        ("interval: \(ConfigLimitsTests.nines)s", "interval: must be at most 1d, found \(ConfigLimitsTests.clipped)"),
        ("max_body: \(ConfigLimitsTests.nines)MiB", "max_body: must be at most 64MiB, found \(ConfigLimitsTests.clipped)"),
        ("max_body: 99999999999TiB", "max_body: must be at most 64MiB, found 99999999999TiB"),
        ("expect: { status: [\(ConfigLimitsTests.nines)] }", "status: must be at most 599, found \(ConfigLimitsTests.clipped)"),
    ])
    func hugeCheckValuesAreOutOfRange(setting: String, message: String) {
        let errors = Self.errors("""
            teams: { crm: { name: CRM } }
            integrations:
              - { id: a, name: A, owner: crm, check: { url: "https://a.example.com", \(setting) } }
            """)
        #expect(errors.count == 1 && errors.first?.hasSuffix(message) == true, "got: \(errors)")
    }

    /// An SLA of 400 nines per cent is above 100%.
    @Test func hugePercentageIsOutOfRange() {
        let errors = Self.errors("""
            teams: { crm: { name: CRM } }
            integrations:
              - { id: a, name: A, owner: crm, check: { url: "https://a.example.com" }, sla: { availability: \(Self.nines)% } }
            """)
        #expect(errors.count == 1 && errors.first?.hasSuffix("availability: must be at most 100%, found \(Self.clipped)") == true,
                "got: \(errors)")
    }

    /// Both ends of every range are accepted: the bounds are inclusive, as docs/config.md says.
    @Test(arguments: [true, false])
    func boundsAreAccepted(least: Bool) throws {
        func pick(_ range: ClosedRange<Duration>) -> String { ConfigLimits.text(least ? range.lowerBound : range.upperBound) }
        func count(_ range: ClosedRange<Int>) -> String { "\(least ? range.lowerBound : range.upperBound)" }
        func size(_ range: ClosedRange<Int>) -> String { ConfigLimits.sizeText(least ? range.lowerBound : range.upperBound) }
        typealias L = ConfigLimits
        // error_before may not exceed warn_before, and warn_after must be below error_after: keep those apart.
        let yaml = """
            daemon: { max_concurrency: \(count(L.maxConcurrency)), retention: \(pick(L.retention)) }
            storage: { postgres: { url: "postgres://baton@db.example/baton", lease: \(pick(L.lease)) } }
            defaults:
              interval: \(pick(L.interval))
              timeout: \(pick(L.timeout))
              max_body: \(size(L.maxBody))
              failure_threshold: \(count(L.threshold))
              success_threshold: \(count(L.threshold))
            teams: { crm: { name: CRM, channels: [chat] } }
            channels:
              chat: { type: slack, url: "https://hooks.slack.example/x", max_age: \(pick(L.maxAge)), group_wait: \(pick(L.groupWait)) }
            escalation_policies:
              p: { steps: [{ after: \(pick(L.escalationAfter)), notify: [owner] }], repeat_every: \(pick(L.repeatEvery)) }
            maintenance:
              - { match: { tags: [x] }, cron: "0 2 * * SUN", duration: \(pick(L.maintenanceDuration)), reason: patching }
            digests:
              - { cron: "0 9 * * MON", channels: [chat], since: \(pick(L.digestSince)) }
            integrations:
              - id: a
                name: A
                owner: crm
                escalation: p
                check:
                  url: https://a.example.com
                  interval: \(pick(L.interval))
                  timeout: \(pick(L.timeout))
                  max_body: \(size(L.maxBody))
                  expect:
                    status: [\(count(L.status))]
                    max_latency: \(pick(L.maxLatency))
                    min_size: \(size(L.minSize))
                    certificate: { warn_before: \(pick(L.certificate)), error_before: \(pick(L.certificate)) }
                sla: { availability: \(least ? "0.001%" : "100%"), window: \(pick(L.slaWindow)) }
              - id: b
                name: B
                owner: crm
                check:
                  url: https://b.example.com
                  freshness: { pointer: /t, \(least ? "error_after" : "warn_after"): \(pick(L.freshness)) \(least ? "" : ", error_after: 401d") }
              - { id: c, name: C, owner: crm, heartbeat: { token: c-1, period: \(pick(L.heartbeatPeriod)), grace: \(pick(L.heartbeatGrace)) } }
            """
        if least {
            let config = try ConfigLoader(environment: [:]).load(yaml: yaml, file: "bounds.yaml")
            #expect(config.daemon.maxConcurrency == 1 && config.integration("c")?.heartbeat?.grace == .zero)
        } else {
            // warn_after at its most needs an error_after above it, which is out of range: the one error.
            #expect(Self.errors(yaml, file: "bounds.yaml").map { $0.components(separatedBy: ": ").dropFirst().joined(separator: ": ") }
                == ["error_after: must be at most 400d, found 401d"])
        }
    }

    /// Every default lies inside its range.
    @Test func defaultsAreInRange() {
        for limit in ConfigLimits.all {
            #expect(limit.defaultIsInRange, "\(limit.keys): default \(limit.defaultText ?? "none") outside \(limit.least)–\(limit.most)")
        }
    }

    /// docs/config.md lists exactly the ranges of ``ConfigLimits/all``, in the same order: key,
    /// where, least, most and default.
    @Test func documentedTableMatchesTheCode() throws {
        let doc = try String(contentsOf: ConfigFixtures.repositoryRoot.appendingPathComponent("docs/config.md"), encoding: .utf8)
        let rows = doc.split(separator: "\n").filter { $0.hasPrefix("| `") }.map { line in
            line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.prefix(5).map { String($0) }
        }
        let code = ConfigLimits.all.map { limit in
            [
                limit.keys.map { "`\($0)`" }.joined(separator: ", "), limit.sections.map { "`\($0)`" }.joined(separator: ", "),
                limit.least, limit.most, limit.defaultText ?? "—",
            ]
        }
        #expect(rows.count == code.count)
        for (row, expected) in zip(rows, code) {
            #expect(row == expected)
        }
    }

    // MARK: - Helpers

    static let nines = String(repeating: "9", count: 400)
    /// How an error shows a long value: its first 20 characters.
    static let clipped = String(repeating: "9", count: 20) + "…"

    static func errors(_ yaml: String, file: String = "huge.yaml") -> [String] {
        do {
            _ = try ConfigLoader(environment: [:]).load(yaml: yaml, file: file)
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }
}
