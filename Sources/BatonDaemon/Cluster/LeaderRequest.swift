import BatonCore
import BatonStore
import Foundation
import Logging
import ServiceLifecycle

/// An action a standby cannot take itself: it stores the request, the leader applies it and
/// stores the answer with the changes it caused.
enum LeaderRequest: Codable, Sendable, Equatable {
    case acknowledge(incident: Int, note: String?)
    case addSilence(integrations: [String], tags: [String], owners: [String], seconds: Double, reason: String)
    case removeSilence(id: Int)
    case ping(token: String)

    var kind: String {
        switch self {
        case .acknowledge: "ack"
        case .addSilence: "silence_add"
        case .removeSilence: "silence_rm"
        case .ping: "ping"
        }
    }
}

/// The leader's answer: done (with the id it made or touched), or an API error's code and message.
struct LeaderAnswer: Codable, Sendable, Equatable {
    var ok: Bool
    var id: Int?
    var status: Int?
    var code: String?
    var message: String?

    static func done(_ id: Int?) -> LeaderAnswer { LeaderAnswer(ok: true, id: id) }
    static func refused(_ failure: APIFailure) -> LeaderAnswer {
        LeaderAnswer(ok: false, status: Int(failure.status.code), code: failure.code, message: failure.message)
    }

    /// The refusal as the API answers it.
    var failure: APIFailure {
        APIFailure(status: .init(code: status ?? 500), code: code ?? "refused", message: message ?? "the leader refused the request")
    }
}

/// What the monitor does with an acknowledgement or a silence, on the leader; shared by the API
/// routes (leader) and the ``RequestApplier`` (requests from standbys), so both refuse alike.
enum LeaderActions {
    static func apply(_ request: LeaderRequest, by actor: String, on monitor: Monitor) -> LeaderAnswer {
        switch request {
        case .acknowledge(let id, let note):
            do {
                _ = try monitor.acknowledge(id, by: actor, note: note)
                return .done(id)
            } catch {
                return .refused(failure(error, incident: id))
            }
        case .addSilence(let integrations, let tags, let owners, let seconds, let reason):
            let matcher = IntegrationMatcher(integrations: integrations, tags: tags, owners: owners)
            let silence = monitor.addSilence(matcher, for: .milliseconds(Int64(saturating: seconds * 1000)), reason: reason, by: actor)
            return .done(silence.id)
        case .removeSilence(let id):
            do {
                _ = try monitor.removeSilence(id, by: actor)
                return .done(id)
            } catch {
                return .refused(.notFound("no active silence #\(id)"))
            }
        case .ping(let token):
            return monitor.ping(token: token) ? .done(nil) : .refused(.notFound("no heartbeat has this token"))
        }
    }

    static func failure(_ error: Monitor.IncidentCommandError, incident id: Int) -> APIFailure {
        switch error {
        case .acknowledge(.unknown): .notFound("no incident #\(id)")
        case .acknowledge(.resolved): .conflict("incident #\(id) is already resolved")
        case .acknowledge(.alreadyAcknowledged(_, let by)): .conflict("incident #\(id) was already acknowledged by \(by)")
        case .unknownSilence, .invalid: .badRequest("\(error)")
        }
    }
}

/// On the leader: applies what standbys asked, in order, and stores each answer with its effects.
struct RequestApplier: Service {
    let store: StateStore
    let leadership: Leadership
    let monitor: Monitor
    let writer: StateWriter
    let logger: Logger
    var poll: Duration = .milliseconds(200)

    func run() async throws {
        var applied: Set<Int64> = []
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            try? await Task.sleep(for: poll)
            guard leadership.isLeading else {
                applied.removeAll()
                continue
            }
            guard let open = try? await store.openRequests() else { continue }
            for request in open where !applied.contains(request.id) {
                let answer: LeaderAnswer
                if let decoded = try? JSONDecoder().decode(LeaderRequest.self, from: Data(request.body.utf8)) {
                    answer = LeaderActions.apply(decoded, by: request.actor, on: monitor)
                    if decoded.kind != "ping" {
                        logger.info("applied \(decoded.kind) from \(request.actor) through \(request.node): \(answer.ok ? "done" : answer.message ?? "refused")")
                    }
                } else {
                    answer = .refused(.badRequest("a request this node cannot read (kind \(request.kind))"))
                }
                var batch = StateBatch()
                let outcome = (try? JSONEncoder().encode(answer)).map { String(decoding: $0, as: UTF8.self) } ?? "{\"ok\":false}"
                batch.requestsDone = [RequestOutcome(id: request.id, outcome: outcome, at: monitor.clock())]
                writer.record(batch)
                // Not applied twice while its answer waits to be stored.
                applied.insert(request.id)
            }
            applied = applied.filter { id in open.contains { $0.id == id } }
        }
    }
}

/// On a standby: passes a request to the leader and waits for its answer.
struct LeaderChannel: Sendable {
    let store: StateStore
    let leadership: Leadership
    let clock: @Sendable () -> Date

    func ask(_ request: LeaderRequest, as actor: String, within timeout: Duration = .seconds(5)) async throws -> LeaderAnswer {
        let body = String(decoding: try JSONEncoder().encode(request), as: UTF8.self)
        let id = try await store.submitRequest(kind: request.kind, body: body, actor: actor, node: leadership.node, at: clock())
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let stored = try await store.request(id), stored.doneAt != nil, let outcome = stored.outcome {
                return try JSONDecoder().decode(LeaderAnswer.self, from: Data(outcome.utf8))
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        let leader = leadership.view.leader.map { "the leader (\($0))" } ?? "no leader (the lease is free)"
        throw APIFailure(
            status: .serviceUnavailable, code: "leader_unavailable",
            message: "this node stands by; request #\(id) is stored but \(leader) did not apply it within \(timeout.compact); it will when a leader runs"
        )
    }
}
