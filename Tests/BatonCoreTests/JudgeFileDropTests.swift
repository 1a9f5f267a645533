import Foundation
import Testing
@testable import BatonCore

/// File drops (sftp, ftp, s3) are judged by their file: presence, `min_size`, and the file's age.
struct JudgeFileDropTests {
    typealias F = JudgeFixtures

    static let sftp = "sftp://files.partner.example/exports/leads_*.csv"
    static func hours(_ count: Int64) -> Duration { .seconds(count * 3600) }

    /// A passing file probe reads well: its name, size and age, no HTTP status.
    @Test func passingFileProbeNamesTheFile() {
        let check = F.fileCheck(Self.sftp, minSize: 1024, freshness: F.nightly)
        let verdict = Judge.judge(F.file("leads_20261201.csv", modifiedAgo: Self.hours(3), size: 12 * 1024), against: check)
        #expect(verdict.level == .pass)
        #expect(verdict.reason == "leads_20261201.csv is 12 KiB, 3h old")
        #expect(verdict.findings.map(\.shown) == [
            Shown(level: .pass, text: "leads_20261201.csv is 12 KiB"),
            Shown(level: .pass, text: "leads_20261201.csv 3h old"),
        ])
        #expect(verdict.httpStatus == nil, "sftp's 0 is not an HTTP status")
        #expect(verdict.dataTimestamp == F.now.addingTimeInterval(-3 * 3600))
        #expect(verdict.errorKind == nil)
    }

    static let fileCases: [(String, Duration?, Int?, VerdictLevel, String)] = [
        // min_size: 1 KiB.
        ("size 0", Self.hours(1), 0, .fail, "leads_20261201.csv is 0 B (min 1 KiB)"),
        ("just under", Self.hours(1), 1023, .fail, "leads_20261201.csv is 1023 B (min 1 KiB)"),
        ("exactly the minimum", Self.hours(1), 1024, .pass, "leads_20261201.csv is 1 KiB, 1h old"),
        ("no size", Self.hours(1), nil, .fail, "the size of leads_20261201.csv is unknown (min 1 KiB)"),
        // file_time: warn after 24 h, error after 25 h ("more than" is strict).
        ("24h", Self.hours(24), 2048, .pass, "leads_20261201.csv is 2 KiB, 1d old"),
        ("24h30m", .seconds(24 * 3600 + 1800), 2048, .warn, "leads_20261201.csv 1d0h30m0s old (warn after 1d)"),
        ("25h exactly", Self.hours(25), 2048, .warn, "leads_20261201.csv 1d1h old (warn after 1d)"),
        ("26h", Self.hours(26), 2048, .stale, "leads_20261201.csv 1d2h old (error after 1d1h)"),
        ("25h and a second", .seconds(25 * 3600 + 1), 2048, .stale, "leads_20261201.csv 1d1h0m1s old (error after 1d1h)"),
        ("no time", nil, 2048, .fail, "leads_20261201.csv modification time is missing"),
        ("in the future", Self.hours(-2), 2048, .fail, "leads_20261201.csv is 2h in the future (check the clock of the source)"),
        ("small and stale", Self.hours(26), 0, .fail, "leads_20261201.csv is 0 B (min 1 KiB)"),
    ]

    /// Size and age of the newest matching file give this verdict and reason.
    @Test(arguments: fileCases)
    func fileSizeAndAge(_ name: String, modifiedAgo: Duration?, size: Int?, level: VerdictLevel, reason: String) {
        let check = F.fileCheck(Self.sftp, minSize: 1024, freshness: F.nightly)
        let verdict = Judge.judge(F.file("leads_20261201.csv", modifiedAgo: modifiedAgo, size: size), against: check)
        #expect(verdict.level == level, "\(name)")
        #expect(verdict.reason == reason, "\(name)")
        #expect(verdict.findings.count == 2)
    }

    /// No file to judge: a glob that matched nothing, or a file that is not there, fails and counts as `file_not_found`.
    @Test(arguments: [
        (FileFinding.noMatch(pattern: "leads_*.csv"), "no file matches leads_*.csv"),
        (FileFinding.missing(name: "leads.csv"), "leads.csv is missing"),
    ])
    func noFile(finding: FileFinding, reason: String) {
        let observation = ProbeObservation(result: .noFile(finding), latency: .milliseconds(30), observedAt: F.now)
        let verdict = Judge.judge(observation, against: F.fileCheck(Self.sftp, freshness: F.nightly))
        #expect(verdict.level == .fail)
        #expect(verdict.reason == reason)
        #expect(verdict.findings.map(\.shown) == [Shown(level: .fail, text: reason)])
        #expect(verdict.errorKind == .fileNotFound)
    }

    /// Without file facts from the server, the file is named from the URL, and the status of sftp and ftp is never judged.
    @Test(arguments: [
        ("sftp://h.example.com/out/leads.csv", 0),
        ("ftp://h.example.com/out/leads.csv", 226),
        ("ftps://h.example.com/out/leads.csv", 550),
    ])
    func namedFromTheURL(url: String, status: Int) {
        let verdict = Judge.judge(F.file(nil, status: status), against: F.fileCheck(url))
        #expect(verdict.level == .pass)
        #expect(verdict.reason == "leads.csv found")
        #expect(verdict.findings.isEmpty)
        #expect(verdict.httpStatus == nil)
    }

    /// The latency rule applies to file drops too.
    @Test func slowFileDropIsDegraded() {
        let check = F.fileCheck(Self.sftp, maxLatency: .seconds(5))
        let verdict = Judge.judge(F.file("leads.csv", size: 10, latency: .seconds(6)), against: check)
        #expect(verdict.level == .warn)
        #expect(verdict.reason == "slow: 6s (max 5s)")
    }

    static let s3Cases: [(String, Int, [String: String], VerdictLevel, String, ProbeErrorKind?)] = [
        // An exact key that answers 404 is a missing file.
        ("s3://acme-exports/daily/leads.csv", 404, [:], .fail, "leads.csv is missing", .fileNotFound),
        // A glob's 404 comes from the listing: the bucket is not there, an HTTP error like any other.
        ("s3://acme-exports/daily/leads_*.csv", 404, [:], .fail, "HTTP 404", nil),
        ("s3://acme-exports/daily/leads.csv", 403, [:], .fail, "HTTP 403", nil),
        // Over HTTP, s3's Content-Length and Last-Modified are the file's size and time.
        ("s3://acme-exports/daily/leads.csv", 200, ["content-length": " 12288 ", "last-modified": "Mon, 23 Nov 2026 07:00:00 GMT"],
         .pass, "leads.csv is 12 KiB, 3h old", nil),
        ("s3://acme-exports/daily/leads.csv", 200, ["content-length": "0", "last-modified": "Mon, 23 Nov 2026 07:00:00 GMT"],
         .fail, "leads.csv is 0 B (min 1 KiB)", nil),
        ("s3://acme-exports/daily/leads.csv", 200, ["content-length": "12288"], .fail, "leads.csv modification time is missing", nil),
        ("s3://acme-exports/daily/leads.csv", 200, ["last-modified": "Mon, 23 Nov 2026 07:00:00 GMT"],
         .fail, "the size of leads.csv is unknown (min 1 KiB)", nil),
    ]

    /// s3 answers over HTTP: its status counts, and a missing exact key reads as a missing file.
    @Test(arguments: s3Cases)
    func s3(url: String, status: Int, headers: [String: String], level: VerdictLevel, reason: String, errorKind: ProbeErrorKind?) {
        let check = F.fileCheck(url, minSize: 1024, freshness: F.nightly)
        let verdict = Judge.judge(F.file(nil, status: status, headers: headers), against: check)
        #expect(verdict.level == level)
        #expect(verdict.reason == reason)
        #expect(verdict.errorKind == errorKind)
        #expect(verdict.httpStatus == status)
    }

    /// A key written with a secret reference is named by its redacted form, never the secret.
    @Test func missingS3KeyNeverNamesASecret() {
        var check = F.fileCheck("s3://b/x.csv")
        check.url = SecretText(revealed: "s3://acme/exports/canary-7c1e.csv", redacted: "s3://acme/exports/***")
        let verdict = Judge.judge(F.file(nil, status: 404), against: check)
        #expect(verdict.reason == "*** is missing")
    }

    static let httpCases: [(String, [String: String], String, VerdictLevel, String)] = [
        ("GET", ["content-length": "2048"], "", .pass, "body is 2 KiB"),
        ("GET", [:], String(repeating: "x", count: 100), .fail, "body is 100 B (min 1 KiB)"),
        ("HEAD", ["content-length": "4096"], "", .pass, "body is 4 KiB"),
        ("HEAD", [:], "", .fail, "the size of body is unknown (min 1 KiB)"),
    ]

    /// Over HTTP, `min_size` reads Content-Length, else the body read; a passing answer is still summarised as HTTP.
    @Test(arguments: httpCases)
    func minSizeOverHTTP(method: String, headers: [String: String], body: String, level: VerdictLevel, finding: String) {
        let check = F.fileCheck("https://exports.example.com/leads.csv", minSize: 1024, method: method)
        let verdict = Judge.judge(F.answered(body: body, headers: headers), against: check)
        #expect(verdict.findings.map(\.shown) == [Shown(level: .pass, text: "HTTP 200"), Shown(level: level, text: finding)])
        #expect(verdict.reason == (level == .pass ? "HTTP 200 in 45ms" : finding))
    }

    static let lastModifiedCases: [([String: String], VerdictLevel, String)] = [
        (["last-modified": "Mon, 23 Nov 2026 07:00:00 GMT"], .pass, "HTTP 200 in 45ms, Last-Modified 3h old"),
        (["last-modified": "Sun, 22 Nov 2026 07:00:00 GMT"], .stale, "Last-Modified 1d3h old (error after 1d1h)"),
        ([:], .fail, "Last-Modified header is missing"),
        (["last-modified": "soon"], .fail, #"Last-Modified "soon" is not a timestamp (expected an HTTP date)"#),
    ]

    /// Over HTTP, `file_time` reads `Last-Modified`.
    @Test(arguments: lastModifiedCases)
    func fileTimeOverHTTP(headers: [String: String], level: VerdictLevel, reason: String) {
        let check = F.fileCheck("https://exports.example.com/leads.csv", freshness: F.nightly)
        let verdict = Judge.judge(F.answered(headers: headers), against: check)
        #expect(verdict.level == level)
        #expect(verdict.reason == reason)
    }

    /// A token that could not be had fails the probe with the token endpoint's words; the endpoint was never asked.
    @Test(arguments: [
        (TokenEndpointProblem.answered(status: 401, oauthError: "invalid_client"), "token endpoint answered 401 invalid_client"),
        (.answered(status: 500, oauthError: nil), "token endpoint answered 500"),
        (.unreachable(.connect(.refused, target: "127.0.0.1:9481")), "token endpoint refused the connection (127.0.0.1:9481)"),
        (.unreachable(.timeout(after: .seconds(5))), "token endpoint timed out after 5s"),
        (.notJSON(status: 200), "token endpoint answered non-JSON"),
        (.noAccessToken, "token endpoint answer has no access_token"),
        (.other("key file /etc/baton/keys/sa.json has no private_key"), "key file /etc/baton/keys/sa.json has no private_key"),
    ])
    func tokenFailures(problem: TokenEndpointProblem, reason: String) {
        let observation = ProbeObservation(result: .tokenFailed(problem), latency: .milliseconds(5), observedAt: F.now)
        let verdict = Judge.judge(observation, against: F.check(status: [200]))
        #expect(verdict.level == .fail)
        #expect(verdict.reason == reason)
        #expect(verdict.findings.map(\.shown) == [Shown(level: .fail, text: reason)])
        #expect(verdict.httpStatus == nil)
    }
}
