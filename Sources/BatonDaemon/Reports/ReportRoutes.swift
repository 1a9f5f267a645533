import BatonCore
import BatonStore
import Foundation
import Hummingbird

/// `GET /v1/report?since=7d`: SLA attainment, breaches, MTTA and MTTR; the CLI renders this same JSON.
struct ReportRoutes: Sendable {
    let monitor: Monitor
    let store: StateStore
    let writer: ResultWriter

    func register(on router: Router<ControlContext>) {
        router.get("/v1/report") { request, _ in try await report(request) }
    }

    func report(_ request: Request) async throws -> Response {
        let text = request.uri.queryParameters["since"].map(String.init) ?? "7d"
        guard let since = DurationParser.parse(text), since > .zero else {
            throw APIFailure.badRequest("since must be a duration such as 7d, 30d or 12h, not \"\(text)\"")
        }
        guard since <= .seconds(400 * 86_400) else { throw APIFailure.badRequest("since is at most 400d") }
        await writer.flush()
        let now = monitor.clock()
        let window = DateInterval(start: now.addingTimeInterval(-since.seconds), end: now)
        let report = try await Self.compute(config: monitor.snapshot().config, window: window, store: store, now: now)
        return try JSONResponse.make(report)
    }

    static func compute(config: Config, window: DateInterval, store: StateStore, now: Date) async throws -> SLAReport {
        let inputs = try await SLAInputs.gather(for: config, window: window, store: store)
        let teamNames = Dictionary(config.teams.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        return SLACalculator.report(inputs, window: window, generatedAt: now, teamNames: teamNames)
    }
}
