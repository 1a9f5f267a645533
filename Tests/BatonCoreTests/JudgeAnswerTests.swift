import Foundation
import Testing
@testable import BatonCore

/// Transport failures, status codes, `body_contains`, latency and the summary reason.
struct JudgeAnswerTests {
    typealias F = JudgeFixtures

    /// A probe with no answer fails with exactly the transport's reason and its error kind.
    @Test(arguments: [
        (TransferFailure.timeout(after: .seconds(5)), ProbeErrorKind.timeout, "timeout after 5s"),
        (.connect(.refused, target: "127.0.0.1:9480"), .connect, "connection refused (127.0.0.1:9480)"),
        (.tls("TLS certificate expired"), .tls, "TLS certificate expired"),
    ])
    func transportFailure(failure: TransferFailure, kind: ProbeErrorKind, reason: String) {
        let observation = ProbeObservation(result: .failed(failure), latency: .seconds(5), observedAt: F.now)
        let verdict = Judge.judge(observation, against: F.check(json: [F.condition("/status", .equals(.string("ok")))], freshness: F.lastSync))
        #expect(verdict == Verdict(level: .fail, reason: .transfer(failure), findings: [Finding(level: .fail, reason: .transfer(failure))], errorKind: kind))
        #expect(verdict.reason == reason)
    }

    static let statuses: [([Int]?, Int, VerdictLevel, String)] = [
        (nil, 200, .pass, "HTTP 200 in 45ms"),
        (nil, 204, .pass, "HTTP 204 in 45ms"),
        (nil, 299, .pass, "HTTP 299 in 45ms"),
        (nil, 301, .fail, "HTTP 301"),
        (nil, 404, .fail, "HTTP 404"),
        (nil, 503, .fail, "HTTP 503"),
        ([200], 200, .pass, "HTTP 200 in 45ms"),
        ([200], 204, .fail, "HTTP 204 (expected 200)"),
        ([200], 503, .fail, "HTTP 503 (expected 200)"),
        ([200, 204], 503, .fail, "HTTP 503 (expected 200 or 204)"),
        ([200, 201, 204], 500, .fail, "HTTP 500 (expected 200, 201 or 204)"),
        ([503], 503, .pass, "HTTP 503 in 45ms"),
    ]

    /// Without `expect.status` any 2xx passes; with a list only its codes pass, and the reason names them.
    @Test(arguments: statuses)
    func status(accepted: [Int]?, code: Int, level: VerdictLevel, reason: String) {
        let verdict = Judge.judge(F.answered(status: code), against: F.check(status: accepted))
        #expect(verdict.level == level)
        #expect(verdict.reason == reason)
        #expect(verdict.httpStatus == code)
        #expect(verdict.findings.first?.shown == Shown(level: level, text: reason.replacingOccurrences(of: " in 45ms", with: "")))
    }

    static let bodies: [(String, String, VerdictLevel, String)] = [
        ("ok", "{\"status\":\"ok\"}", .pass, "body contains \"ok\""),
        ("ok", "{\"status\":\"error\"}", .fail, "body does not contain \"ok\""),
        ("\"ok\"", "{\"status\":\"okay\"}", .fail, "body does not contain \"\\\"ok\\\"\""),
        ("OK", "ok", .fail, "body does not contain \"OK\""),
        ("é", "café", .pass, "body contains \"é\""),
        ("", "", .pass, "body contains \"\""),
        ("needle", "", .fail, "body does not contain \"needle\""),
    ]

    /// `body_contains` matches bytes exactly (case-sensitive) and quotes the needle in the finding.
    @Test(arguments: bodies)
    func bodyContains(needle: String, body: String, level: VerdictLevel, text: String) {
        let verdict = Judge.judge(F.answered(body: body), against: F.check(bodyContains: needle))
        #expect(verdict.findings.map(\.shown) == [Shown(level: .pass, text: "HTTP 200"), Shown(level: level, text: text)])
        #expect(verdict.level == level)
    }

