import Foundation
import Testing
@testable import BatonCore

/// `expect.certificate`: whole days left on the server certificate against `warn_before` and `error_before`.
struct JudgeCertificateTests {
    typealias F = JudgeFixtures

    static let day: Int64 = 86_400
    static let standard = CertificateExpectation(warnBefore: .seconds(21 * day), errorBefore: .seconds(7 * day))

    /// The probe is at 2026-11-23T10:00:00Z; `notAfter` is this far from it.
    static let cases: [(Duration, VerdictLevel, String)] = [
        (.seconds(30 * day), .pass, "certificate expires in 30 days (2026-12-23)"),
        (.seconds(22 * day), .pass, "certificate expires in 22 days (2026-12-15)"),
        // 21 days and some hours is 21 whole days: at warn_before.
        (.seconds(21 * day + 12 * 3600), .warn, "certificate expires in 21 days (2026-12-14)"),
        (.seconds(21 * day), .warn, "certificate expires in 21 days (2026-12-14)"),
        (.seconds(8 * day), .warn, "certificate expires in 8 days (2026-12-01)"),
        // 7 days and 23 hours is 7 whole days: at error_before, down.
        (.seconds(7 * day + 23 * 3600), .fail, "certificate expires in 7 days (2026-12-01)"),
        (.seconds(1 * day), .fail, "certificate expires in 1 day (2026-11-24)"),
        (.seconds(3600), .fail, "certificate expires today (2026-11-23)"),
        (.zero, .fail, "certificate expires today (2026-11-23)"),
        (.seconds(-1), .fail, "certificate expired today (2026-11-23)"),
        (.seconds(-(2 * day + 3600)), .fail, "certificate expired 2 days ago (2026-11-21)"),
        (.seconds(-400 * day), .fail, "certificate expired 400 days ago (2025-10-19)"),
        // Far future dates are clamped, never a trap.
        (.seconds(300_000 * day), .pass, "certificate expires in 300000 days (2848-04-07)"),
    ]

    /// Days left give this level and reason, at and around each limit.
    @Test(arguments: cases)
    func daysLeft(notAfter: Duration, level: VerdictLevel, reason: String) {
        let verdict = Judge.judge(F.withCertificate(notAfter: notAfter), against: F.fileCheck("https://marketo.example.com", certificate: Self.standard))
        #expect(verdict.findings.map(\.shown) == [Shown(level: .pass, text: "HTTP 200"), Shown(level: level, text: reason)])
        #expect(verdict.level == level)
        #expect(verdict.reason == (level == .pass ? "HTTP 200 in 45ms" : reason))
    }

    /// A certificate whose validity has not begun is down, whatever its expiry.
    @Test func notYetValid() {
        let observation = F.withCertificate(notBefore: .seconds(2 * Self.day), notAfter: .seconds(90 * Self.day))
        let verdict = Judge.judge(observation, against: F.fileCheck("https://marketo.example.com", certificate: Self.standard))
        #expect(verdict.level == .fail)
        #expect(verdict.reason == "certificate not valid before 2026-11-25")
    }

    /// Only the limits given apply: without `error_before` a close expiry only warns; without `warn_before` it passes until `error_before`.
    @Test(arguments: [
        (CertificateExpectation(warnBefore: .seconds(21 * day)), Duration.seconds(1 * day), VerdictLevel.warn),
        (CertificateExpectation(errorBefore: .seconds(7 * day)), Duration.seconds(10 * day), .pass),
        (CertificateExpectation(errorBefore: .seconds(7 * day)), Duration.seconds(7 * day), .fail),
        // Limits in hours compare with whole days: 36h takes in 1 day left, not 2.
        (CertificateExpectation(errorBefore: .seconds(36 * 3600)), Duration.seconds(1 * day + 3600), .fail),
        (CertificateExpectation(errorBefore: .seconds(36 * 3600)), Duration.seconds(2 * day), .pass),
    ])
    func onlyTheLimitsGiven(expectation: CertificateExpectation, notAfter: Duration, level: VerdictLevel) {
        let verdict = Judge.judge(F.withCertificate(notAfter: notAfter), against: F.fileCheck("https://marketo.example.com", certificate: expectation))
        #expect(verdict.level == level)
    }

    /// A failing status is still the reason when the certificate also fails: status comes first.
    @Test func statusComesFirst() {
        var observation = F.withCertificate(notAfter: .seconds(-Self.day))
        if case .answered(var answer) = observation.result {
            answer.status = 503
            observation.result = .answered(answer)
        }
        let verdict = Judge.judge(observation, against: F.fileCheck("https://marketo.example.com", certificate: Self.standard))
        #expect(verdict.reason == "HTTP 503")
        #expect(verdict.findings.map(\.shown) == [
            Shown(level: .fail, text: "HTTP 503"), Shown(level: .fail, text: "certificate expired 1 day ago (2026-11-22)"),
        ])
    }

    /// Without `expect.certificate` the certificate is not judged; without a certificate in the answer there is nothing to judge.
    @Test func judgedOnlyWhenAskedAndKnown() {
        let unasked = Judge.judge(F.withCertificate(notAfter: .seconds(-Self.day)), against: F.check())
        #expect(unasked.findings.map(\.shown) == [Shown(level: .pass, text: "HTTP 200")])
        let unknown = Judge.judge(F.answered(), against: F.fileCheck("https://marketo.example.com", certificate: Self.standard))
        #expect(unknown.findings.map(\.shown) == [Shown(level: .pass, text: "HTTP 200")])
    }
}
