import BatonCore
import BatonHTTP
import Foundation

/// What to do after one delivery attempt.
enum DeliveryOutcome: Sendable, Equatable {
    case delivered
    /// Try again at this time; the reason goes into the notice row and the log.
    case retry(at: Date, reason: String)
    /// Keep as a dead letter: the receiver refused it for good.
    case dead(reason: String)
    /// The webhook is gone (410): disable the channel until its URL changes.
    case disableChannel(reason: String)
    /// The daemon is shutting down: the notice stays pending and goes out after the restart.
    case abandoned
}

/// How a receiver's answer is read, following what each chat service documents (CHANNELS.md).
///
/// Network errors, timeouts, 408, 429 and 5xx are retried with exponential backoff and jitter,
/// or after `Retry-After` (seconds or an HTTP date; Discord's `retry_after` in the JSON body too),
/// capped; a 3xx is a failure (webhooks must not redirect); 410 disables the channel; any other
/// 4xx is a permanent refusal, kept as a dead letter with the receiver's answer.
enum DeliveryPolicy {
    /// First retry after 2 s, doubling, at most 5 minutes apart: a receiver back after an hour
    /// gets its backlog within minutes.
    static let firstBackoff: Duration = .seconds(2)
    static let maximumBackoff: Duration = .seconds(300)
    /// A `Retry-After` longer than this is not believed.
    static let maximumRetryAfter: Duration = .seconds(3600)

    /// - Parameters:
    ///   - attempts: attempts made so far, this one included.
    ///   - jitter: a factor in 0.75...1.25, random in production, fixed in tests.
    static func outcome(
        of result: Result<HTTPResponse, TransferError>, attempts: Int, now: Date, jitter: Double = Double.random(in: 0.75...1.25)
    ) -> DeliveryOutcome {
        switch result {
        case .failure(let error):
            if error.kind == .cancelled { return .abandoned }
            return .retry(at: now.addingTimeInterval(backoff(attempts: attempts, jitter: jitter).seconds), reason: error.message)
        case .success(let response):
            return outcome(status: response.status, headers: response.headers, body: response.body, attempts: attempts, now: now, jitter: jitter)
        }
    }

    static func outcome(status: Int, headers: [String: String], body: [UInt8], attempts: Int, now: Date, jitter: Double) -> DeliveryOutcome {
        let answer = Self.answer(status, body)
        switch status {
        case 200..<300:
            return .delivered
        case 300..<400:
            return .dead(reason: "\(answer): a webhook URL must not redirect; put the final URL in the config")
        case 410:
            return .disableChannel(reason: "\(answer): the webhook no longer exists")
        case 408, 429, 500..<600:
            if let after = retryAfter(headers: headers, body: body, now: now) {
                let wait = Duration.seconds(Int64(saturating: after.rounded(.up)))
                return .retry(at: now.addingTimeInterval(after), reason: "\(answer) (retry after \(wait.compact))")
            }
            return .retry(at: now.addingTimeInterval(backoff(attempts: attempts, jitter: jitter).seconds), reason: answer)
        default:
            return .dead(reason: answer)
        }
    }

    /// 2 s, 4 s, 8 s … at most 5 min, times the jitter.
    static func backoff(attempts: Int, jitter: Double) -> Duration {
        let exponent = min(max(attempts - 1, 0), 20)
        let seconds = min(firstBackoff.seconds * pow(2, Double(exponent)), maximumBackoff.seconds)
        return .milliseconds(Int64(saturating: seconds * jitter * 1000))
    }

    /// Seconds to wait, from `Retry-After` (delta-seconds or an HTTP date) or Discord's JSON
    /// `retry_after`, capped at ``maximumRetryAfter``.
    ///
    /// The receiver is outside Baton: `1e300`, `inf` or `NaN` must neither trap a conversion
    /// later nor park a notice for ever, so the value is clamped here, before anything uses it.
    /// A negative or `NaN` value is ignored (the backoff applies).
    static func retryAfter(headers: [String: String], body: [UInt8], now: Date) -> Double? {
        if let value = headers["retry-after"]?.trimmingCharacters(in: .whitespaces) {
            if let seconds = Double(value), seconds >= 0 { return capped(seconds) }
            if let date = Timestamp.parse(value) { return capped(date.timeIntervalSince(now)) }
        }
        if case .object(let members)? = try? JSONParser.parse(body), case .number(let seconds)? = members["retry_after"], seconds >= 0 {
            return capped(seconds)
        }
        return nil
    }

    /// Between 0 and ``maximumRetryAfter``; `NaN` reads as 0.
    private static func capped(_ seconds: Double) -> Double {
        seconds.isNaN ? 0 : min(max(seconds, 0), maximumRetryAfter.seconds)
    }

    /// `HTTP 400: invalid_payload`: the status and the start of the receiver's answer, printable.
    static func answer(_ status: Int, _ body: [UInt8]) -> String {
        let text = String(decoding: body.prefix(300), as: UTF8.self)
            .unicodeScalars.map { $0.properties.generalCategory == .control ? " " : String($0) }.joined()
            .trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? "HTTP \(status)" : "HTTP \(status): \(text.count > 200 ? String(text.prefix(199)) + "…" : text)"
    }
}
