import BatonCore
@testable import BatonDaemon
import Foundation
import TestSupport
import Testing

/// The real HTTP listener on loopback, clients from several 127.0.0.x addresses: unknown `/ping`
/// tokens are counted, logged in a summary and limited per source with 429 and Retry-After, while
/// right tokens are never limited; every answer is served with nosniff, the page unframeable.
@Suite(.serialized)
struct HTTPListenerHostileTests {
    static let token = "nightly-export-7f3a9c"
    /// Three unknown tokens, then none for an hour: nothing refills while the test runs.
    static let limits = PingRateLimiter.Limits(burst: 3, refill: .seconds(1200), sources: 64)

    static func withListener(_ body: (_ port: Int, _ parts: DaemonParts) async throws -> Void) async throws {
        let heartbeat = ProbeKind.heartbeat(Heartbeat(token: SecretText(literal: token), period: .seconds(86_400), grace: .zero))
        let config = Config(
            teams: [Team(id: "data", name: "Data team", channels: [])],
            integrations: [Integration(id: "nightly", name: "Nightly export", owner: "data", probe: heartbeat)]
        )
        let parts = try DaemonParts(config: config)
        let port = LoopbackPort.closed()
        let listener = HTTPListener.make(
            address: ListenAddress(host: "127.0.0.1", port: port), monitor: parts.monitor, store: parts.store, writer: parts.writer,
            leadership: parts.leadership, metrics: parts.metrics, logger: parts.log.logger(), pingLimits: limits
        )
        let running = Task { try await listener.run() }
        defer { running.cancel() }
        #expect(await eventually { LoopbackPort.accepts(port) }, "the listener never listened on \(port)")
        try await body(port, parts)
        running.cancel()
        _ = try? await running.value
    }

    static func get(_ path: String, port: Int, from source: String = "127.0.0.1", method: String = "GET") async throws -> RawSocket.Answer? {
        let connection = try RawSocket.tcp(port: port, from: source)
        await connection.send("\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        return await connection.answer(within: .seconds(10))
    }

    /// Unknown tokens answer 404 until the source's burst is spent, then 429 with Retry-After for
    /// everything it sends; other sources, and right tokens from them, are unaffected.
    @Test func unknownTokensAreLimitedPerSource() async throws {
        try await Self.withListener { port, parts in
            for guess in 0..<3 {
                #expect(try await Self.get("/ping/guess-\(guess)", port: port, from: "127.0.0.2")?.status == 404)
            }
            let limited = try await Self.get("/ping/guess-3", port: port, from: "127.0.0.2", method: "POST")
            #expect(limited?.status == 429)
            // One token comes back 1200 s after the burst was spent; a busy machine may have let a
            // second or two pass since, never more than a minute.
            let retryAfter = limited?.headers["retry-after"].flatMap { Int($0) } ?? 0
            #expect((1140...1200).contains(retryAfter), "Retry-After: \(retryAfter)")
            // Over its limit, a source learns nothing, not even that a token is right.
            #expect(try await Self.get("/ping/\(Self.token)", port: port, from: "127.0.0.2")?.status == 429)

            // Another address still has its own burst, and right tokens never spend it.
            for _ in 0..<20 {
                #expect(try await Self.get("/ping/\(Self.token)", port: port, from: "127.0.0.3", method: "POST")?.status == 200)
            }
            #expect(try await Self.get("/ping/other-guess", port: port, from: "127.0.0.3")?.status == 404)

            let metrics = try await Self.get("/metrics", port: port)?.text ?? ""
            #expect(metrics.contains(#"baton_ping_rejected_total{reason="unknown_token"} 4"#), "\(metrics)")
            #expect(metrics.contains(#"baton_ping_rejected_total{reason="rate_limited"} 2"#))

            // The first refusal is logged at once, by address and count; no token is ever logged.
            let lines = parts.log.all
            #expect(lines.contains { $0.level == .notice && $0.message == "/ping: 1 request with an unknown token (127.0.0.2: 1)" })
            #expect(!lines.contains { $0.message.contains("guess") || $0.message.contains(Self.token) })
            #expect(lines.allSatisfy { $0.level <= .notice })
        }
    }

    /// The status page cannot be framed or sniffed; every other answer is not sniffed either.
    @Test func answersForbidSniffingAndFraming() async throws {
        try await Self.withListener { port, _ in
            let page = try await Self.get("/", port: port)
            #expect(page?.status == 200)
            #expect(page?.headers["x-frame-options"] == "DENY")
            #expect(page?.headers["x-content-type-options"] == "nosniff")
            #expect(page?.headers["content-security-policy"]?.contains("frame-ancestors 'none'") == true)
            #expect(page?.headers["content-type"] == "text/html; charset=utf-8")
            for path in ["/metrics", "/healthz", "/ping/nope", "/no-such-page"] {
                #expect(try await Self.get(path, port: port)?.headers["x-content-type-options"] == "nosniff", "\(path)")
            }
        }
    }
}
