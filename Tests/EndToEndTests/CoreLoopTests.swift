import BatonAPI
import BatonSim
import Foundation
import Testing

/// The core loop end to end: the real batond polls a loopback simulator, the real baton reads it.
struct CoreLoopTests {
    /// Given endpoints that are healthy, stale, slow, failing, wrong and hanging, batond reaches every
    /// state of SPEC.md with the plain reasons an operator reads, and `baton status` exits 2.
    @Test func everyStateWithItsReason() async throws {
        var slow = EndpointBehaviour()
        slow.latencyMs = 300
        var stale = EndpointBehaviour()
        stale.lastSyncAgeSeconds = 3 * 3600 + 12 * 60
        var failing = EndpointBehaviour()
        failing.status = 503
        var wrong = EndpointBehaviour()
        wrong.jsonStatus = "error"
        var hanging = EndpointBehaviour()
        hanging.mode = .hang
        let endpoints = [
            "fine": EndpointBehaviour(), "slow": slow, "stale": stale, "failing": failing, "wrong": wrong,
            "hanging": hanging, "downstream": EndpointBehaviour(),
        ]
        try await Scenario.with(endpoints) { scenario in
            let config = scenario.config(integrations: """
                  - { id: fine, name: Fine, owner: marketing-ops, check: { url: "\(scenario.url("fine"))", freshness: { pointer: /last_sync, warn_after: 30m, error_after: 2h } } }
                  - { id: slow, name: Slow, owner: marketing-ops, check: { url: "\(scenario.url("slow"))", expect: { max_latency: 100ms } } }
                  - { id: stale, name: Stale, owner: marketing-ops, check: { url: "\(scenario.url("stale"))", freshness: { pointer: /last_sync, warn_after: 30m, error_after: 2h } } }
                  - { id: failing, name: Failing, owner: marketing-ops, check: { url: "\(scenario.url("failing"))" } }
                  - { id: wrong, name: Wrong, owner: marketing-ops, check: { url: "\(scenario.url("wrong"))", expect: { json: [ { pointer: /status, equals: ok } ] } } }
                  - { id: hanging, name: Hanging, owner: marketing-ops, check: { url: "\(scenario.url("hanging"))" } }
                  - { id: downstream, name: Downstream, owner: marketing-ops, depends_on: [failing], check: { url: "\(scenario.url("downstream"))" } }
                  - { id: pushed, name: Pushed, owner: marketing-ops, heartbeat: { token: t0ken, period: 1h } }
                """)
            try await DaemonHarness.running(config: config) { daemon in
                let expected = [
                    "fine": "healthy", "slow": "degraded", "stale": "stale", "failing": "down",
                    "wrong": "down", "hanging": "down", "downstream": "blocked", "pushed": "unknown",
                ]
                let settled = try await Run.until(timeout: .seconds(20)) {
                    let states = Dictionary(uniqueKeysWithValues: try await daemon.status().integrations.map { ($0.id, $0.state) })
                    return states == expected
                }
                let status = try await daemon.status()
                #expect(settled, "states: \(status.integrations.map { "\($0.id)=\($0.state) (\($0.reason))" })\n\(daemon.log)")
                let reasons = Dictionary(uniqueKeysWithValues: status.integrations.map { ($0.id, $0.reason) })
                #expect(reasons["stale"] == "last_sync 3h12m old (error after 2h)")
                #expect(reasons["failing"] == "HTTP 503")
                #expect(reasons["wrong"] == #"/status is "error", expected "ok""#)
                #expect(reasons["hanging"] == "timeout after 2s")
                #expect(reasons["downstream"] == "blocked by failing (down)")
                #expect(reasons["slow"]?.hasPrefix("slow: ") == true)
                #expect(status.summary.down == 3 && status.summary.blocked == 1 && status.summary.unknown == 1)
                #expect(status.integrations.first { $0.id == "stale" }?.dataAgeSeconds.map { $0 >= 11_520 } == true)

                let table = try await daemon.baton(["status"])
                #expect(table.status == 2)
                #expect(table.stdout.contains("last_sync 3h12m old (error after 2h)"))
                #expect(try await daemon.baton(["status", "--state", "healthy"]).status == 0)
                #expect(try await daemon.baton(["status", "--state", "degraded", "--json"]).status == 1)
                #expect(try await daemon.baton(["status", "--owner", "nobody"]).status == 0)
                // A write that fails (a full disk under the redirect) is said, with the unknown exit code.
                let full = try await Run.command(Binaries.baton, ["status", "--json", "--socket", daemon.socketPath], standardOutput: "/dev/full")
                #expect(full.status == 3)
                #expect(full.stderr.contains("cannot write the answer to standard output: No space left on device"))

                // Breaches open incidents; a blocked integration gets none, and its upstream's incident lists it.
                let listed = try await daemon.baton(["incidents", "--json"])
                let incidents = try WireFormat.decoder().decode(IncidentsResponse.self, from: Data(listed.stdout.utf8)).incidents
                #expect(Set(incidents.map(\.integration)) == ["stale", "failing", "wrong", "hanging"])
                #expect(incidents.first { $0.integration == "failing" }?.blocks == ["downstream"])
            }
        }
    }