    static let latencies: [(Duration, Duration, VerdictLevel, String)] = [
        (.milliseconds(2400), .seconds(2), .warn, "slow: 2.4s (max 2s)"),
        (.milliseconds(750), .milliseconds(500), .warn, "slow: 750ms (max 500ms)"),
        (.seconds(12), .seconds(10), .warn, "slow: 12s (max 10s)"),
        (.seconds(2), .seconds(2), .pass, "HTTP 200 in 2s"),
        (.milliseconds(45), .seconds(2), .pass, "HTTP 200 in 45ms"),
        (.milliseconds(1234), .seconds(2), .pass, "HTTP 200 in 1.2s"),
    ]

    /// Slower than `max_latency` is a warning (degraded), never a failure; exactly the maximum passes.
    @Test(arguments: latencies)
    func latency(latency: Duration, maximum: Duration, level: VerdictLevel, reason: String) {
        let verdict = Judge.judge(F.answered(latency: latency), against: F.check(maxLatency: maximum))
        #expect(verdict.level == level)
        #expect(verdict.reason == reason)
    }

    /// When everything passes, every rule is listed in evaluation order and the reason is a short summary.
    @Test func allPassingListsEveryRuleInOrder() {
        let check = F.check(
            status: [200],
            maxLatency: .seconds(2),
            json: [F.condition("/status", .equals(.string("ok"))), F.condition("/queue_depth", .lessThan(10000))],
            bodyContains: "ok",
            freshness: F.lastSync
        )
        let body = #"{"status":"ok","queue_depth":12,"last_sync":"2026-11-23T09:56:00Z"}"#
        let verdict = Judge.judge(F.answered(body: body), against: check)
        #expect(verdict.findings.map(\.text) == [
            "HTTP 200", "body contains \"ok\"", "/status is \"ok\"", "/queue_depth is 12", "last_sync 4m old", "answered in 45ms (max 2s)",
        ])
        #expect(verdict.level == .pass)
        #expect(verdict.reason == "HTTP 200 in 45ms, last_sync 4m old")
        #expect(verdict.dataTimestamp == Date(timeIntervalSince1970: 1_795_427_760))
        #expect(verdict.errorKind == nil)
    }

    /// The reason is the first finding at the worst level: a fail outranks stale, stale outranks a slow answer.
    @Test(arguments: [
        (#"{"status":"error","last_sync":"2026-11-23T06:48:00Z"}"#, VerdictLevel.fail, "HTTP 503 (expected 200)"),
        (#"{"status":"ok","last_sync":"2026-11-23T06:48:00Z"}"#, .stale, "last_sync 3h12m old (error after 2h)"),
        (#"{"status":"ok","last_sync":"2026-11-23T09:15:00Z"}"#, .warn, "last_sync 45m old (warn after 30m)"),
    ])
    func worstFindingWins(body: String, level: VerdictLevel, reason: String) {
        let status = level == .fail ? 503 : 200
        let check = F.check(status: [200], maxLatency: .seconds(2), json: [F.condition("/status", .equals(.string("ok")))], freshness: F.lastSync)
        let verdict = Judge.judge(F.answered(status: status, body: body, latency: .milliseconds(2400)), against: check)
        #expect(verdict.level == level)
        #expect(verdict.reason == reason)
        #expect(verdict.findings.last?.shown == Shown(level: .warn, text: "slow: 2.4s (max 2s)"))
    }

    /// A plain-text health page is never parsed when no rule reads JSON.
    @Test func bodyIsNotParsedWithoutJSONRules() {
        let verdict = Judge.judge(F.answered(body: "<html>OK</html>"), against: F.check(bodyContains: "OK", freshness: F.lastModified))
        #expect(verdict.findings.contains { $0.text.hasPrefix("body is not JSON") } == false)
        #expect(verdict.reason == "Last-Modified header is missing")
    }
}
