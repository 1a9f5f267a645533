import Foundation
import Testing
@testable import BatonCore

/// Every kind of reason in the compact words of `baton status`, the API and the log.
@Suite("Reasons, compact")
struct ReasonCompactTests {
    static func freshness(_ outcome: FreshnessFinding.Outcome, label: String = "last_sync") -> Reason {
        .freshness(FreshnessFinding(label: label, outcome: outcome))
    }

    static func json(_ path: String, _ outcome: JSONFinding.Outcome) -> Reason {
        .json(JSONFinding(path: path, outcome: outcome))
    }

    static let every = HeartbeatExpectation(period: .seconds(86_400), grace: .seconds(3600))
    /// 2026-12-07T00:00:00Z.
    static let day = Date(timeIntervalSince1970: 1_796_601_600)

    static let cases: [(Reason, String)] = [
        // A passing answer.
        (.answered(AnswerSummary(status: 200, latency: .milliseconds(12))), "HTTP 200 in 12ms"),
        (.answered(AnswerSummary(status: 200, latency: .milliseconds(12), data: DataAge(label: "last_sync", seconds: 240))),
         "HTTP 200 in 12ms, last_sync 4m old"),
        (.answered(AnswerSummary(status: 204, latency: .milliseconds(2400), data: DataAge(label: "Last-Modified", seconds: 0))),
         "HTTP 204 in 2.4s, Last-Modified 0s old"),
        // A passing file drop names its file instead of an HTTP status.
        (.answered(AnswerSummary(status: 0, latency: .milliseconds(80), data: DataAge(label: "leads_20261201.csv", seconds: 3 * 3600),
                                 file: FileSummary(name: "leads_20261201.csv", bytes: 12 * 1024))),
         "leads_20261201.csv is 12 KiB, 3h old"),
        (.answered(AnswerSummary(status: 226, latency: .milliseconds(80), file: FileSummary(name: "leads.csv", bytes: 10))), "leads.csv is 10 B"),
        (.answered(AnswerSummary(status: 200, latency: .milliseconds(80), data: DataAge(label: "leads.csv", seconds: 60),
                                 file: FileSummary(name: "leads.csv", bytes: nil))),
         "leads.csv found, 1m old"),
        // Status and body.
        (.httpStatus(HTTPStatusFinding(code: 503)), "HTTP 503"),
        (.httpStatus(HTTPStatusFinding(code: 404, expected: [200])), "HTTP 404 (expected 200)"),
        (.httpStatus(HTTPStatusFinding(code: 500, expected: [200, 201, 204])), "HTTP 500 (expected 200, 201 or 204)"),
        (.body(.contains(needle: "ok")), #"body contains "ok""#),
        (.body(.lacks(needle: #""ok""#)), #"body does not contain "\"ok\"""#),
        (.body(.lacks(needle: String(repeating: "n", count: 100))), "body does not contain \"" + String(repeating: "n", count: 58) + "…"),
        (.body(.notJSON(parserError: #"unexpected "<" at byte 1"#)), #"body is not JSON: unexpected "<" at byte 1"#),
        // JSON conditions.
        (json("/status", .holds(value: #""ok""#)), #"/status is "ok""#),
        (json("/x", .absent), "/x is absent"),
        (json("/x", .missing(expected: nil)), "/x is missing"),
        (json("/status", .missing(expected: .equals(#""ok""#))), #"/status is missing, expected "ok""#),
        (json("/status", .mismatch(actual: #""error""#, expected: .equals(#""ok""#))), #"/status is "error", expected "ok""#),
        (json("/status", .mismatch(actual: #""error""#, expected: .notEquals(#""error""#))), #"/status is "error", expected anything but "error""#),
        (json("/queue_depth", .mismatch(actual: "12000", expected: .lessThan("10000"))), "/queue_depth is 12000, expected less than 10000"),
        (json("/workers", .mismatch(actual: "0", expected: .greaterThan("0"))), "/workers is 0, expected greater than 0"),
        (json("/queue_depth", .mismatch(actual: #""x""#, expected: .numberLessThan("10000"))), #"/queue_depth is "x", expected a number less than 10000"#),
        (json("/ratio", .mismatch(actual: "null", expected: .numberGreaterThan("0.5"))), "/ratio is null, expected a number greater than 0.5"),
        (json("/x", .present), "/x is present, expected it to be absent"),
        (json("body", .holds(value: "[]")), "body is []"),
        // Freshness.
        (freshness(.fresh(ageSeconds: 240)), "last_sync 4m old"),
        (freshness(.tooOld(ageSeconds: 2700, limit: .warnAfter(.seconds(1800)))), "last_sync 45m old (warn after 30m)"),
        (freshness(.tooOld(ageSeconds: 11_520, limit: .errorAfter(.seconds(7200)))), "last_sync 3h12m old (error after 2h)"),
        (freshness(.tooOld(ageSeconds: 7201, limit: .errorAfter(.seconds(7200)))), "last_sync 2h0m1s old (error after 2h)"),
        (freshness(.inFuture(aheadSeconds: 11)), "last_sync is 11s in the future (check the clock of the source)"),
        (freshness(.missing), "last_sync is missing"),
        (freshness(.headerMissing, label: "Last-Modified"), "Last-Modified header is missing"),
        (freshness(.unreadable(value: #""yesterday""#, expected: .rfc3339OrEpoch)),
         #"last_sync "yesterday" is not a timestamp (expected RFC 3339 or Unix epoch)"#),
        (freshness(.unreadable(value: #""yesterday""#, expected: .httpDate), label: "Last-Modified"),
         #"Last-Modified "yesterday" is not a timestamp (expected an HTTP date)"#),
        (freshness(.tooOld(ageSeconds: 93_600, limit: .errorAfter(.seconds(90_000))), label: "leads_20261201.csv"),
         "leads_20261201.csv 1d2h old (error after 1d1h)"),
        // Latency.
        (.latency(LatencyFinding(latency: .milliseconds(2400), maximum: .seconds(2))), "slow: 2.4s (max 2s)"),
        (.latency(LatencyFinding(latency: .seconds(2), maximum: .seconds(2))), "answered in 2s (max 2s)"),
        // No answer: today's texts of every transfer failure.
        (.transfer(.connect(.refused, target: "127.0.0.1:9480")), "connection refused (127.0.0.1:9480)"),
        (.transfer(.connect(.noSuchSocket, target: "unix socket /run/baton/baton.sock")), "no such socket (unix socket /run/baton/baton.sock)"),
        (.transfer(.connect(.permissionDenied, target: "h:1")), "permission denied (h:1)"),
        (.transfer(.connect(.networkUnreachable, target: "h:1")), "network unreachable (h:1)"),
        (.transfer(.connect(.hostUnreachable, target: "h:1")), "host unreachable (h:1)"),
        (.transfer(.connect(.timedOut, target: "h:1")), "connection timed out (h:1)"),
        (.transfer(.connect(.failed, target: "h:1")), "could not connect (h:1)"),
        (.transfer(.timeout(after: .seconds(5))), "timeout after 5s"),
        (.transfer(.timeout(after: .milliseconds(1500))), "timeout after 1.5s"),
        (.transfer(.unresolvedHost("marketo.example.com")), "could not resolve host marketo.example.com"),
        (.transfer(.unresolvedProxy), "could not resolve the proxy"),
        (.transfer(.tls("TLS certificate not trusted: certificate has expired")), "TLS certificate not trusted: certificate has expired"),
        (.transfer(.redirects(maximum: 5)), "more than 5 redirects"),
        (.transfer(.redirects(maximum: 1)), "more than 1 redirect"),
        (.transfer(.bodyTooLarge(maximumBytes: 1 << 20)), "body larger than 1 MiB"),
        (.transfer(.bodyTooLarge(maximumBytes: 10)), "body larger than 10 bytes"),
        (.transfer(.protocol("server closed the connection without answering")), "server closed the connection without answering"),
        (.transfer(.other("malformed URL")), "malformed URL"),
        // Dependencies, heartbeats, nothing yet, progress.
        (.blocked(by: [Blocker(id: "sfdc-api", state: .down)]), "blocked by sfdc-api (down)"),
        (.blocked(by: [Blocker(id: "sfdc-api", state: .down), Blocker(id: "consent-api", state: .stale)]), "blocked by sfdc-api (down), consent-api (stale)"),
        (.blocked(by: [Blocker(id: "a")]), "blocked by a"),
        (.blocked(by: ["a", "b"], states: ["a": .down]), "blocked by a (down), b (unknown)"),
        (.heartbeat(.notYet), "no heartbeat received yet"),
        (.heartbeat(.received), "heartbeat received"),
        (.heartbeat(.lastPing(ageSeconds: 3600)), "last heartbeat 1h ago"),
        (.heartbeat(.overdue(ageSeconds: 90_001, expectation: every)), "last heartbeat 1d1h0m1s ago (expected every 1d, grace 1h)"),
        (.heartbeat(.neverReceived(waitedSeconds: 100_000, expectation: every)), "no heartbeat received in 1d3h (expected every 1d, grace 1h)"),
        (.heartbeat(.overdue(ageSeconds: 4000, expectation: HeartbeatExpectation(period: .seconds(3600), grace: .zero))),
         "last heartbeat 1h6m ago (expected every 1h)"),
        (.noProbeYet, "no probe yet"),
        (.progress(.httpStatus(HTTPStatusFinding(code: 503)), .failing(probe: 1, of: 3)), "HTTP 503 (failed probe 1 of 3)"),
        (.progress(.answered(AnswerSummary(status: 200, latency: .milliseconds(45))), .recovering(passing: 1, of: 2)),
         "HTTP 200 in 45ms (recovering: 1 of 2 passing probes)"),
        // The checks that reach the real tools (issue 9).
        (.tokenEndpoint(.answered(status: 401, oauthError: "invalid_client")), "token endpoint answered 401 invalid_client"),
        (.tokenEndpoint(.answered(status: 500, oauthError: nil)), "token endpoint answered 500"),
        (.tokenEndpoint(.unreachable(.connect(.refused, target: "login.example.com:443"))), "token endpoint refused the connection (login.example.com:443)"),
        (.tokenEndpoint(.unreachable(.timeout(after: .seconds(5)))), "token endpoint timed out after 5s"),
        (.tokenEndpoint(.unreachable(.unresolvedHost("login.example.com"))), "token endpoint could not be reached: could not resolve host login.example.com"),
        (.tokenEndpoint(.notJSON(status: 200)), "token endpoint answered non-JSON"),
        (.tokenEndpoint(.notJSON(status: 502)), "token endpoint answered non-JSON (HTTP 502)"),
        (.tokenEndpoint(.noAccessToken), "token endpoint answer has no access_token"),
        (.tokenEndpoint(.other("key file /etc/baton/keys/sa.json has no private_key")), "key file /etc/baton/keys/sa.json has no private_key"),
        (.certificate(.expiresIn(days: 5, on: day)), "certificate expires in 5 days (2026-12-07)"),
        (.certificate(.expiresIn(days: 1, on: day)), "certificate expires in 1 day (2026-12-07)"),
        (.certificate(.expiresIn(days: 0, on: day)), "certificate expires today (2026-12-07)"),
        (.certificate(.expired(daysAgo: 2, on: day)), "certificate expired 2 days ago (2026-12-07)"),
        (.certificate(.notYetValid(from: day)), "certificate not valid before 2026-12-07"),
        (.file(.missing(name: "leads_20261201.csv")), "leads_20261201.csv is missing"),
        (.file(.noMatch(pattern: "leads_*.csv")), "no file matches leads_*.csv"),
        (.file(.tooSmall(name: "leads_20261201.csv", bytes: 0, minimumBytes: 1024)), "leads_20261201.csv is 0 B (min 1 KiB)"),
        (.file(.found(name: "leads_20261201.csv", bytes: 12_800)), "leads_20261201.csv is 12.5 KiB"),
        // Closing and free text.
        (.removedFromConfig, "removed from the config"),
        (.text("vendor maintenance, see ticket"), "vendor maintenance, see ticket"),
        (.text(""), ""),
    ]

    /// Each reason renders exactly these compact words, which are also its description.
    @Test(arguments: cases)
    func compact(reason: Reason, text: String) {
        #expect(reason.compact == text)
        #expect("\(reason)" == text)
    }

    /// The table names every kind, so a new kind cannot go without its words.
    @Test func everyKindIsCovered() {
        let covered = Set(Self.cases.map(\.0.kind))
        #expect(covered == Set(Reason.Kind.allCases))
    }

    /// Transfer failures count under the probe-error kinds of the metrics.
    @Test(arguments: [
        (TransferFailure.connect(.refused, target: "h:1"), ProbeErrorKind.connect), (.timeout(after: .seconds(1)), .timeout),
        (.unresolvedHost("h"), .dns), (.unresolvedProxy, .dns), (.tls("t"), .tls), (.redirects(maximum: 5), .redirects),
        (.bodyTooLarge(maximumBytes: 1), .bodyTooLarge), (.protocol("p"), .protocol), (.other("o"), .other),
    ])
    func transferKinds(failure: TransferFailure, kind: ProbeErrorKind) {
        #expect(failure.kind == kind)
    }

    /// Progress wraps what happened; the reason without progress is that.
    @Test func progressWrapsWhatHappened() {
        let status = Reason.httpStatus(HTTPStatusFinding(code: 503))
        #expect(Reason.progress(.progress(status, .failing(probe: 1, of: 3)), .failing(probe: 2, of: 3)).withoutProgress == status)
        #expect(status.withoutProgress == status)
    }
}
