@testable import BatonDaemon
import BatonHTTP
import Foundation
import Testing

/// How a receiver's answer turns into delivered, retry, dead letter or a disabled channel.
struct DeliveryPolicyTests {
    /// 2026-11-23T10:00:00Z.
    static let now = Date(timeIntervalSince1970: 1_795_428_000)

    static func answer(_ status: Int, headers: [String: String] = [:], body: String = "") -> DeliveryOutcome {
        DeliveryPolicy.outcome(status: status, headers: headers, body: Array(body.utf8), attempts: 1, now: now, jitter: 1)
    }

    /// 2xx is delivered, whatever the body (Slack answers `ok`, Teams workflows 202).
    @Test(arguments: [200, 201, 202, 204])
    func successIsDelivered(status: Int) {
        #expect(Self.answer(status, body: "ok") == .delivered)
    }

    /// 408, 429 and 5xx are retried after the backoff when no Retry-After is given.
    @Test(arguments: [408, 429, 500, 502, 503, 504])
    func transientFailuresAreRetried(status: Int) {
        #expect(Self.answer(status) == .retry(at: Self.now.addingTimeInterval(2), reason: "HTTP \(status)"))
    }

    /// Retry-After as seconds, as an HTTP date, and Discord's JSON retry_after are honoured; a huge one is capped at an hour.
    @Test(arguments: [
        (["retry-after": "2"], "", 2.0),
        (["retry-after": "Mon, 23 Nov 2026 10:00:30 GMT"], "", 30.0),
        ([:], #"{"message": "You are being rate limited.", "retry_after": 1.5, "global": false}"#, 1.5),
        (["retry-after": "86400"], "", 3600.0),
    ])
    func retryAfterIsHonoured(headers: [String: String], body: String, seconds: Double) throws {
        guard case .retry(let at, _) = Self.answer(429, headers: headers, body: body) else {
            Issue.record("expected a retry")
            return
        }
        #expect(abs(at.timeIntervalSince(Self.now) - seconds) < 0.001)
    }

    /// A receiver's absurd Retry-After (header or Discord's JSON) is read as at most an hour,
    /// never trapping a conversion; negative, NaN or unreadable values fall back to the backoff (2 s).
    @Test(arguments: [
        (["retry-after": "1e300"], "", 3600.0, "retry after 1h"),
        (["retry-after": "inf"], "", 3600.0, "retry after 1h"),
        (["retry-after": "infinity"], "", 3600.0, "retry after 1h"),
        (["retry-after": "99999999999999999999999999999"], "", 3600.0, "retry after 1h"),
        (["retry-after": String(repeating: "9", count: 400)], "", 3600.0, "retry after 1h"),
        ([:], #"{"retry_after": 1e300}"#, 3600.0, "retry after 1h"),
        ([:], #"{"retry_after": 1e999}"#, 2.0, "HTTP 429: {"),
        (["retry-after": "-1"], "", 2.0, "HTTP 429"),
        (["retry-after": "nan"], "", 2.0, "HTTP 429"),
        (["retry-after": "-inf"], "", 2.0, "HTTP 429"),
        ([:], #"{"retry_after": -1}"#, 2.0, "HTTP 429: {"),
        (["retry-after": "Fri, 31 Dec 9999 23:59:59 GMT"], "", 3600.0, "retry after 1h"),
        (["retry-after": "Mon, 23 Nov 2026 09:00:00 GMT"], "", 0.0, "retry after 0ms"),
    ])
    func hostileRetryAfterIsClamped(headers: [String: String], body: String, seconds: Double, reason: String) {
        guard case .retry(let at, let why) = Self.answer(429, headers: headers, body: body) else {
            Issue.record("expected a retry")
            return
        }
        #expect(abs(at.timeIntervalSince(Self.now) - seconds) < 0.001)
        #expect(why.hasPrefix(reason) || why.hasSuffix("(\(reason))"), "got: \(why)")
    }

    /// A redirect is a failure (never followed), 410 disables the channel, other 4xx are dead letters with the receiver's answer.
    @Test func permanentAnswers() {
        guard case .dead(let redirect) = Self.answer(302) else { Issue.record("302 must be dead"); return }
        #expect(redirect.hasPrefix("HTTP 302"))
        guard case .disableChannel = Self.answer(410) else { Issue.record("410 must disable"); return }
        #expect(Self.answer(400, body: "invalid_payload") == .dead(reason: "HTTP 400: invalid_payload"))
        #expect(Self.answer(404, body: "no_service\n") == .dead(reason: "HTTP 404: no_service"))
    }

    /// Backoff doubles from 2 s and stops at 5 min; jitter scales it.
    @Test(arguments: [(1, 2.0), (2, 4.0), (3, 8.0), (8, 256.0), (9, 300.0), (50, 300.0)])
    func backoffDoublesAndCaps(attempts: Int, seconds: Double) {
        #expect(DeliveryPolicy.backoff(attempts: attempts, jitter: 1).seconds == seconds)
        #expect(DeliveryPolicy.backoff(attempts: attempts, jitter: 0.75).seconds == seconds * 0.75)
    }

    /// A network failure is retried with the transfer's message; a cancelled transfer (shutdown) stays pending.
    @Test func transportFailures() {
        let refused = TransferError(kind: .connect, message: "connection refused (127.0.0.1:1)", curlCode: 7, elapsed: .zero)
        #expect(DeliveryPolicy.outcome(of: .failure(refused), attempts: 3, now: Self.now, jitter: 1)
            == .retry(at: Self.now.addingTimeInterval(8), reason: "connection refused (127.0.0.1:1)"))
        let cancelled = TransferError(kind: .cancelled, message: "cancelled", curlCode: 0, elapsed: .zero)
        #expect(DeliveryPolicy.outcome(of: .failure(cancelled), attempts: 1, now: Self.now, jitter: 1) == .abandoned)
    }

    /// The receiver's answer is shown printable and short.
    @Test func answersAreShortAndPrintable() {
        let long = String(repeating: "x", count: 1000)
        guard case .dead(let reason) = Self.answer(400, body: "bad\u{1B}[31m\n" + long) else { Issue.record("expected dead"); return }
        #expect(!reason.contains("\u{1B}"))
        #expect(reason.count < 220)
    }
}
