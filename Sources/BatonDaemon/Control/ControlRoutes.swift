import BatonAPI
import BatonCore
import BatonStore
import Foundation
import HTTPTypes
import Hummingbird

/// The control API's routes (SPEC.md "API"), each a thin call into the monitor or the store.
struct ControlRoutes: Sendable {
    let monitor: Monitor
    let store: StateStore
    let writer: StateWriter
    let deliverer: NoticeDeliverer
    let reloader: Reloader
    let leadership: Leadership

    func register(on router: Router<ControlContext>) {
        router.add(middleware: APIErrorMiddleware())
        router.get("/v1/status") { request, _ in try await status(request) }
        router.post("/v1/channels/{id}/test") { _, context in try await testChannel(context.parameters.require("id")) }
        router.post("/v1/reload") { _, context in try await reload(context) }
        router.get("/v1/integrations/{id}") { _, context in try await detail(context.parameters.require("id")) }
        router.post("/v1/integrations/{id}/check") { _, context in try await check(context.parameters.require("id")) }
        IncidentRoutes(monitor: monitor, store: store, writer: writer, leadership: leadership).register(on: router)
        ReportRoutes(monitor: monitor, store: store, writer: writer).register(on: router)
    }

    func status(_ request: Request) async throws -> Response {
        let query = request.uri.queryParameters
        var filter = StatusFilter()
        filter.owner = query["owner"].map(String.init)
        filter.tag = query["tag"].map(String.init)
        if let name = query["state"] {
            guard let state = IntegrationState(rawValue: String(name)) else {
                let names = IntegrationState.allCases.map(\.rawValue).joined(separator: ", ")
                throw APIFailure.badRequest("unknown state \"\(name)\"; states are \(names)")
            }
            filter.state = state
        }
        let now = monitor.clock()
        let snapshot = monitor.snapshot()
        var answer = StatusResponse(integrations: [], summary: StateSummary(), generatedAt: WireFormat.timestamp(now))
        answer.configError = monitor.configError
        if let counts = try? await store.deliveryCounts() {
            answer.delivery = DeliveryStatus(pending: counts.pending, dead: counts.dead, disabledChannels: deliverer.disabledChannels)
        }
        answer.cluster = StatusView.cluster(leadership)
        answer.warnings = PipelineHealth.warnings(writer: writer, deliverer: deliverer, at: now)
        // Written by hand, byte for byte as the encoder would, a line at a time (at 10,000
        // integrations `JSONEncoder` took most of the answer's time), and sent in pieces while it is
        // written: the client reads the first lines while the last are being written, and the
        // answer never sits whole in memory (3.4 MB at 10,000). The summary, known at the end, goes
        // once more in the `Baton-State-Counts` trailer, which `baton status --json` takes its exit
        // code from. A line that cannot be written (an SLA target that is not a number, which the
        // config refuses) ends the answer unfinished: the client sees it cut short.
        let order = snapshot.order
        let (head, admitted) = (answer, filter)
        let body = ResponseBody { writer in
            // The second half of the lines is written meanwhile on another thread: writing a line
            // is mostly waiting for memory (the entry, its integration, their strings, one cache
            // miss after another), and the daemon has a core to spare.
            let split = order.count >= Self.parallelFrom ? order.startIndex + order.count / 2 : order.endIndex
            async let later = Self.lines(of: order[split...], snapshot, filter: admitted, now: now)
            var json = WireJSON(reservingCapacity: Self.statusPieceBytes + (64 << 10))
            head.writeHead(to: &json)
            var counted = StateSummary()
            var start = order.startIndex
            while start < split {
                let end = min(start + Self.linesPerPiece, split)
                try StatusView.writeLines(of: order[start..<end], snapshot, filter: admitted, now: now, to: &json, counting: &counted)
                start = end
                if json.bytes.count >= Self.statusPieceBytes {
                    try await writer.write(json.takeWritten { ByteBuffer(bytes: $0) })
                }
            }
            let (rest, restCounted) = try await later
            if restCounted.total > 0 {
                // Sent as it is, after this half's bytes and the comma between the two halves.
                try await writer.write(json.takeWritten { ByteBuffer(bytes: $0) })
                var joint = ByteBuffer(bytes: json.bytes)
                if counted.total > 0 { joint.writeString(",") }
                try await writer.write(joint)
                try await writer.write(rest.elements { ByteBuffer(bytes: $0) })
                json = WireJSON()
            }
            counted.add(restCounted)
            head.writeTail(summary: counted, to: &json)
            var last = ByteBuffer(bytes: json.bytes)
            last.writeString("\n")
            try await writer.write(last)
            try await writer.finish([Self.stateCounts: counted.headerValue])
        }
        return Response(status: .ok, headers: [.contentType: "application/json"], body: body)
    }

