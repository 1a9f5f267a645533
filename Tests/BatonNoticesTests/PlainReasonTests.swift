import BatonCore
import Foundation
import Testing

@testable import BatonNotices

@Suite struct PlainReasonTests {
    static func lastSync(_ outcome: FreshnessFinding.Outcome, label: String = "last_sync") -> Reason {
        .freshness(FreshnessFinding(label: label, outcome: outcome))
    }

    static func json(_ path: String, _ outcome: JSONFinding.Outcome) -> Reason {
        .json(JSONFinding(path: path, outcome: outcome))
    }

    static let http503 = Reason.httpStatus(HTTPStatusFinding(code: 503))
    static let answered = Reason.answered(AnswerSummary(status: 200, latency: .milliseconds(12)))

    /// Every reason Baton writes reads as plain words; free text passes through unchanged.
    @Test(arguments: [
        (lastSync(.tooOld(ageSeconds: 11_520, limit: .errorAfter(.seconds(7200)))), "last sync 3 h 12 min ago; SLA is 2 h"),
        (lastSync(.tooOld(ageSeconds: 2700, limit: .warnAfter(.seconds(1800)))), "last sync 45 min ago; warning after 30 min"),
        (lastSync(.tooOld(ageSeconds: 7201, limit: .errorAfter(.seconds(7200)))), "last sync 2 h 1 s ago; SLA is 2 h"),
        (lastSync(.tooOld(ageSeconds: 187_200, limit: .errorAfter(.seconds(86_400))), label: "Last-Modified"), "Last-Modified 2 d 4 h ago; SLA is 1 d"),
        (lastSync(.fresh(ageSeconds: 240)), "last sync 4 min ago"),
        (http503, "the endpoint answered HTTP 503"),
        (.httpStatus(HTTPStatusFinding(code: 404, expected: [200])), "the endpoint answered HTTP 404 instead of 200"),
        (.httpStatus(HTTPStatusFinding(code: 500, expected: [200, 204])), "the endpoint answered HTTP 500 instead of 200 or 204"),
        (.transfer(.timeout(after: .seconds(5))), "no answer within 5 s"),
        (.transfer(.timeout(after: .milliseconds(2500))), "no answer within 2.5 s"),
        (.transfer(.connect(.refused, target: "127.0.0.1:9480")), "connection refused by 127.0.0.1:9480"),
        (.transfer(.connect(.refused, target: "host:port")), "connection refused by host:port"),
        (json("/status", .mismatch(actual: #""error""#, expected: .equals(#""ok""#))), "status is \"error\" instead of \"ok\""),
        (json("/queue_depth", .mismatch(actual: "12000", expected: .lessThan("10000"))), "queue_depth is 12000 instead of less than 10000"),
        (json("/status", .missing(expected: .equals(#""ok""#))), "status is missing; expected \"ok\""),
        (json("/status", .missing(expected: nil)), "status is missing"),
        (json("/error", .present), "error is present but should be absent"),
        (json("/status", .mismatch(actual: #""down""#, expected: .notEquals(#""down""#))), "status must not be \"down\""),
        (.blocked(by: [Blocker(id: "sfdc-api", state: .down)]), "waiting on sfdc-api, which is down"),
        (.blocked(by: [Blocker(id: "sfdc-api", state: .down), Blocker(id: "consent-api", state: .stale)]),
         "waiting on sfdc-api, which is down, and consent-api, which is stale"),
        (.latency(LatencyFinding(latency: .milliseconds(2400), maximum: .seconds(2))), "slow: answered in 2.4 s; limit is 2 s"),
        (.body(.lacks(needle: "ok")), "the answer does not contain \"ok\""),
        (.body(.notJSON(parserError: "unexpected \"<\" at byte 1")), "the answer is not JSON: unexpected \"<\" at byte 1"),
        (lastSync(.inFuture(aheadSeconds: 7200)), "last sync is 2 h in the future; check the clock of the source"),
        (.answered(AnswerSummary(status: 200, latency: .milliseconds(12), data: DataAge(label: "last_sync", seconds: 240))),
         "the endpoint answered HTTP 200 in 12 ms; last sync 4 min ago"),
        (.answered(AnswerSummary(status: 0, latency: .milliseconds(40), data: DataAge(label: "leads_20261201.csv", seconds: 10_800),
                                 file: FileSummary(name: "leads_20261201.csv", bytes: 12_288))),
         "leads_20261201.csv is there (12 KiB), written 3 h ago"),
        (.progress(http503, .failing(probe: 1, of: 3)), "the endpoint answered HTTP 503; failed probe 1 of 3"),
        (.progress(answered, .recovering(passing: 1, of: 2)), "the endpoint answered HTTP 200 in 12 ms; recovering: 1 of 2 passing probes"),
        (.transfer(.unresolvedHost("marketo.example.com")), "could not resolve host marketo.example.com"),
        (.transfer(.tls("TLS certificate not trusted: self-signed certificate")), "TLS certificate not trusted: self-signed certificate"),
        (.text("last_sync 3 hours old (error after 2h)"), "last_sync 3 hours old (error after 2h)"),
        (.text("HTTP 2000"), "HTTP 2000"),
        (json("/status", .mismatch(actual: #""a, b""#, expected: .equals(#""ok""#))), "status is \"a, b\" instead of \"ok\""),
        (.text("vendor maintenance, see ticket"), "vendor maintenance, see ticket"),
        (.text(""), ""),
    ] as [(Reason, String)])
    func plainWords(reason: Reason, words: String) {
        #expect(PlainReason.words(reason) == words)
    }

    static let expectation = HeartbeatExpectation(period: .seconds(86_400), grace: .seconds(3600))
    static let certificateDay = Date(timeIntervalSince1970: 1_796_601_600)

    /// Kinds that read differently in words than in `baton status`: heartbeats, dependencies known by name, the
    /// auth, certificate and file-drop kinds; the rest of these read as `baton status` says them.
    @Test(arguments: [
        (.heartbeat(.overdue(ageSeconds: 97_200, expectation: expectation)), "last heartbeat 1 d 3 h ago; expected every 1 d, grace 1 h"),
        (.heartbeat(.neverReceived(waitedSeconds: 100_000, expectation: expectation)), "no heartbeat in 1 d 3 h; expected every 1 d, grace 1 h"),
        (.heartbeat(.lastPing(ageSeconds: 3600)), "last heartbeat 1 h ago"),
        (.heartbeat(.notYet), "no heartbeat received yet"),
        (.blocked(by: [Blocker(id: "a"), Blocker(id: "b")]), "waiting on a, and b"),
        (.blocked(by: [Blocker(id: "sfdc-api")]), "waiting on sfdc-api"),
        (.tokenEndpoint(.answered(status: 401, oauthError: "invalid_client")), "the token endpoint answered HTTP 401 (invalid_client)"),
        (.tokenEndpoint(.unreachable(.timeout(after: .seconds(5)))), "the token endpoint could not be reached: no answer within 5 s"),
        (.tokenEndpoint(.noAccessToken), "the token endpoint gave no access token"),
        (.certificate(.expiresIn(days: 5, on: certificateDay)), "the certificate expires in 5 days, on 2026-12-07"),
        (.certificate(.expired(daysAgo: 1, on: certificateDay)), "the certificate expired 1 day ago, on 2026-12-07"),
        (.file(.tooSmall(name: "leads_20261201.csv", bytes: 0, minimumBytes: 1024)), "leads_20261201.csv is only 0 B; minimum is 1 KiB"),
        (.file(.noMatch(pattern: "leads_*.csv")), "no file matches leads_*.csv"),
        (lastSync(.missing), "last_sync is missing"),
        (lastSync(.headerMissing, label: "Last-Modified"), "Last-Modified header is missing"),
        (.noProbeYet, "no probe yet"),
        (.removedFromConfig, "removed from the config"),
    ] as [(Reason, String)])
    func kindsInWords(reason: Reason, words: String) {
        #expect(PlainReason.words(reason) == words)
    }
}
