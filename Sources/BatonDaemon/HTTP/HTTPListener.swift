import BatonCore
import BatonStore
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// The optional TCP listener (`daemon.http`): `/metrics`, `/healthz`, `GET|POST /ping/<token>`, and
/// the read-only status page. Nothing here changes anything but heartbeats: the control socket stays
/// the only way to act.
enum HTTPListener {
    static func make(
        address: ListenAddress, monitor: Monitor, store: StateStore, writer: StateWriter, leadership: Leadership, metrics: DaemonMetrics, logger: Logger
    ) -> some Service {
        let router = Router()
        let page = StatusPageSource(monitor: monitor, store: store)
        router.get("/") { _, _ -> Response in
            let html = try await page.html()
            return Response(
                status: .ok,
                headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store", .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; img-src data:"],
                body: .init(byteBuffer: ByteBuffer(string: html))
            )
        }
        router.get("/healthz") { _, _ -> Response in
            // Unhealthy while nothing recorded can be stored: a load balancer or a peer should know.
            if let failure = writer.failure {
                let text = "storage failing since \(WireTime.text(failure.since)): \(failure.message)\n"
                return Response(status: .serviceUnavailable, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
            }
            return Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
        }
        router.get("/metrics") { _, _ -> Response in
            let counts = try? await store.deliveryCounts()
            let bytes = metrics.exposition(
                monitor.snapshot(), notices: counts.map { ($0.pending, $0.dead) }, leadership: leadership.view, leading: leadership.isLeading
            )
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: bytes))
            )
        }
        let ping: @Sendable (Request, BasicRequestContext) async throws -> Response = { _, context in
            let token = context.parameters.get("token") ?? ""
            // An unknown token is a plain 404: nothing about which tokens exist.
            if !token.isEmpty, !leadership.isLeading, monitor.knowsHeartbeat(token: token) {
                // A standby passes the ping on: the leader records it within a second.
                let body = (try? JSONEncoder().encode(LeaderRequest.ping(token: token))).map { String(decoding: $0, as: UTF8.self) } ?? ""
                guard (try? await store.submitRequest(kind: "ping", body: body, actor: "ping", node: leadership.node, at: monitor.clock())) != nil else {
                    return Response(status: .serviceUnavailable, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "cannot pass the ping to the leader\n")))
                }
                return Response(status: .accepted, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
            }
            guard !token.isEmpty, leadership.isLeading, monitor.ping(token: token) else {
                return Response(status: .notFound, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "not found\n")))
            }
            return Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
        }
        router.get("/ping/{token}", use: ping)
        router.post("/ping/{token}", use: ping)
        var quiet = logger
        quiet.logLevel = max(logger.logLevel, .notice)
        return Application(
            router: router,
            configuration: .init(address: .hostname(address.host, port: address.port), serverName: "batond"),
            onServerRunning: { _ in logger.info("HTTP listener on http://\(address) (status page /, /metrics, /healthz, /ping)") },
            logger: quiet
        )
    }
}