    /// Status lines of `ids` written apart, to be sent after others (``WireJSON/elements(_:)``).
    static func lines(
        of ids: ArraySlice<String>, _ snapshot: MonitorSnapshot, filter: StatusFilter, now: Date
    ) throws(WireJSON.NonConformingNumber) -> (WireJSON, StateSummary) {
        var json = WireJSON(reservingCapacity: ids.isEmpty ? 1 : ids.count * 384)
        json.openArray()
        var counted = StateSummary()
        try StatusView.writeLines(of: ids, snapshot, filter: filter, now: now, to: &json, counting: &counted)
        return (json, counted)
    }

    /// The status answer is sent in pieces of at least this size: each is a hop to the event
    /// loop and back, and 64 KiB pieces made those hops a tenth of the answer's time.
    static let statusPieceBytes = 256 << 10
    /// Lines written between checks of the piece's size (about 340 bytes a line).
    static let linesPerPiece = 128
    /// From this many integrations on, half of the lines are written on a second thread.
    static let parallelFrom = 2_000

    /// A constant, valid field name: the unwrap cannot fail.
    static let stateCounts = HTTPField.Name(StateSummary.headerName)!

    func reload(_ context: ControlContext) async throws -> Response {
        let user = try await context.caller()
        switch await reloader.reload(trigger: "baton reload by \(user)") {
        case .applied(let summary, let integrations):
            return try JSONResponse.make(ReloadResult(
                ok: true, error: nil, integrations: integrations, added: summary.added, removed: summary.removed,
                changed: summary.changed, needsRestart: summary.needsRestart
            ))
        case .rejected(let message):
            throw APIFailure(status: .unprocessableContent, code: "invalid_config", message: message)
        }
    }

    func testChannel(_ id: String) async throws -> Response {
        guard let result = await deliverer.sendTest(to: id) else {
            throw APIFailure.notFound("no channel \"\(id)\" in the config")
        }
        return try JSONResponse.make(result)
    }

    func detail(_ id: String) async throws -> Response {
        let snapshot = monitor.snapshot()
        guard let entry = snapshot.integrations[id] else { throw APIFailure.notFound("no integration \"\(id)\" in the config") }
        // Reads must see the probes already recorded: store what is pending first.
        await writer.sync()
        let probes = try await store.recentProbes(of: id)
        let transitions = try await store.recentTransitions(of: id)
        let incidents = try await store.incidents(includeResolved: true, integration: id, limit: 10)
        var detail = StatusView.detail(entry, snapshot, probes: probes, transitions: transitions, now: monitor.clock())
        detail.incidents = incidents.map { IncidentView.summary($0, config: snapshot.config) }
        if let sla = entry.integration.sla, detail.status.sla != nil {
            // Measured over the SLA's own window, by the same arithmetic as `baton report`.
            let now = monitor.clock()
            let window = DateInterval(start: now.addingTimeInterval(-sla.window.seconds), end: now)
            if let input = try await SLAInputs.gather(for: snapshot.config, only: entry.integration, window: window, store: store).first {
                detail.status.sla?.attainment = SLACalculator.figures(input, window: window).attainment
            }
        }
        return try JSONResponse.make(detail)
    }

    func check(_ id: String) async throws -> Response {
        let outcome: CheckOutcome
        do {
            outcome = try await monitor.checkNow(id)
        } catch {
            switch error {
            case .unknownIntegration: throw APIFailure.notFound("no integration \"\(id)\" in the config")
            case .notPollable: throw APIFailure.unsupported("\(id) is a heartbeat integration: it is not polled, it pings Baton")
            case .shuttingDown: throw APIFailure.unavailable("the daemon is shutting down")
            }
        }
        return try JSONResponse.make(StatusView.checkResult(
            id: id, verdict: outcome.verdict, latency: outcome.latencyMs, state: outcome.state, at: outcome.at
        ))
    }
}
