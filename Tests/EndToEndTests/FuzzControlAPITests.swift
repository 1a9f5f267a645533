import BatonAPI
import Foundation
import TestSupport
import Testing

/// The real batond's control socket under generated requests: every route, wrong methods and
/// types, hostile ids and queries, malformed HTTP/1.1 (scripts/fuzz.sh runs it longer).
@Suite("Fuzz: control API", .serialized)
struct FuzzControlAPITests {
    static let target = "control-api"
    /// A complete request is answered within this.
    static let answerLimit: Duration = .seconds(5)
    /// A request cut short is answered or closed within this (the header and idle timeouts, 10 s and 30 s, and slack).
    static let holdLimit: Duration = .seconds(45)
    /// How much the daemon's resident memory may grow over a run.
    static let growthLimitKilobytes = 64 * 1024

    /// One integration failing (so there is an incident to acknowledge), one heartbeat, one channel.
    static func config(closedPort: Int) -> String {
        """
        defaults: { interval: 1h, timeout: 2s, failure_threshold: 1 }
        teams:
          team-0: { name: Team zero, channels: [ch-0] }
        channels:
          ch-0: { type: slack, url: "http://127.0.0.1:\(closedPort)/notices" }
        integrations:
          - { id: int-0, name: Zero, owner: team-0, tags: [crm], check: { url: "http://127.0.0.1:\(closedPort)/health" } }
          - { id: int-1, name: One, owner: team-0, heartbeat: { token: tok-1, period: 1h } }
        """
    }

    /// Seeded requests: no crash, no 5xx, errors in the API's shape, answers in time, the next
    /// well-formed request answered, and resident memory that does not keep growing.
    @Test func generatedRequests() async throws {
        let settings = FuzzSettings.fromEnvironment(defaultSeed: 0xC0_4701, shortInputs: 200)
        try await DaemonHarness.running(config: Self.config(closedPort: LoopbackPort.closed())) { daemon in
            for _ in 0..<20 { _ = await ControlAPIProperties.statusAnswers(daemon.socketPath) }
            let logStart = daemon.log.utf8.count
            let before = ControlAPIProperties.residentKilobytes(daemon.process?.pid)
            typealias Parked = (socket: RawSocket, since: ContinuousClock.Instant, input: FuzzInput)
            var parked: [Parked] = []
            let run = FuzzRun(target: Self.target, ext: "http", settings: settings)
            let figures = await run.run(
                generate: { random, _ in
                    let request = ControlRequestFuzzer.request(&random)
                    return FuzzInput(bytes: request.bytes, recipe: request.recipe, mayStall: request.mayWait)
                },
                check: { input, figures in
                    if daemon.process?.isRunning != true { try? await daemon.start() }
                    let started = ContinuousClock.now
                    let (verdict, held) = await ControlAPIProperties.check(input, socketPath: daemon.socketPath, daemon: daemon, figures: &figures)
                    let cost = ContinuousClock.now - started
                    if let held {
                        parked.append((held, started, input))
                        figures.count("held_open")
                    }
                    var problems: [String] = []
                    if case .failed(let why) = verdict { problems.append(why) }
                    // A connection left waiting must be closed by the server within the timeouts.
                    var waiting: [Parked] = []
                    for entry in parked {
                        if ContinuousClock.now - entry.since <= Self.holdLimit {
                            waiting.append(entry)
                        } else if !(await entry.socket.closes(within: .milliseconds(5))) {
                            let path = FuzzFixtures.save(entry.input.bytes, ext: "http", target: Self.target, settings: settings)
                            Issue.record("a connection sent \(entry.input.recipe) was still open after \(Self.holdLimit); saved as \(path)")
                        }
                    }
                    parked = Array(waiting.suffix(100))
                    return (problems.isEmpty ? verdict : .failed(problems.joined(separator: "; ")), cost)
                }
            )
            // Those still waiting: each must be closed within the timeouts of when it was sent.
            if !settings.isShortRun {
                for entry in parked {
                    let left = Self.holdLimit - (ContinuousClock.now - entry.since)
                    let closed = await entry.socket.closes(within: max(.milliseconds(10), left))
                    #expect(closed, "a connection sent \(entry.input.recipe) was still open after \(Self.holdLimit)")
                }
            }
            parked.removeAll()
            let after = ControlAPIProperties.residentKilobytes(daemon.process?.pid)
            let log = String(decoding: Array(daemon.log.utf8.dropFirst(logStart)), as: UTF8.self)
            let loud = log.split(separator: "\n").filter { $0.contains(" error ") || $0.contains(" critical ") }
            print("fuzz target=\(Self.target) rss_before_kb=\(before ?? -1) rss_after_kb=\(after ?? -1) hwm_kb=\(daemon.peakResidentKilobytes ?? -1) error_log_lines=\(loud.count)")
            if let folder = settings.workFolder {
                let text = "rss_before_kb=\(before ?? -1)\nrss_after_kb=\(after ?? -1)\nhwm_kb=\(daemon.peakResidentKilobytes ?? -1)\nerror_log_lines=\(loud.count)\n"
                try? text.write(toFile: (folder as NSString).appendingPathComponent("\(Self.target).memory"), atomically: true, encoding: .utf8)
            }
            #expect(figures.inputs > 0)
            #expect(daemon.process?.isRunning == true, "batond died: \(daemon.log.suffix(800))")
            if let before, let after {
                #expect(after - before < Self.growthLimitKilobytes, "resident memory grew from \(before) kB to \(after) kB")
            }
            #expect(loud.isEmpty, "logged above notice:\n\(loud.prefix(5).joined(separator: "\n"))")
        }
    }

