import Foundation
@testable import BatonCore

/// Builders for checks and observations, so judgement tests state only what they are about.
enum JudgeFixtures {
    /// 2026-11-23T10:00:00Z: when every test probe is observed.
    static let now = Date(timeIntervalSince1970: 1_795_428_000)

    static func check(
        status: [Int]? = nil,
        maxLatency: Duration? = nil,
        json: [JSONCondition] = [],
        bodyContains: String? = nil,
        freshness: FreshnessRule? = nil
    ) -> HTTPCheck {
        HTTPCheck(
            url: SecretText(literal: "https://marketo.example.com/api/sync/status"),
            expect: Expectations(status: status, maxLatency: maxLatency, json: json, bodyContains: bodyContains),
            freshness: freshness
        )
    }

    static func answered(
        status: Int = 200, body: String = "", headers: [String: String] = [:], latency: Duration = .milliseconds(45)
    ) -> ProbeObservation {
        ProbeObservation(
            result: .answered(HTTPAnswer(status: status, headers: headers, body: Array(body.utf8))),
            latency: latency,
            observedAt: now
        )
    }

    /// A file-drop check (or any check by URL) with only the rules a test is about.
    static func fileCheck(
        _ url: String,
        minSize: Int? = nil,
        freshness: FreshnessRule? = nil,
        maxLatency: Duration? = nil,
        certificate: CertificateExpectation? = nil,
        method: String = "GET"
    ) -> HTTPCheck {
        HTTPCheck(
            url: SecretText(literal: url),
            method: method,
            expect: Expectations(maxLatency: maxLatency, certificate: certificate, minSize: minSize),
            freshness: freshness
        )
    }

    /// A file drop's answer: the file's facts as the transport reports them.
    static func file(
        _ name: String?, modifiedAgo: Duration? = nil, size: Int? = nil, status: Int = 0, headers: [String: String] = [:],
        latency: Duration = .milliseconds(80)
    ) -> ProbeObservation {
        let facts = name.map { FileFacts(name: $0, modified: modifiedAgo.map { now.addingTimeInterval(-$0.seconds) }, size: size) }
        return ProbeObservation(result: .answered(HTTPAnswer(status: status, headers: headers, file: facts)), latency: latency, observedAt: now)
    }

    /// An answer that carries the server's certificate, valid from `notBefore` to `notAfter` (offsets from ``now``).
    static func withCertificate(notBefore: Duration = .seconds(-90 * 86_400), notAfter: Duration) -> ProbeObservation {
        let certificate = CertificateSummary(
            subject: "CN=marketo.example.com", issuer: "CN=Example CA",
            notBefore: now.addingTimeInterval(notBefore.seconds), notAfter: now.addingTimeInterval(notAfter.seconds)
        )
        return ProbeObservation(result: .answered(HTTPAnswer(status: 200, certificate: certificate)), latency: .milliseconds(45), observedAt: now)
    }

    /// A nightly export: degraded after 24 h, stale after 25 h.
    static let nightly = FreshnessRule(source: .fileTime, warnAfter: .seconds(24 * 3600), errorAfter: .seconds(25 * 3600))

    /// A pointer written in a test; a typo there is a test bug, so trapping is right.
    static func pointer(_ raw: String) -> JSONPointer {
        try! JSONPointer(parsing: raw)
    }

    static func condition(_ raw: String, _ test: JSONTest) -> JSONCondition {
        JSONCondition(pointer: pointer(raw), test: test)
    }

    /// `last_sync` at `/last_sync`, degraded after 30 min, stale after 2 h: the SPEC example.
    static let lastSync = FreshnessRule(source: .pointer(pointer("/last_sync")), warnAfter: .seconds(1800), errorAfter: .seconds(7200))

    static let lastModified = FreshnessRule(source: .header("Last-Modified"), warnAfter: .seconds(1800), errorAfter: .seconds(7200))
}
