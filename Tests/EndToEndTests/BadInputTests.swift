import BatonAPI
import BatonSim
import Foundation
import TestSupport
import Testing

/// Hostile and broken endpoints, each served for real on loopback: every one ends `down` with a
/// precise reason, and the daemon neither crashes nor holds a huge body in memory.
struct BadInputTests {
    @Test func everyBadInputEndsDownWithAPreciseReason() async throws {
        var hang = EndpointBehaviour()
        hang.mode = .hang
        var huge = EndpointBehaviour()
        huge.mode = .huge
        var loop = EndpointBehaviour()
        loop.mode = .redirectLoop
        var html = EndpointBehaviour()
        html.mode = .notJSON
        var missing = EndpointBehaviour()
        missing.lastSyncAgeSeconds = nil
        var garbage = EndpointBehaviour()
        garbage.lastSyncFormat = .garbage
        var future = EndpointBehaviour()
        future.lastSyncAgeSeconds = -(2 * 3600 + 60)
        let endpoints = [
            "hang": hang, "huge": huge, "loop": loop, "html": html, "missing": missing, "garbage": garbage, "future": future,
        ]
        try await Scenario.with(endpoints) { scenario in
            let tls = try await SelfSignedTLSServer.start()
            defer { tls.stop() }
            let refused = LoopbackPort.closed()
            // A label over 63 bytes: glibc refuses to build the query, so nothing leaves the machine.
            let unresolvable = String(repeating: "x", count: 70) + ".invalid"

            func line(_ id: String, _ url: String, _ extra: String = "") -> String {
                "  - { id: \(id), name: \(id), owner: marketing-ops, failure_threshold: 1, check: { url: \"\(url)\"\(extra) } }"
            }
            let freshness = ", freshness: { pointer: /last_sync, error_after: 2h }"
            // A generous timeout: the whole test suite shares two cores with this daemon.
            let config = scenario.config(interval: "1h", timeout: "3s", integrations: [
                line("refused", "http://127.0.0.1:\(refused)/health"),
                line("hang", scenario.url("hang")),
                line("huge", scenario.url("huge")),
                line("loop", scenario.url("loop")),
                line("tls", "https://127.0.0.1:\(tls.port)/health"),
                line("html", scenario.url("html"), ", expect: { json: [ { pointer: /status, equals: ok } ] }"),
                line("missing", scenario.url("missing"), freshness),
                line("garbage", scenario.url("garbage"), freshness),
                line("future", scenario.url("future"), freshness),
                line("dns", "http://\(unresolvable)/health"),
            ].joined(separator: "\n"))
            try await DaemonHarness.running(config: config) { daemon in
                let expected: [(String, (String) -> Bool)] = [
                    ("refused", { $0 == "connection refused (127.0.0.1:\(refused))" }),
                    ("hang", { $0 == "timeout after 3s" }),
                    ("huge", { $0 == "body larger than 1 MiB" }),
                    ("loop", { $0 == "more than 5 redirects" }),
                    ("tls", { $0.hasPrefix("TLS certificate not trusted") }),
                    ("html", { $0.hasPrefix("body is not JSON: unexpected \"<\" at byte 1") }),
                    ("missing", { $0 == "last_sync is missing" }),
                    ("garbage", { $0 == #"last_sync "yesterday" is not a timestamp (expected RFC 3339 or Unix epoch)"# }),
                    ("future", { $0.hasPrefix("last_sync is 2h in the future") }),
                    ("dns", { $0 == "could not resolve host \(unresolvable)" }),
                ]
                for (id, matches) in expected {
                    let check = try await daemon.baton(["check", id, "--json"])
                    #expect(check.status == 2, "\(id): \(check.stderr)")
                    let result = try WireFormat.decoder().decode(CheckResult.self, from: Data(check.stdout.utf8))
                    #expect(result.verdict == "fail", "\(id)")
                    #expect(matches(result.reason), "\(id): \(result.reason)")
                    #expect(result.state == "down", "\(id)")
                }
                let status = try await daemon.status()
                #expect(status.integrations.allSatisfy { $0.state == "down" }, "\(status.integrations.map { "\($0.id)=\($0.state)" })")
                #expect(daemon.process?.isRunning == true)
                #expect(daemon.peakResidentKilobytes.map { $0 < 200_000 } ?? false, "peak RSS \(daemon.peakResidentKilobytes ?? -1) kB")
            }
        }
    }
}
