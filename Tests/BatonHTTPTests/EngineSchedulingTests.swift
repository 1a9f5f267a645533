import BatonHTTP
import BatonSim
import Synchronization
import Testing

@Suite("HTTPEngine scheduling")
struct EngineSchedulingTests {
    /// Due jobs start in deadline order, whatever order they were submitted in and whichever loop
    /// turn found them due. The one slot is held by a hanging request until all five wait, so a
    /// slow machine cannot reorder anything; a job without `notBefore` is due when accepted.
    @Test func dueJobsStartInDeadlineOrder() async throws {
        try await SimulatorFixture.with(["a": EndpointBehaviour(), "stuck": EndpointBehaviour(mode: .hang)], maxConcurrency: 1) { fixture in
            let completions = Completions()
            let blocker = fixture.engine.submit(fixture.request("stuck", timeout: .seconds(60)), completion: completions.handler("blocker"))
            await fixture.simulator.waitForHits("stuck", atLeast: 1)

            let now = MonotonicInstant.now()
            fixture.engine.submit(fixture.request("a"), completion: completions.handler("none"))
            for (label, offset) in [("-20ms", 20), ("-60ms", 60), ("-30ms", 30), ("-40ms", 40)] {
                fixture.engine.submit(fixture.request("a"), notBefore: now.advanced(by: .milliseconds(-offset)), completion: completions.handler(label))
            }
            // The engine reads a cancellation after every job submitted before it.
            fixture.engine.cancel(blocker)

            let order = await completions.next(6).map(\.label)

            #expect(order == ["blocker", "-60ms", "-40ms", "-30ms", "-20ms", "none"])
        }
    }

    /// The settled observer runs on the engine thread after the completions before it, and never
    /// with none since its last call: every completion is followed by a settle, so work gathered
    /// in completions is always handed on, and none waits for a timer.
    @Test func settledFollowsEveryCompletion() async throws {
        try await SimulatorFixture.with(["a": EndpointBehaviour()], maxConcurrency: 4) { fixture in
            let log = Mutex<(completed: Int, settledAt: [Int])>((0, []))
            let (settles, continuation) = AsyncStream.makeStream(of: Int.self)
            fixture.engine.observeSettled {
                let completed = log.withLock { log in
                    log.settledAt.append(log.completed)
                    return log.completed
                }
                continuation.yield(completed)
            }
            for _ in 0..<150 {
                fixture.engine.submit(fixture.request("a")) { _ in
                    log.withLock { $0.completed += 1 }
                }
            }
            for await completed in settles where completed == 150 { break }
            let (completed, settledAt) = log.withLock { $0 }
            #expect(completed == 150)
            #expect(settledAt.last == 150, "the last completions were settled: \(settledAt)")
            #expect(settledAt == settledAt.sorted() && Set(settledAt).count == settledAt.count, "each settle follows new completions: \(settledAt)")
            #expect(zip([0] + settledAt, settledAt).allSatisfy { $1 - $0 <= 64 }, "a busy loop settles every 64: \(settledAt)")
        }
    }

    /// With 3 hanging requests and maxConcurrency 2, the third reaches the server only after one
    /// of the first two ends. The first is ended by cancelling it, not by a timeout, so a slow
    /// machine cannot reorder anything.
    @Test func maxConcurrencyIsRespected() async throws {
        try await SimulatorFixture.with(["stuck": EndpointBehaviour(mode: .hang)], maxConcurrency: 2) { fixture in
            let completions = Completions()
            let hitsWhenFirstEnded = Mutex<Int?>(nil)
            let simulator = fixture.simulator
            let first = fixture.engine.submit(fixture.request("stuck", timeout: .seconds(60))) { result in
                // Runs on the engine thread before it starts anything else.
                hitsWhenFirstEnded.withLock { $0 = simulator.hits("stuck") }
                completions.handler("first")(result)
            }
            fixture.engine.submit(fixture.request("stuck", timeout: .seconds(60)), completion: completions.handler("second"))
            fixture.engine.submit(fixture.request("stuck", timeout: .seconds(60)), completion: completions.handler("third"))

            await simulator.waitForHits("stuck", atLeast: 2)
            let whileTwoHang = fixture.engine.statistics
            fixture.engine.cancel(first)
            let ended = await completions.next(1)
            await simulator.waitForHits("stuck", atLeast: 3)

            #expect(whileTwoHang.inFlight == 2)
            #expect(whileTwoHang.queued == 1)
            #expect(ended.map(\.label) == ["first"])
            #expect(ended.first?.result.failure?.kind == .cancelled)
            #expect(hitsWhenFirstEnded.withLock { $0 } == 2)
        }
    }