    /// Given a healthy integration, when its endpoint starts serving old data and then failing,
    /// `baton status --json` shows stale within one interval, then down after the failure threshold.
    @Test func followsAnEndpointThatChanges() async throws {
        try await Scenario.with(["lead-sync": EndpointBehaviour()]) { scenario in
            let config = scenario.config(integrations: """
                  - id: lead-sync
                    name: Salesforce → Marketo lead sync
                    owner: marketing-ops
                    check:
                      url: "\(scenario.url("lead-sync"))"
                      freshness: { pointer: /last_sync, warn_after: 30m, error_after: 2h }
                """)
            try await DaemonHarness.running(config: config) { daemon in
                #expect(try await daemon.waitFor("lead-sync", toBe: "healthy"), "\(daemon.log)")

                var old = EndpointBehaviour()
                old.lastSyncAgeSeconds = 3 * 3600
                scenario.simulator.set("lead-sync", old)
                // One interval is 1 s; allow for the probe in flight and the poll.
                #expect(try await daemon.waitFor("lead-sync", toBe: "stale", timeout: .seconds(4)))

                var failing = EndpointBehaviour()
                failing.status = 500
                scenario.simulator.set("lead-sync", failing)
                #expect(try await daemon.waitFor("lead-sync", toBe: "down", timeout: .seconds(5)))

                scenario.simulator.set("lead-sync", EndpointBehaviour())
                #expect(try await daemon.waitFor("lead-sync", toBe: "healthy", timeout: .seconds(6)))
                let detail = try await daemon.baton(["show", "lead-sync", "--json"])
                let parsed = try WireFormat.decoder().decode(IntegrationDetail.self, from: Data(detail.stdout.utf8))
                let path = parsed.transitions.reversed().map(\.to)
                #expect(path == ["healthy", "stale", "down", "healthy"], "\(parsed.transitions)")
                #expect(parsed.probes.count >= 4)
            }
        }
    }

