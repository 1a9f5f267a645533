import BatonAPI
import BatonCore
@testable import BatonDaemon
import Foundation
import Logging
import TestSupport
import Testing

/// Malformed and unfinished requests on the real control socket, served by the real routes: each
/// gets a 4xx in the API's error shape (never a 500 or a library's words), nothing is logged above
/// notice, a half-sent request is cut off by the header timeout, and the next request still answers.
@Suite(.serialized)
struct ControlSocketHostileTests {
    /// A short header timeout and idle timeout, so that waiting for them takes well under a second.
    static let timeouts = ControlServer.Timeouts(header: .milliseconds(300), idle: .milliseconds(600))

    /// Runs the control server on a scratch socket with the daemon's real routes.
    static func withControlSocket(config: Config = Config(), _ body: (_ path: String, _ log: LogRecord) async throws -> Void) async throws {
        let parts = try DaemonParts(config: config)
        let path = (parts.folder as NSString).appendingPathComponent("baton.sock")
        let listening = Flag()
        let server = try ControlServer.make(
            socketPath: path, routes: parts.controlRoutes(), logger: parts.log.logger(), timeouts: timeouts
        ) { listening.set() }
        let running = Task { try await server.run() }
        defer { running.cancel() }
        #expect(await eventually { listening.isSet }, "the control socket never listened")
        try await body(path, parts.log)
        running.cancel()
        _ = try? await running.value
    }

    static func errorBody(_ answer: RawSocket.Answer?) -> APIErrorBody? {
        guard let answer else { return nil }
        return try? WireFormat.decoder().decode(APIErrorBody.self, from: Data(answer.body))
    }

