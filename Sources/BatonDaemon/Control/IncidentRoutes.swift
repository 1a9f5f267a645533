import BatonAPI
import BatonCore
import BatonStore
import Foundation
import Hummingbird

/// `/v1/incidents` and `/v1/silences`: reading, acknowledging, silencing.
struct IncidentRoutes: Sendable {
    let monitor: Monitor
    let store: StateStore
    let writer: StateWriter
    let leadership: Leadership

    func register(on router: Router<ControlContext>) {
        router.get("/v1/incidents") { request, _ in try await incidents(request) }
        router.post("/v1/incidents/{id}/ack") { request, context in try await acknowledge(request, context) }
        router.get("/v1/silences") { request, _ in try await silences(request) }
        router.post("/v1/silences") { request, context in try await addSilence(request, context) }
        router.delete("/v1/silences/{id}") { _, context in try await removeSilence(context) }
    }

    func incidents(_ request: Request) async throws -> Response {
        let state = request.uri.queryParameters["state"].map(String.init) ?? "open"
        guard state == "open" || state == "all" else {
            throw APIFailure.badRequest("state must be open or all, not \"\(state)\"")
        }
        await writer.sync()
        let records = try await store.incidents(includeResolved: state == "all")
        let config = monitor.config
        let graph = DependencyGraph(config.integrations)
        return try JSONResponse.make(IncidentsResponse(incidents: records.map { IncidentView.summary($0, config: config, graph: graph) }))
    }

    func acknowledge(_ request: Request, _ context: ControlContext) async throws -> Response {
        guard let id = context.parameters.get("id").flatMap({ Int($0.hasPrefix("#") ? String($0.dropFirst()) : $0) }) else {
            throw APIFailure.badRequest("an incident id is a number, such as 42")
        }
        let body = try await decodeOptional(AcknowledgeRequest.self, from: request)
        let user = try await context.caller()
        let note = body?.note.flatMap { $0.isEmpty ? nil : $0 }
        try await act(.acknowledge(incident: id, note: note), as: user, what: "the acknowledgement of #\(id)")
        guard let record = try await store.incident(id) else { throw APIFailure.notFound("no incident #\(id)") }
        return try JSONResponse.make(IncidentView.summary(record, config: monitor.config))
    }

    func silences(_ request: Request) async throws -> Response {
        let all = request.uri.queryParameters["all"].map { $0 == "true" || $0 == "1" } ?? false
        await writer.sync()
        let now = monitor.clock()
        let list = try await store.silences(activeAt: all ? nil : now)
        let config = monitor.config
        return try JSONResponse.make(SilencesResponse(silences: list.map { IncidentView.silence($0, config: config, now: now) }))
    }

    func addSilence(_ request: Request, _ context: ControlContext) async throws -> Response {
        guard let body = try await decodeOptional(SilenceRequest.self, from: request) else {
            throw APIFailure.badRequest("a silence needs a JSON body: {\"integration\"|\"tag\"|\"owner\": …, \"for\": \"2h\", \"reason\": …}")
        }
        let selectors = [body.integration, body.tag, body.owner].compactMap { $0 }
        guard selectors.count == 1 else {
            throw APIFailure.badRequest("a silence matches exactly one of integration, tag or owner")
        }
        guard let duration = DurationText.parse(body.duration), duration > .zero else {
            throw APIFailure.badRequest("\"for\" must be a duration such as 30m or 2h, not \"\(body.duration)\"")
        }
        guard duration <= .seconds(366 * 86_400) else { throw APIFailure.badRequest("a silence lasts at most a year") }
        let reason = body.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw APIFailure.badRequest("a silence needs a reason") }
        let config = monitor.config
        if let id = body.integration, config.integration(id) == nil { throw APIFailure.notFound("no integration \"\(id)\" in the config") }
        if let team = body.owner, config.team(team) == nil { throw APIFailure.notFound("no team \"\(team)\" in the config") }
        if let tag = body.tag, !config.integrations.contains(where: { $0.tags.contains(tag) }) {
            throw APIFailure.notFound("no integration has the tag \"\(tag)\"")
        }
        let user = try await context.caller()
        let answer = try await act(
            .addSilence(integrations: body.integration.map { [$0] } ?? [], tags: body.tag.map { [$0] } ?? [], owners: body.owner.map { [$0] } ?? [],
                        seconds: duration.seconds, reason: reason),
            as: user, what: "the silence"
        )
        let silence = try await storedSilence(answer.id)
        return try JSONResponse.make(IncidentView.silence(silence, config: config, now: monitor.clock()), status: .created)
    }

    func removeSilence(_ context: ControlContext) async throws -> Response {
        guard let id = context.parameters.get("id").flatMap({ Int($0) }) else {
            throw APIFailure.badRequest("a silence id is a number, such as 3")
        }
        let user = try await context.caller()
        try await act(.removeSilence(id: id), as: user, what: "the removal of silence #\(id)")
        let removed = try await storedSilence(id)
        return try JSONResponse.make(IncidentView.silence(removed, config: monitor.config, now: monitor.clock()))
    }

    /// Takes the action here when this node leads, or passes it to the leader when it stands by;
    /// returns once the leader has stored it (the caller may rely on it).
    @discardableResult
    private func act(_ request: LeaderRequest, as user: String, what: String) async throws -> LeaderAnswer {
        let answer: LeaderAnswer
        if leadership.isLeading {
            answer = LeaderActions.apply(request, by: user, on: monitor)
            if answer.ok { try await stored(what) }
        } else {
            answer = try await LeaderChannel(store: store, leadership: leadership, clock: monitor.clock).ask(request, as: user)
        }
        guard answer.ok else { throw answer.failure }
        return answer
    }

    private func storedSilence(_ id: Int?) async throws -> Silence {
        guard let id, let silence = try await store.silences(activeAt: nil).first(where: { $0.id == id }) else {
            throw APIFailure.notFound("no silence #\(id.map(String.init) ?? "?")")
        }
        return silence
    }

    /// Returns once what was just recorded is stored; while storage fails, says so instead of
    /// pretending: the change is in effect in the daemon and is stored when storage recovers.
    private func stored(_ what: String) async throws {
        guard await writer.sync() else {
            let reason = writer.failure?.message ?? "the database is slow to answer"
            throw APIFailure(
                status: .serviceUnavailable, code: "storage_failing",
                message: "\(what) is in effect but not stored yet (\(reason)); it will be stored when storage recovers"
            )
        }
    }

    /// Decodes a JSON body; an empty body is `nil`.
    private func decodeOptional<T: Decodable>(_ type: T.Type, from request: Request) async throws -> T? {
        let buffer = try await request.body.collect(upTo: 64 * 1024)
        guard buffer.readableBytes > 0 else { return nil }
        do {
            return try WireFormat.decoder().decode(T.self, from: Data(buffer.readableBytesView))
        } catch {
            throw APIFailure.badRequest("the request body is not the expected JSON: \(error)")
        }
    }
}