    /// Given a daemon that saw a stale and a down integration, when it is stopped with SIGTERM and
    /// started again, it exits 0 within 10 s and `baton status` shows the last known states at once;
    /// an integration removed from the config disappears from status and keeps its history.
    @Test func restartKeepsStateAndHistory() async throws {
        var stale = EndpointBehaviour()
        stale.lastSyncAgeSeconds = 5 * 3600
        var failing = EndpointBehaviour()
        failing.status = 503
        try await Scenario.with(["stale": stale, "failing": failing]) { scenario in
            let both = """
                  - { id: stale, name: Stale, owner: marketing-ops, check: { url: "\(scenario.url("stale"))", timeout: 5s, freshness: { pointer: /last_sync, error_after: 2h } } }
                  - { id: failing, name: Failing, owner: marketing-ops, check: { url: "\(scenario.url("failing"))", timeout: 5s } }
                """
            let daemon = try DaemonHarness(config: scenario.config(integrations: both))
            try await daemon.start()
            #expect(try await daemon.waitFor("stale", toBe: "stale"))
            #expect(try await daemon.waitFor("failing", toBe: "down"))
            let before = try await daemon.status()

            // Probes in flight must not hold up the stop.
            var hanging = EndpointBehaviour()
            hanging.mode = .hang
            scenario.simulator.set("stale", hanging)
            scenario.simulator.set("failing", hanging)
            let (code, took) = await daemon.stop()
            #expect(code == 0)
            #expect(took < .seconds(10))

            // Every probe after the restart hangs for 5 s: what status shows now can only come from the database.
            try await daemon.start()
            let after = try await daemon.status()
            for id in ["stale", "failing"] {
                let old = before.integrations.first { $0.id == id }
                let new = after.integrations.first { $0.id == id }
                #expect(new?.state == old?.state)
                #expect(new?.reason == old?.reason)
                #expect(new?.since == old?.since)
                #expect(new?.lastProbeAt != nil)
            }
            await daemon.stop()

            try scenario.config(integrations: """
                  - { id: failing, name: Failing, owner: marketing-ops, check: { url: "\(scenario.url("failing"))", timeout: 5s } }
                """).write(toFile: daemon.configPath, atomically: true, encoding: .utf8)
            try await daemon.start()
            #expect(try await daemon.status().integrations.map(\.id) == ["failing"])
            await daemon.stop()

            try scenario.config(integrations: both).write(toFile: daemon.configPath, atomically: true, encoding: .utf8)
            try await daemon.start()
            let shown = try await daemon.baton(["show", "stale", "--json"])
            await daemon.stop()
            let detail = try WireFormat.decoder().decode(IntegrationDetail.self, from: Data(shown.stdout.utf8))
            #expect(detail.transitions.contains { $0.to == "stale" })
        }
    }

    /// `baton check ID` probes now and prints the verdict with every rule's outcome; exit 2 on a failing rule.
    @Test func checkOnRequestExplainsTheVerdict() async throws {
        var wrong = EndpointBehaviour()
        wrong.jsonStatus = "error"
        try await Scenario.with(["zendesk": wrong]) { scenario in
            let config = scenario.config(interval: "1h", integrations: """
                  - id: zendesk
                    name: Zendesk → Salesforce
                    owner: marketing-ops
                    check:
                      url: "\(scenario.url("zendesk"))"
                      expect: { status: [200], json: [ { pointer: /status, equals: ok } ] }
                      freshness: { pointer: /last_sync, error_after: 1h }
                """)
            try await DaemonHarness.running(config: config) { daemon in
                let text = try await daemon.baton(["check", "zendesk"])
                #expect(text.status == 2)
                #expect(text.stdout.contains(#"/status is "error", expected "ok""#))
                #expect(text.stdout.contains("HTTP 200"))
                let json = try await daemon.baton(["check", "zendesk", "--json"])
                let result = try WireFormat.decoder().decode(CheckResult.self, from: Data(json.stdout.utf8))
                #expect(result.verdict == "fail")
                #expect(result.httpStatus == 200)
                #expect(result.findings.count >= 3)
                #expect(try await daemon.baton(["check", "no-such-integration"]).status == 3)
                #expect(try await daemon.baton(["show", "no-such-integration"]).status == 1)
            }
        }
    }

    /// The control socket is created with mode 0660.
    @Test func socketHasTheContractMode() async throws {
        try await Scenario.with(["a": EndpointBehaviour()]) { scenario in
            let config = scenario.config(integrations: """
                  - { id: a, name: A, owner: marketing-ops, check: { url: "\(scenario.url("a"))" } }
                """)
            try await DaemonHarness.running(config: config) { daemon in
                let attributes = try FileManager.default.attributesOfItem(atPath: daemon.socketPath)
                #expect((attributes[.posixPermissions] as? Int) == 0o660)
            }
        }
    }
}