    /// 100 sequential requests reuse a keep-alive connection instead of opening 100.
    @Test func connectionsAreReused() async throws {
        try await SimulatorFixture.with(["a": EndpointBehaviour()]) { fixture in
            for _ in 0..<100 {
                let response = await fixture.engine.perform(fixture.request("a")).success
                #expect(response?.status == 200)
            }

            #expect(fixture.simulator.hits("a") == 100)
            #expect(fixture.simulator.connectionsAccepted <= 2)
        }
    }

    /// A burst of 2,000 requests through 32 slots completes every one (the rate is the benchmark's business).
    @Test func loopbackBurst() async throws {
        let total = 2000
        try await SimulatorFixture.with(["a": EndpointBehaviour()], maxConcurrency: 32, engineName: "burst-http") { fixture in
            let completions = Completions()
            for index in 0..<total {
                fixture.engine.submit(fixture.request("a"), completion: completions.handler("\(index)"))
            }
            let outcomes = await completions.next(total)
            #expect(outcomes.allSatisfy { $0.result.success?.status == 200 })
            #expect(fixture.engine.statistics.completed == total)
            #expect(fixture.simulator.connectionsAccepted <= 64, "connections are reused")
        }
    }

    /// Cancelling the task awaiting `perform` cancels the transfer in flight.
    @Test func performCancelledInFlight() async throws {
        try await SimulatorFixture.with(["stuck": EndpointBehaviour(mode: .hang)]) { fixture in
            let engine = fixture.engine
            let request = fixture.request("stuck", timeout: .seconds(30))
            let task = Task { await engine.perform(request) }
            await fixture.simulator.waitForHits("stuck", atLeast: 1)

            task.cancel()
            let error = await task.value.failure

            #expect(error?.kind == .cancelled)
            #expect(engine.statistics.inFlight == 0)
        }
    }

    /// A task cancelled before `perform` starts never sends the request.
    @Test func performCancelledBeforeStart() async throws {
        try await SimulatorFixture.with(["a": EndpointBehaviour()]) { fixture in
            let engine = fixture.engine
            let request = fixture.request("a")
            let task = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                return await engine.perform(request)
            }

            let error = await task.value.failure

            #expect(error?.kind == .cancelled)
            #expect(fixture.simulator.hits("a") == 0)
        }
    }

    /// Shutdown completes in-flight, queued and scheduled jobs with `.cancelled`, and later submissions too.
    @Test func shutdownCancelsEverything() async throws {
        try await SimulatorFixture.with(["stuck": EndpointBehaviour(mode: .hang), "a": EndpointBehaviour()], maxConcurrency: 1) { fixture in
            let engine = fixture.engine
            let completions = Completions()
            engine.submit(fixture.request("stuck", timeout: .seconds(30)), completion: completions.handler("in flight"))
            engine.submit(fixture.request("a"), completion: completions.handler("queued 1"))
            engine.submit(fixture.request("a"), completion: completions.handler("queued 2"))
            engine.submit(fixture.request("a"), notBefore: .now().advanced(by: .seconds(3600)), completion: completions.handler("scheduled"))
            await fixture.simulator.waitForHits("stuck", atLeast: 1)

            engine.shutdown()
            engine.shutdown()
            engine.submit(fixture.request("a"), completion: completions.handler("after shutdown"))
            let outcomes = await completions.next(5)

            #expect(Set(outcomes.map(\.label)) == ["in flight", "queued 1", "queued 2", "scheduled", "after shutdown"])
            #expect(outcomes.allSatisfy { $0.result.failure?.kind == .cancelled })
            #expect(engine.statistics == .init(queued: 0, scheduled: 0, inFlight: 0, completed: 0, failed: 4))
            #expect(fixture.simulator.hits("a") == 0)
        }
    }

    /// A completion may submit again from the engine thread (a probe rescheduling itself).
    @Test func completionsMaySubmitAgain() async throws {
        try await SimulatorFixture.with(["a": EndpointBehaviour()], maxConcurrency: 1) { fixture in
            let engine = fixture.engine
            let request = fixture.request("a")
            let completions = Completions()
            let remaining = Mutex(5)
            @Sendable func chain(_ result: Result<HTTPResponse, TransferError>) {
                completions.handler("link")(result)
                let again = remaining.withLock { count -> Bool in
                    count -= 1
                    return count > 0
                }
                if again { engine.submit(request, notBefore: .now(), completion: chain) }
            }
            engine.submit(request, completion: chain)

            let outcomes = await completions.next(5)

            #expect(outcomes.allSatisfy { $0.result.success?.status == 200 })
            #expect(fixture.simulator.hits("a") == 5)
        }
    }
}
