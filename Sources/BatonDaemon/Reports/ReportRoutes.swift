import BatonCore
import BatonStore
import Foundation
import Hummingbird

/// `GET /v1/report?since=7d[&format=json|table|markdown|csv][&width=80]`: SLA attainment, breaches, MTTA and MTTR.
/// JSON by default; `baton report` asks for its format here, so every format comes from one implementation.
struct ReportRoutes: Sendable {
    let monitor: Monitor
    let store: StateStore
    let writer: StateWriter

    func register(on router: Router<ControlContext>) {
        router.get("/v1/report") { request, _ in try await report(request) }
    }

    /// `since` (default 7d); `format` json (default), table, markdown or csv; `width` for table.
    /// The CLI asks for its format here, so every format is rendered by one implementation, next to the figures.
    func report(_ request: Request) async throws -> Response {
        let text = request.uri.queryParameters["since"].map(String.init) ?? "7d"
        guard let since = DurationText.parse(text), since > .zero else {
            throw APIFailure.badRequest("since must be a duration such as 7d, 30d or 12h, not \"\(text)\"")
        }
        guard since <= .seconds(400 * 86_400) else { throw APIFailure.badRequest("since is at most 400d") }
        let formatText = request.uri.queryParameters["format"].map(String.init) ?? "json"
        guard let format = ReportFormat(rawValue: formatText) else {
            throw APIFailure.badRequest("format is json, table, markdown or csv, not \"\(formatText)\"")
        }
        let width = request.uri.queryParameters["width"].flatMap { Int(String($0)) }.map { min(max($0, 40), 1000) }
        await writer.sync()
        let body = try await render(since: since, format: format, width: width)
        // A 90-day report reads hundreds of MB of history; the allocator would keep those pages for
        // the life of the daemon. Everything the report read is freed by now: give the free pages in
        // the arenas' bins back (what is left at each arena's top is bounded by Memory.boundRetainedHeap).
        Memory.returnFreePagesToSystem()
        let contentType = switch format {
        case .json: "application/json"
        case .csv: "text/csv; charset=utf-8"
        case .markdown: "text/markdown; charset=utf-8"
        case .table: "text/plain; charset=utf-8"
        }
        var buffer = ByteBuffer()
        buffer.writeString(body)
        if format != .csv { buffer.writeString("\n") }
        return Response(status: .ok, headers: [.contentType: contentType], body: .init(byteBuffer: buffer))
    }

    /// The report's text: history read, figures computed and rendered, and all of it released on return.
    private func render(since: Duration, format: ReportFormat, width: Int?) async throws -> String {
        let now = monitor.clock()
        let window = DateInterval(start: now.addingTimeInterval(-since.seconds), end: now)
        let config = monitor.config
        let started = ContinuousClock.now
        let inputs = try await SLAInputs.gather(for: config, window: window, store: store)
        let gathered = ContinuousClock.now
        let report = await Self.compute(inputs, config: config, window: window, now: now)
        let computed = ContinuousClock.now
        let body = ReportRenderer.render(report, as: format, width: width)
        let done = ContinuousClock.now
        monitor.logger.info("""
            report over \(since.compact) for \(inputs.count) integrations in \((done - started).compact) \
            (history \((gathered - started).compact), figures \((computed - gathered).compact), \(format.rawValue) \((done - computed).compact))
            """)
        return body
    }

    /// The report, with each integration's figures computed on every core: they are independent.
    static func compute(_ inputs: [SLAInput], config: Config, window: DateInterval, now: Date) async -> SLAReport {
        let teamNames = Dictionary(config.teams.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let chunk = max(500, (inputs.count + cores - 1) / cores)
        let figures = await withTaskGroup(of: (Int, [IntegrationFigures]).self) { group in
            for start in stride(from: 0, to: inputs.count, by: chunk) {
                let part = Array(inputs[start..<min(inputs.count, start + chunk)])
                group.addTask { (start, part.map { SLACalculator.figures($0, window: window) }) }
            }
            var parts: [(Int, [IntegrationFigures])] = []
            for await part in group { parts.append(part) }
            return parts.sorted { $0.0 < $1.0 }.flatMap(\.1)
        }
        return SLACalculator.report(inputs, figures: figures, window: window, generatedAt: now, teamNames: teamNames)
    }
}
