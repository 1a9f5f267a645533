import Foundation
import Testing
@testable import BatonCore

/// Freshness from a body pointer or a header: ages against `warn_after` / `error_after`, and every failure wording.
struct JudgeFreshnessTests {
    typealias F = JudgeFixtures

    static let pointerCases: [(String, VerdictLevel, String, Double?)] = [
        (#""2026-11-23T09:56:00Z""#, .pass, "last_sync 4m old", 1_795_427_760),
        (#""2026-11-23T10:56:00+01:00""#, .pass, "last_sync 4m old", 1_795_427_760),
        ("1795427760", .pass, "last_sync 4m old", 1_795_427_760),
        ("1795427760000", .pass, "last_sync 4m old", 1_795_427_760),
        (#""1795427760""#, .pass, "last_sync 4m old", 1_795_427_760),
        (#""2026-11-23T09:59:59.6Z""#, .pass, "last_sync 0s old", 1_795_427_999.6),
        (#""2026-11-23T09:29:59Z""#, .warn, "last_sync 30m1s old (warn after 30m)", 1_795_426_199),
        (#""2026-11-23T09:30:00Z""#, .pass, "last_sync 30m old", 1_795_426_200),
        (#""2026-11-23T09:15:00Z""#, .warn, "last_sync 45m old (warn after 30m)", 1_795_425_300),
        (#""2026-11-23T08:00:00Z""#, .warn, "last_sync 2h old (warn after 30m)", 1_795_420_800),
        (#""2026-11-23T07:59:59Z""#, .stale, "last_sync 2h0m1s old (error after 2h)", 1_795_420_799),
        (#""2026-11-23T06:48:00Z""#, .stale, "last_sync 3h12m old (error after 2h)", 1_795_416_480),
        (#""2026-11-20T10:00:00Z""#, .stale, "last_sync 3d old (error after 2h)", 1_795_168_800),
        ("0", .stale, "last_sync 20780d10h old (error after 2h)", 0),
        // Up to 10 s ahead is clock skew and counts as now; further ahead is never fresh.
        (#""2026-11-23T10:00:05Z""#, .pass, "last_sync 0s old", 1_795_428_005),
        (#""2026-11-23T10:00:10Z""#, .pass, "last_sync 0s old", 1_795_428_010),
        (#""2026-11-23T10:00:11Z""#, .fail, "last_sync is 11s in the future (check the clock of the source)", 1_795_428_011),
        (#""2026-11-23T12:00:00Z""#, .fail, "last_sync is 2h in the future (check the clock of the source)", 1_795_435_200),
        // Missing or unreadable.
        ("MISSING", .fail, "last_sync is missing", nil),
        (#""yesterday""#, .fail, #"last_sync "yesterday" is not a timestamp (expected RFC 3339 or Unix epoch)"#, nil),
        ("null", .fail, "last_sync null is not a timestamp (expected RFC 3339 or Unix epoch)", nil),
        ("-5", .fail, "last_sync -5 is not a timestamp (expected RFC 3339 or Unix epoch)", nil),
        (#""2026-02-30T10:00:00Z""#, .fail, #"last_sync "2026-02-30T10:00:00Z" is not a timestamp (expected RFC 3339 or Unix epoch)"#, nil),
        ("{\"at\":1795427760}", .fail, #"last_sync {"at":1795427760} is not a timestamp (expected RFC 3339 or Unix epoch)"#, nil),
    ]

    /// The `last_sync` value in the body gives this finding and data timestamp (`MISSING` leaves the field out).
    @Test(arguments: pointerCases)
    func pointer(value: String, level: VerdictLevel, text: String, timestamp: Double?) {
        let body = value == "MISSING" ? #"{"status":"ok"}"# : #"{"status":"ok","last_sync":"# + value + "}"
        let verdict = Judge.judge(F.answered(body: body), against: F.check(freshness: F.lastSync))
        #expect(verdict.findings.map(\.shown) == [Shown(level: .pass, text: "HTTP 200"), Shown(level: level, text: text)])
        #expect(verdict.level == level)
        #expect(verdict.reason == (level == .pass ? "HTTP 200 in 45ms, " + text : text))
        switch (verdict.dataTimestamp, timestamp) {
        case (nil, nil): break
        case let (actual?, expected?): #expect(abs(actual.timeIntervalSince1970 - expected) < 1e-6)
        case let (actual, expected): Issue.record("data timestamp \(String(describing: actual)), expected \(String(describing: expected))")
        }
    }

    static let headerCases: [(FreshnessRule, [String: String], VerdictLevel, String)] = [
        (F.lastModified, ["last-modified": "Mon, 23 Nov 2026 09:56:00 GMT"], .pass, "Last-Modified 4m old"),
        (F.lastModified, ["Last-Modified": "Mon, 23 Nov 2026 09:56:00 GMT"], .pass, "Last-Modified 4m old"),
        (F.lastModified, ["last-modified": "Mon, 23 Nov 2026 09:15:00 GMT"], .warn, "Last-Modified 45m old (warn after 30m)"),
        (F.lastModified, ["last-modified": "Mon, 23 Nov 2026 06:48:00 GMT"], .stale, "Last-Modified 3h12m old (error after 2h)"),
        (F.lastModified, ["last-modified": "Mon, 23 Nov 2026 12:00:00 GMT"], .fail,
         "Last-Modified is 2h in the future (check the clock of the source)"),
        (F.lastModified, ["etag": "\"abc\""], .fail, "Last-Modified header is missing"),
        (F.lastModified, ["last-modified": "yesterday"], .fail, #"Last-Modified "yesterday" is not a timestamp (expected an HTTP date)"#),
        (FreshnessRule(source: .header("x-last-sync"), errorAfter: .seconds(7200)), ["x-last-sync": "2026-11-23T09:15:00Z"], .pass,
         "x-last-sync 45m old"),
        (FreshnessRule(source: .header("X-Last-Sync"), errorAfter: .seconds(7200)), ["x-last-sync": "1795427760"], .pass,
         "X-Last-Sync 4m old"),
    ]

    /// A header is found case-insensitively, labelled as configured, and judged like a pointer; no `warn_after` means no warning.
    @Test(arguments: headerCases)
    func header(rule: FreshnessRule, headers: [String: String], level: VerdictLevel, text: String) {
        let verdict = Judge.judge(F.answered(body: "<html></html>", headers: headers), against: F.check(freshness: rule))
        #expect(verdict.findings.map(\.shown) == [Shown(level: .pass, text: "HTTP 200"), Shown(level: level, text: text)])
        #expect(verdict.level == level)
    }

    /// A stale answer with a passing status is `stale`, not `fail`: old data is an SLA breach, not an outage.
    @Test func staleIsItsOwnLevel() {
        let body = #"{"status":"ok","last_sync":"2026-11-23T06:48:00Z"}"#
        let check = F.check(json: [F.condition("/status", .equals(.string("ok")))], freshness: F.lastSync)
        let verdict = Judge.judge(F.answered(body: body), against: check)
        #expect(verdict.level == .stale)
        #expect(verdict.reason == "last_sync 3h12m old (error after 2h)")
    }
}