    /// Every stored request is sent again to a fresh daemon, with the same properties.
    @Test func storedRequests() async throws {
        let fixtures = FuzzFixtures.all(Self.target)
        guard !fixtures.isEmpty else { return }
        try await DaemonHarness.running(config: Self.config(closedPort: LoopbackPort.closed())) { daemon in
            for fixture in fixtures {
                var figures = FuzzRun.Figures()
                let input = FuzzInput(bytes: fixture.bytes, recipe: fixture.name, mayStall: true)
                let (verdict, held) = await ControlAPIProperties.check(input, socketPath: daemon.socketPath, daemon: daemon, figures: &figures)
                if case .failed(let why) = verdict { Issue.record("\(fixture.name): \(why)") }
                if let held {
                    #expect(await held.closes(within: Self.holdLimit), "\(fixture.name) was still open after \(Self.holdLimit)")
                }
            }
            #expect(daemon.process?.isRunning == true, "batond died: \(daemon.log.suffix(800))")
        }
    }
}

/// What the control socket must do with one request.
enum ControlAPIProperties {
    /// Sends `input` on a new connection; returns the verdict, and the connection when the server
    /// rightly waits for more (the caller checks it is closed in time).
    static func check(
        _ input: FuzzInput, socketPath: String, daemon: DaemonHarness, figures: inout FuzzRun.Figures
    ) async -> (FuzzVerdict, RawSocket?) {
        let connection: RawSocket
        do {
            connection = try RawSocket.unix(socketPath)
        } catch {
            return (.failed("cannot connect: \(error); batond: \(daemon.log.suffix(600))"), nil)
        }
        await connection.send(input.bytes)
        let isHead = input.bytes.starts(with: Array("HEAD ".utf8))
        // NIO frames no body for an answer to CONNECT: the socket closes after it instead.
        let isConnect = input.bytes.starts(with: Array("CONNECT ".utf8))
        var problems: [String] = []
        var held: RawSocket?
        if let answer = await connection.answer(within: input.mayStall || isHead ? .milliseconds(500) : FuzzControlAPITests.answerLimit) {
            figures.count("answers_\(answer.status / 100)xx")
            if answer.status >= 500 { problems.append("answered \(answer.status): \(answer.text.prefix(300))") }
            if isConnect {
                if answer.headers["connection"] != "close" { problems.append("answered a CONNECT without Connection: close") }
                if !(await connection.closes(within: .seconds(2))) { problems.append("the connection stayed open after answering a CONNECT") }
            } else if (400..<500).contains(answer.status), !isHead {
                if (try? WireFormat.decoder().decode(APIErrorBody.self, from: Data(answer.body))) == nil {
                    problems.append("answered \(answer.status) without the API's error shape: \(answer.text.prefix(200))")
                }
            }
            for word in ["NIO", "Hummingbird", "Swift.", "Error("] where answer.text.contains(word) {
                problems.append("the answer names library internals (\(word)): \(answer.text.prefix(200))")
            }
        } else if await connection.closes(within: .milliseconds(50)) {
            figures.count("closed_without_answer")
        } else if input.mayStall || isHead {
            held = connection
        } else {
            problems.append("no answer within \(FuzzControlAPITests.answerLimit) to a complete request")
        }
        if daemon.process?.isRunning != true {
            return (.failed("batond died: \(daemon.log.suffix(800))"), nil)
        }
        if !(await statusAnswers(socketPath)) {
            problems.append("the next well-formed request (GET /v1/status) was not answered with 200")
        }
        return (problems.isEmpty ? .passed : .failed(problems.joined(separator: "; ")), held)
    }

    /// Whether `GET /v1/status` on a fresh connection answers 200 with the status JSON.
    static func statusAnswers(_ socketPath: String) async -> Bool {
        guard let connection = try? RawSocket.unix(socketPath) else { return false }
        await connection.send("GET /v1/status HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        guard let answer = await connection.answer(within: FuzzControlAPITests.answerLimit), answer.status == 200 else { return false }
        return (try? WireFormat.decoder().decode(StatusResponse.self, from: Data(answer.body))) != nil
    }

    /// VmRSS of a process, in kB.
    static func residentKilobytes(_ pid: Int32?) -> Int? {
        guard let pid, let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }) else { return nil }
        return line.split(separator: " ").dropFirst().first.flatMap { Int($0) }
    }
}