    static func request(_ method: String, _ path: String, headers: [String] = [], body: String = "") -> String {
        var lines = ["\(method) \(path) HTTP/1.1", "Host: localhost"] + headers
        if !body.isEmpty, !headers.contains(where: { $0.lowercased().hasPrefix("transfer-encoding") }) {
            lines.append("Content-Length: \(body.utf8.count)")
        }
        return lines.joined(separator: "\r\n") + "\r\n\r\n" + body
    }

    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var bytes: String
        var status: Int
        var code: String
        var message: String
        var description: String { name }
    }

    /// Each malformed request gets its status and the API's error body; the connection survives or
    /// closes, and a well-formed request on a new connection answers 200 afterwards.
    @Test(arguments: [
        Case(name: "oversized body", bytes: request("POST", "/v1/silences", headers: ["Content-Type: application/json"],
                                                    body: "{\"reason\":\"" + String(repeating: "a", count: 100_000) + "\"}"),
             status: 413, code: "too_large", message: "the request body is too large for the control API"),
        Case(name: "bad chunked encoding", bytes: request("POST", "/v1/silences", headers: ["Transfer-Encoding: chunked"], body: "zz\r\nabc\r\n0\r\n\r\n"),
             status: 400, code: "bad_request", message: "the request body is not valid chunked encoding"),
        Case(name: "garbage request line", bytes: "GARBAGE\r\n\r\n",
             status: 400, code: "bad_request", message: "the request is not valid HTTP/1.1"),
        Case(name: "bad content length", bytes: "POST /v1/silences HTTP/1.1\r\nHost: x\r\nContent-Length: 12abc\r\n\r\n",
             status: 400, code: "bad_request", message: "the request has an invalid Content-Length"),
        Case(name: "headers too large", bytes: request("GET", "/v1/status", headers: ["X-Filler: " + String(repeating: "a", count: 100_000)]),
             status: 431, code: "headers_too_large", message: "the request headers are too large"),
    ])
    func malformedRequestGetsAPIError(_ test: Case) async throws {
        try await Self.withControlSocket { path, log in
            let connection = try RawSocket.unix(path)
            await connection.send(test.bytes)
            let answer = await connection.answer(within: .seconds(10))
            #expect(answer?.status == test.status, "got \(answer.map { "\($0.status) \($0.text)" } ?? "no answer")")
            #expect(answer?.headers["content-type"] == "application/json")
            #expect(Self.errorBody(answer) == APIErrorBody(code: test.code, message: test.message))
            #expect(answer?.text.contains("NIO") == false)

            let next = try RawSocket.unix(path)
            await next.send(Self.request("GET", "/v1/status"))
            #expect(await next.answer(within: .seconds(10))?.status == 200)
            #expect(log.all.allSatisfy { $0.level <= .notice }, "logged: \(log.all.filter { $0.level > .notice }.map(\.message))")
        }
    }

    /// The status answer's summary comes once more in the `Baton-State-Counts` header, which
    /// `baton status --json` takes its exit code from; filtered, it counts what the filter admits.
    @Test(arguments: ["/v1/status", "/v1/status?owner=nobody"])
    func statusSendsItsSummaryAsAHeader(path: String) async throws {
        try await Self.withControlSocket { socket, _ in
            let connection = try RawSocket.unix(socket)
            await connection.send(Self.request("GET", path))
            let answer = try #require(await connection.answer(within: .seconds(10)))
            #expect(answer.status == 200)
            let decoded = try WireFormat.decoder().decode(StatusResponse.self, from: Data(answer.body))
            let header = try #require(answer.headers[StateSummary.headerName.lowercased()])
            #expect(StateSummary(headerValue: header) == decoded.summary, "\(header)")
        }
    }

    /// A GET with a broken chunked body gets its one answer, not a second, stray 400 after it.
    @Test func brokenBodyOnARouteThatIgnoresItGetsOneAnswer() async throws {
        try await Self.withControlSocket { path, _ in
            let connection = try RawSocket.unix(path)
            await connection.send(Self.request("GET", "/v1/status", headers: ["Transfer-Encoding: chunked"], body: "zz\r\nabc\r\n0\r\n\r\n"))
            #expect(await connection.answer(within: .seconds(10))?.status == 200)
            #expect(await connection.answer(within: .milliseconds(200)) == nil)
        }
    }

    /// A CONNECT (found by the fuzz suite): the API has no tunnels, and NIO frames no body for its
    /// answer, so the answer says `Connection: close` and the connection closes after it, instead
    /// of staying open with an answer whose end the client cannot find.
    @Test func connectGetsAnAnswerAndAClose() async throws {
        try await Self.withControlSocket { path, _ in
            let connection = try RawSocket.unix(path)
            await connection.send(Self.request("CONNECT", "/v1/status"))
            let answer = await connection.answer(within: .seconds(10))
            #expect(answer.map { (400..<500).contains($0.status) } == true, "got \(answer.map { "\($0.status)" } ?? "no answer")")
            #expect(answer?.headers["connection"] == "close")
            #expect(await connection.closes(within: .seconds(2)))

            let next = try RawSocket.unix(path)
            await next.send(Self.request("GET", "/v1/status"))
            #expect(await next.answer(within: .seconds(10))?.status == 200)
        }
    }

    /// Half a request head, or a head with half its body, is cut off once its timeout passes, and the
    /// socket then answers the next well-formed request.
    @Test(arguments: [
        ("half a head", "GET /v1/status HTTP/1.1\r\nHost: localhost\r\nX-Slow: a"),
        ("head without its body", "POST /v1/silences HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100\r\n\r\n{\"for\":"),
    ])
    func halfARequestIsClosed(name: String, bytes: String) async throws {
        try await Self.withControlSocket { path, _ in
            let started = ContinuousClock.now
            let connection = try RawSocket.unix(path)
            await connection.send(bytes)
            #expect(await connection.closes(within: .seconds(10)), "\(name): still open")
            let waited = ContinuousClock.now - started
            #expect(waited >= .milliseconds(250), "\(name): closed after \(waited), before its timeout")

            let next = try RawSocket.unix(path)
            await next.send(Self.request("GET", "/v1/status"))
            #expect(await next.answer(within: .seconds(10))?.status == 200)
        }
    }

    /// Bytes that trickle in without completing a head do not extend the header timeout.
    @Test func tricklingHeadIsStillCutOff() async throws {
        try await Self.withControlSocket { path, _ in
            let connection = try RawSocket.unix(path)
            let started = ContinuousClock.now
            var open = true
            for byte in "GET /v1/status HTTP/1.1\r\nHost: localhost\r\nX-Slow: ".utf8 where open {
                let sent = await connection.send([byte])
                open = sent ? !(await connection.closes(within: .milliseconds(50))) : false
                if ContinuousClock.now - started > .seconds(10) { break }
            }
            if open { #expect(await connection.closes(within: .seconds(10))) }
            #expect(ContinuousClock.now - started < .seconds(5))
        }
    }

    /// A status answer far larger than one piece (it is sent in chunks while it is written)
    /// arrives whole, its summary in the trailer, and the connection then answers again.
    @Test func largeStatusArrivesWholeInPieces() async throws {
        let integrations = (0..<1_500).map { index in
            Integration(id: "job-\(index)", name: "Nightly export \(index)", owner: "mops",
                        probe: .heartbeat(Heartbeat(token: SecretText(literal: "token-\(index)"), period: .seconds(3600), grace: .zero)))
        }
        let config = Config(teams: [Team(id: "mops", name: "Marketing Operations", channels: [])], integrations: integrations)
        try await Self.withControlSocket(config: config) { path, _ in
            let connection = try RawSocket.unix(path)
            await connection.send(Self.request("GET", "/v1/status"))
            let answer = await connection.answer(within: .seconds(30))
            await connection.send(Self.request("GET", "/v1/status?state=healthy"))
            let again = await connection.answer(within: .seconds(30))

            #expect(answer?.status == 200)
            #expect((answer?.body.count ?? 0) > ControlRoutes.statusPieceBytes)
            #expect(answer?.headers["transfer-encoding"] == "chunked")
            #expect(answer?.body.last == UInt8(ascii: "\n"))
            let decoded = try answer.map { try WireFormat.decoder().decode(StatusResponse.self, from: Data($0.body)) }
            #expect(decoded?.integrations.map(\.id) == integrations.map(\.id))
            #expect(answer?.headers[StateSummary.headerName.lowercased()].flatMap(StateSummary.init(headerValue:)) == decoded?.summary)
            #expect(again?.status == 200)
        }
    }

    /// From ``ControlRoutes/parallelFrom`` integrations on, the second half of the lines is written
    /// on another thread and joined: the answer is the same valid JSON, in config order, whether
    /// either half, both or neither has lines the filter admits.
    @Test(arguments: ["", "?owner=first", "?owner=second", "?owner=nobody", "?state=unknown"])
    func halvesWrittenApartJoinIntoOneAnswer(query: String) async throws {
        let count = ControlRoutes.parallelFrom + 2
        let integrations = (0..<count).map { index in
            Integration(id: "job-\(index)", name: "Nightly export \(index)", owner: index < count / 2 ? "first" : "second",
                        probe: .heartbeat(Heartbeat(token: SecretText(literal: "token-\(index)"), period: .seconds(3600), grace: .zero)))
        }
        let teams = ["first", "second"].map { Team(id: $0, name: $0, channels: []) }
        try await Self.withControlSocket(config: Config(teams: teams, integrations: integrations)) { path, _ in
            let connection = try RawSocket.unix(path)
            await connection.send(Self.request("GET", "/v1/status" + query))
            let answer = try #require(await connection.answer(within: .seconds(30)))
            #expect(answer.status == 200)
            let decoded = try WireFormat.decoder().decode(StatusResponse.self, from: Data(answer.body))
            let expected = integrations.filter { query != "?owner=nobody" && (!query.hasPrefix("?owner=") || query == "?owner=" + $0.owner) }
            #expect(decoded.integrations.map(\.id) == expected.map(\.id))
            #expect(decoded.summary.unknown == expected.count)
            #expect(answer.headers[StateSummary.headerName.lowercased()].flatMap(StateSummary.init(headerValue:)) == decoded.summary)
        }
    }

    /// A keep-alive connection answers several requests in a row, each within the timeouts.
    @Test func wellFormedRequestsKeepTheConnection() async throws {
        try await Self.withControlSocket { path, _ in
            let connection = try RawSocket.unix(path)
            for _ in 0..<3 {
                await connection.send(Self.request("GET", "/v1/status"))
                #expect(await connection.answer(within: .seconds(10))?.status == 200)
            }
        }
    }
}
