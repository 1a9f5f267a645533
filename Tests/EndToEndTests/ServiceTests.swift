import BatonAPI
import BatonSim
import Foundation
import TestSupport
import Testing

/// batond as a service: systemd notifications, reload, the HTTP listener, socket permissions.
struct ServiceTests {
    static func config(_ scenario: Scenario, http: Int? = nil, extra: String = "") -> String {
        var text = "daemon: { \(http.map { "http: \"127.0.0.1:\($0)\"" } ?? "") }\n"
        text += scenario.config(integrations: """
              - { id: lead-sync, name: Lead sync, owner: marketing-ops, check: { url: "\(scenario.url("lead-sync"))" } }
              - { id: ga4-export, name: GA4 export, owner: marketing-ops, heartbeat: { token: s3cret-ping-token, period: 2s, grace: 1s } }
            \(extra)
            """)
        return text
    }

    /// Under a NOTIFY_SOCKET the daemon says READY=1 once it listens, pings the watchdog, says
    /// RELOADING=1 (with MONOTONIC_USEC) then READY=1 around a SIGHUP, and STOPPING=1 on SIGTERM.
    @Test func talksToSystemd() async throws {
        let notify = try NotifySocket()
        defer { notify.close() }
        try await Scenario.with(["lead-sync": EndpointBehaviour()]) { scenario in
            let daemon = try DaemonHarness(config: Self.config(scenario))
            daemon.environment = ["NOTIFY_SOCKET": notify.path, "WATCHDOG_USEC": "2000000"]
            try await daemon.start()
            let startup = notify.messages(until: { messages in
                messages.contains { $0.hasPrefix("READY=1") } && messages.contains("WATCHDOG=1")
            })
            // The scheduler loop may ping the watchdog before the socket listens; READY comes once it does.
            #expect(startup.contains { $0.hasPrefix("READY=1\nSTATUS=2 integrations") }, "\(startup)")
            #expect(startup.filter { $0 == "WATCHDOG=1" }.count >= 1, "\(startup)")

            daemon.signal(SIGHUP)
            let reload = notify.messages(until: { messages in
                messages.contains { $0.hasPrefix("RELOADING=1") } && messages.contains { $0.hasPrefix("READY=1") }
            }).filter { $0 != "WATCHDOG=1" && !$0.hasPrefix("STATUS=") }
            #expect(reload.count == 2, "\(reload)")
            #expect(reload.first?.hasPrefix("RELOADING=1\nMONOTONIC_USEC=") == true)
            #expect(reload.last?.hasPrefix("READY=1") == true)

            let (code, _) = await daemon.stop()
            #expect(code == 0)
            #expect(notify.messages(until: { $0.contains("STOPPING=1") }).contains("STOPPING=1"))
        }
    }

    /// A reload with a broken config keeps the old one running, says why in the log and at the top
    /// of `baton status`, and exits 1 for `baton reload`; a good one applies at once.
    @Test func brokenReloadKeepsTheOldConfig() async throws {
        try await Scenario.with(["lead-sync": EndpointBehaviour(), "new-one": EndpointBehaviour()]) { scenario in
            try await DaemonHarness.running(config: Self.config(scenario)) { daemon in
                #expect(try await daemon.waitFor("lead-sync", toBe: "healthy"))
                try "integrations:\n  - { id: Bad_Id }\n".write(toFile: daemon.configPath, atomically: true, encoding: .utf8)
                let refused = try await daemon.baton(["reload"])
                #expect(refused.status == 1)
                #expect(refused.stderr.contains("still running the previous one"))
                let table = try await daemon.baton(["status"])
                #expect(table.stdout.contains("config reload failed, still running the previous config"))
                #expect(try await daemon.status().integrations.map(\.id) == ["lead-sync", "ga4-export"])
                #expect(daemon.log.contains("reload rejected"))

                try Self.config(scenario, extra: """
                      - { id: new-one, name: New one, owner: marketing-ops, check: { url: "\(scenario.url("new-one"))" } }
                    """).write(toFile: daemon.configPath, atomically: true, encoding: .utf8)
                let applied = try await daemon.baton(["reload"])
                #expect(applied.status == 0, "\(applied.stderr)")
                #expect(applied.stdout.contains("added new-one"))
                #expect(try await daemon.waitFor("new-one", toBe: "healthy"))
                #expect(try await daemon.state(of: "lead-sync") == "healthy")
                #expect(try await daemon.status().configError == nil)
            }
        }
    }

    /// A SIGHUP with values out of range (an interval of a million days, which once trapped the
    /// probe scheduling, and a threshold of 400 nines) leaves the daemon running on its old config,
    /// with each error logged at its line and column; `baton config check` reports the same file.
    @Test func outOfRangeReloadKeepsTheOldConfig() async throws {
        try await Scenario.with(["lead-sync": EndpointBehaviour()]) { scenario in
            try await DaemonHarness.running(config: Self.config(scenario)) { daemon in
                #expect(try await daemon.waitFor("lead-sync", toBe: "healthy"))
                let nines = String(repeating: "9", count: 400)
                let hostile = Self.config(scenario).replacingOccurrences(
                    of: "check: { url:", with: "failure_threshold: \(nines), check: { interval: 99999999999s, url:"
                )
                #expect(hostile != Self.config(scenario))
                try hostile.write(toFile: daemon.configPath, atomically: true, encoding: .utf8)
                daemon.signal(SIGHUP)
                #expect(await Run.until(timeout: .seconds(15)) { daemon.log.contains("reload rejected") }, "\(daemon.log)")
                #expect(daemon.log.contains("interval: must be at most 1d, found 1157407d9h"), "\(daemon.log)")
                #expect(daemon.log.contains("failure_threshold: must be at most 1000, found 99999999999999999999"))
                #expect(daemon.process?.isRunning == true)
                let status = try await daemon.status()
                #expect(status.configError != nil)
                #expect(status.integrations.first { $0.id == "lead-sync" }?.state == "healthy")

                let check = try await Run.command(Binaries.baton, ["config", "check", daemon.configPath])
                #expect(check.status == 1)
                #expect(check.stdout.contains("interval: must be at most 1d, found 1157407d9h")
                    || check.stderr.contains("interval: must be at most 1d, found 1157407d9h"), "\(check.stdout)\(check.stderr)")
            }
        }
    }

    /// With `daemon.http`: /healthz answers, /ping/<token> records a heartbeat (an unknown token is a
    /// bare 404), a heartbeat goes stale after period + grace, and /metrics parses with the
    /// reference Prometheus parser (prometheus_client), and / serves the status page.
    @Test func httpListenerHeartbeatsAndMetrics() async throws {
        let port = LoopbackPort.closed()
        try await Scenario.with(["lead-sync": EndpointBehaviour()]) { scenario in
            try await DaemonHarness.running(config: Self.config(scenario, http: port)) { daemon in
                let base = "http://127.0.0.1:\(port)"
                #expect(try await Self.curl(["-fsS", base + "/healthz"]).stdout == "ok\n")
                let unknown = try await Self.curl(["-sS", "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST", base + "/ping/guess"])
                #expect(unknown.stdout == "404")
                #expect(try await Self.curl(["-fsS", "-X", "POST", base + "/ping/s3cret-ping-token"]).stdout == "ok\n")
                #expect(try await daemon.waitFor("ga4-export", toBe: "healthy", timeout: .seconds(3)))
                #expect(try await daemon.waitFor("ga4-export", toBe: "stale", timeout: .seconds(6)))
                #expect(try await Self.curl(["-fsS", base + "/ping/s3cret-ping-token"]).status == 0)
                #expect(try await daemon.waitFor("ga4-export", toBe: "healthy", timeout: .seconds(3)))
                #expect(!daemon.log.contains("s3cret-ping-token"))

                _ = try await daemon.waitFor("lead-sync", toBe: "healthy")
                let metrics = try await Self.curl(["-fsS", base + "/metrics"])
                #expect(metrics.stdout.contains("baton_integration_state{integration=\"lead-sync\",state=\"healthy\"} 1"))
                #expect(metrics.stdout.contains("baton_probe_duration_seconds_bucket"))
                let parsed = try await Run.command("/usr/bin/env", ["python3", "-c", """
                    import sys
                    from prometheus_client.parser import text_string_to_metric_families
                    names = {f.name for f in text_string_to_metric_families(sys.stdin.read() if False else open(sys.argv[1]).read())}
                    need = {"baton_probe_duration_seconds", "baton_probe_errors", "baton_open_incidents", "baton_integration_state", "baton_scheduler_lateness_seconds", "baton_notices_queued"}
                    missing = need - names
                    print("missing:", sorted(missing)) if missing else print("ok")
                    sys.exit(1 if missing else 0)
                    """, try Self.write(metrics.stdout)])
                #expect(parsed.status == 0, "\(parsed.stdout) \(parsed.stderr)")

                // The status page: HTML from the same daemon, every integration on it, no script.
                let page = try await Self.curl(["-fsS", "-D", "-", base + "/"])
                #expect(page.stdout.lowercased().contains("content-type: text/html; charset=utf-8"))
                #expect(page.stdout.contains("data-integration=\"lead-sync\" data-state=\"healthy\""))
                #expect(page.stdout.contains("data-integration=\"ga4-export\""))
                #expect(!page.stdout.contains("<script"))
            }
        }
    }

    /// The control socket is 0660: a user outside its group gets a clear permission error (exit 3).
    @Test func socketRefusesOtherUsers() async throws {
        guard getuid() == 0 else { return }
        _ = try await Run.command("/usr/sbin/useradd", ["--system", "--no-create-home", "baton-outsider"])
        try await Scenario.with(["lead-sync": EndpointBehaviour()]) { scenario in
            try await DaemonHarness.running(config: Self.config(scenario)) { daemon in
                // The folder must be reachable; the socket's own mode is what refuses.
                chmod(daemon.folder, 0o755)
                // The clone may live under a 0700 folder (/root): the outsider runs a copy it can reach.
                let baton = daemon.folder + "/baton-for-outsider"
                try FileManager.default.copyItem(atPath: Binaries.baton, toPath: baton)
                chmod(baton, 0o755)
                let result = try await Run.command("/usr/sbin/runuser", ["-u", "baton-outsider", "--", baton, "status", "--socket", daemon.socketPath])
                #expect(result.status == 3)
                #expect(result.stderr.contains("permission denied"), "\(result.stderr)")
                #expect((try? await daemon.status()) != nil)
            }
        }
    }

    static func curl(_ arguments: [String]) async throws -> CommandResult {
        try await Run.command("/usr/bin/curl", arguments)
    }

    static func write(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "baton-metrics-\(UUID().uuidString.prefix(8)).txt"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
