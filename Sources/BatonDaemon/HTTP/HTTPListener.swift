import BatonCore
import BatonStatusPage
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
        address: ListenAddress, monitor: Monitor, store: StateStore, writer: StateWriter, leadership: Leadership, metrics: DaemonMetrics,
        logger: Logger, pingLimits: PingRateLimiter.Limits = .init()
    ) -> some Service {
        let router = Router(context: ListenerContext.self)
        router.add(middleware: NoSniffMiddleware())
        let page = StatusPageSource(monitor: monitor, store: store)
        router.get("/") { _, _ -> Response in
            let html = try await page.html()
            var headers = HTTPFields()
            // `HTTPFields.Element` is HTTPTypes' `HTTPField`, which Hummingbird does not re-export.
            for (name, value) in StatusPage.responseHeaders {
                if let field = HTTPFields.Element.Name(name) { headers[field] = value }
            }
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
        }
        router.get("/healthz") { _, _ -> Response in
            // Unhealthy while nothing recorded can be stored: a load balancer or a peer should know.
            if let failure = writer.failure {
                return text(.serviceUnavailable, "storage failing since \(WireTime.text(failure.since)): \(failure.message)")
            }
            return text(.ok, "ok")
        }
        router.get("/metrics") { _, _ -> Response in
            let counts = try? await store.deliveryCounts()
            let bytes = metrics.exposition(
                monitor.snapshot(), notices: counts.map { ($0.pending, $0.dead) }, leadership: leadership.view, leading: leadership.isLeading,
                tokenRequests: monitor.runner.tokens.requestCounts.map { ($0.credential, $0.requests) }
            )
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: bytes))
            )
        }
        let guarded = PingGuard(limits: pingLimits, logger: logger, metrics: metrics)
        let ping: @Sendable (Request, ListenerContext) async throws -> Response = { _, context in
            // A source over its limit learns nothing more, not even whether this token is right.
            if case .limited(let retryAfter) = guarded.admit(context.source) {
                let seconds = retryAfter.components.seconds
                var response = text(.tooManyRequests, "too many unknown tokens from this address; retry after \(seconds)s")
                response.headers[.retryAfter] = String(seconds)
                return response
            }
            let token = context.parameters.get("token") ?? ""
            // An unknown token is a plain 404: nothing about which tokens exist.
            if !token.isEmpty, !leadership.isLeading, monitor.knowsHeartbeat(token: token) {
                // A standby passes the ping on: the leader records it within a second.
                let body = (try? JSONEncoder().encode(LeaderRequest.ping(token: token))).map { String(decoding: $0, as: UTF8.self) } ?? ""
                guard (try? await store.submitRequest(kind: "ping", body: body, actor: "ping", node: leadership.node, at: monitor.clock())) != nil else {
                    return text(.serviceUnavailable, "cannot pass the ping to the leader")
                }
                return text(.accepted, "ok")
            }
            guard !token.isEmpty, leadership.isLeading, monitor.ping(token: token) else {
                guarded.unknownToken(from: context.source)
                return text(.notFound, "not found")
            }
            return text(.ok, "ok")
        }
        router.get("/ping/{token}", use: ping)
        router.post("/ping/{token}", use: ping)
        var quiet = logger
        quiet.logLevel = max(logger.logLevel, .notice)
        return Application(
            router: router,
            configuration: .init(address: .hostname(address.host, port: address.port), serverName: "batond"),
            services: [PingGuard.Flusher(guarded: guarded)],
            onServerRunning: { _ in logger.info("HTTP listener on http://\(address) (status page /, /metrics, /healthz, /ping)") },
            logger: quiet
        )
    }

    private static func text(_ status: HTTPResponse.Status, _ line: String) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: line + "\n")))
    }
}

/// `X-Content-Type-Options: nosniff` on every answer of the listener: a browser must never
/// read `/metrics` or a ping answer as HTML.
struct NoSniffMiddleware: RouterMiddleware {
    typealias Context = ListenerContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            // A 404 for an unknown path is an answer too.
            response = try error.response(from: request, context: context)
        }
        response.headers[.xContentTypeOptions] = "nosniff"
        return response
    }
}
