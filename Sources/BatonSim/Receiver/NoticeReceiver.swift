import Foundation
import Logging
import Synchronization

/// What a simulated chat webhook answers, so delivery can be tested against failure.
public struct ReceiverBehaviour: Codable, Sendable, Equatable {
    /// Status of a successful answer (Slack answers 200 `ok`, Teams workflows 202).
    public var status: Int
    /// Answer this many requests with `failureStatus` first.
    public var failures: Int
    public var failureStatus: Int
    /// `Retry-After` value sent with failures, as written (`2`, or an HTTP date).
    public var retryAfter: String?
    /// Hold every request until the client gives up.
    public var hang: Bool

    public init(status: Int = 200, failures: Int = 0, failureStatus: Int = 500, retryAfter: String? = nil, hang: Bool = false) {
        self.status = status
        self.failures = failures
        self.failureStatus = failureStatus
        self.retryAfter = retryAfter
        self.hang = hang
    }

    enum CodingKeys: String, CodingKey {
        case status, failures, hang
        case failureStatus = "failure_status"
        case retryAfter = "retry_after"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        status = try container.decodeIfPresent(Int.self, forKey: .status) ?? 200
        failures = try container.decodeIfPresent(Int.self, forKey: .failures) ?? 0
        failureStatus = try container.decodeIfPresent(Int.self, forKey: .failureStatus) ?? 500
        retryAfter = try container.decodeIfPresent(String.self, forKey: .retryAfter)
        hang = try container.decodeIfPresent(Bool.self, forKey: .hang) ?? false
    }
}

/// One request a simulated webhook received.
public struct ReceivedNotice: Codable, Sendable, Equatable {
    public var channel: String
    /// Request headers, names in lower case.
    public var headers: [String: String]
    public var body: String
    /// The status it was answered with.
    public var answeredStatus: Int
    /// Seconds since 1970 when it arrived.
    public var receivedAt: Double

    enum CodingKeys: String, CodingKey {
        case channel, headers, body
        case answeredStatus = "answered_status"
        case receivedAt = "received_at"
    }

    /// The body as JSON, when it is.
    public var json: [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any]
    }
}

/// The simulated chat webhooks: records every notice, answers per ``ReceiverBehaviour``.
final class NoticeReceiver: Sendable {
    struct State {
        var behaviours: [String: ReceiverBehaviour] = [:]
        var received: [ReceivedNotice] = []
        var waiters: [(channel: String?, count: Int, continuation: CheckedContinuation<Void, Never>)] = []
    }

    let state = Mutex(State())
    let logger: Logger

    init(logger: Logger) {
        self.logger = logger
    }

    /// Decides the answer to one request and records it.
    func receive(channel: String, headers: [String: String], body: String) -> (status: Int, retryAfter: String?, hang: Bool) {
        let (answer, waiters) = state.withLock { state -> ((Int, String?, Bool), [CheckedContinuation<Void, Never>]) in
            var behaviour = state.behaviours[channel] ?? ReceiverBehaviour()
            let failing = behaviour.failures > 0
            if failing {
                behaviour.failures -= 1
                state.behaviours[channel] = behaviour
            }
            let status = failing ? behaviour.failureStatus : behaviour.status
            state.received.append(ReceivedNotice(
                channel: channel, headers: headers, body: body, answeredStatus: behaviour.hang ? 0 : status,
                receivedAt: Date().timeIntervalSince1970
            ))
            var ready: [CheckedContinuation<Void, Never>] = []
            state.waiters.removeAll { waiter in
                let count = state.received.filter { waiter.channel == nil || $0.channel == waiter.channel }.count
                guard count >= waiter.count else { return false }
                ready.append(waiter.continuation)
                return true
            }
            return ((status, failing ? behaviour.retryAfter : nil, behaviour.hang), ready)
        }
        for waiter in waiters { waiter.resume() }
        if !answer.2 && (200..<300).contains(answer.0) {
            logger.info("notice to \(channel): \(NoticeText.summary(of: body))")
        } else {
            logger.info("notice to \(channel) answered \(answer.2 ? "never (hanging)" : "HTTP \(answer.0)")")
        }
        return answer
    }

    func received(_ channel: String?) -> [ReceivedNotice] {
        state.withLock { state in state.received.filter { channel == nil || $0.channel == channel } }
    }

    func set(_ channel: String, _ behaviour: ReceiverBehaviour) {
        state.withLock { $0.behaviours[channel] = behaviour }
    }

    func waitFor(_ channel: String?, atLeast count: Int) async {
        await withCheckedContinuation { continuation in
            let done = state.withLock { state -> Bool in
                if state.received.filter({ channel == nil || $0.channel == channel }).count >= count { return true }
                state.waiters.append((channel, count, continuation))
                return false
            }
            if done { continuation.resume() }
        }
    }
}

/// A one-line summary of a chat message body, whatever its shape, for the simulator's log.
enum NoticeText {
    static func summary(of body: String) -> String {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] else {
            return String(body.prefix(160))
        }
        let text = (object["text"] as? String)
            ?? (object["content"] as? String)
            ?? (object["headline"] as? String)
            ?? firstTextBlock(in: object)
            ?? "(\(object.keys.sorted().joined(separator: ", ")))"
        return String(text.replacingOccurrences(of: "\n", with: " ").prefix(200))
    }

    /// The first `"text"` found anywhere inside (Adaptive Cards nest it deeply).
    static func firstTextBlock(in value: Any) -> String? {
        if let object = value as? [String: Any] {
            if let text = object["text"] as? String { return text }
            for key in object.keys.sorted() {
                if let found = object[key].flatMap(firstTextBlock(in:)) { return found }
            }
        } else if let array = value as? [Any] {
            for item in array {
                if let found = firstTextBlock(in: item) { return found }
            }
        }
        return nil
    }
}
