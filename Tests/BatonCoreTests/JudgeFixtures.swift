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
