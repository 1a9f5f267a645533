@testable import BatonHTTP
import BatonSim
import Testing

/// When a submitted job wakes the engine's loop: a probe's next slot, queued seconds ahead, must
/// not wake it (1,000 probes a second would mean 1,000 more wake-ups), a job due sooner must.
struct EngineWakeTests {
    static let planned: UInt64 = 5_000_000_000

    @Test func aJobDueAfterThePlannedWakeUpWakesNobody() {
        let later = MonotonicInstant(nanoseconds: Self.planned + 1)
        #expect(!EngineShared.needsWake(notBefore: later, plannedWake: Self.planned, wakeSent: false))
        #expect(!EngineShared.needsWake(notBefore: MonotonicInstant(nanoseconds: Self.planned), plannedWake: Self.planned, wakeSent: false))
    }

    @Test func aJobDueSoonerOrNowWakesTheLoopOnce() {
        let sooner = MonotonicInstant(nanoseconds: Self.planned - EngineLoop.scheduleGrid)
        #expect(EngineShared.needsWake(notBefore: sooner, plannedWake: Self.planned, wakeSent: false))
        #expect(EngineShared.needsWake(notBefore: nil, plannedWake: Self.planned, wakeSent: false))
        // A wake-up already on its way serves every arrival until the loop takes its inbox.
        #expect(!EngineShared.needsWake(notBefore: nil, plannedWake: Self.planned, wakeSent: true))
    }

    /// Scheduled jobs start on a 10 ms grid: every deadline within one cell wakes the loop at the
    /// cell's end, a deadline on the grid at once, and none earlier than its deadline.
    @Test func scheduledJobsShareTheGridPoint() {
        let grid = EngineLoop.scheduleGrid
        #expect(grid == 10_000_000)
        let cell: UInt64 = 700 * grid
        #expect(EngineLoop.wakeTime(forDeadline: cell) == cell)
        for offset in [1, 1_000, 5_000_000, grid - 1] {
            #expect(EngineLoop.wakeTime(forDeadline: cell + offset) == cell + grid)
        }
        #expect(EngineLoop.wakeTime(forDeadline: 0) == 0)
        #expect(EngineLoop.wakeTime(forDeadline: .max) >= UInt64.max - grid)
        // A job due within the cell the loop already sleeps to needs no wake-up of its own.
        #expect(!EngineShared.needsWake(notBefore: MonotonicInstant(nanoseconds: cell + 3), plannedWake: cell + grid, wakeSent: false))
        #expect(EngineShared.needsWake(notBefore: MonotonicInstant(nanoseconds: cell - 3), plannedWake: cell + grid, wakeSent: false))
    }

    /// Before its first sleep the loop publishes no wake-up time (0): it is running, and looks at
    /// its inbox before it sleeps, so only a job due now asks for a wake-up.
    @Test func beforeTheLoopFirstSleepsOnlyAJobDueNowWakesIt() {
        #expect(!EngineShared.needsWake(notBefore: MonotonicInstant(nanoseconds: 1), plannedWake: 0, wakeSent: false))
        #expect(EngineShared.needsWake(notBefore: nil, plannedWake: 0, wakeSent: false))
    }

    /// End to end: a job due now, submitted right after one due in a minute, still runs at once.
    @Test func aJobDueNowIsNotHeldBehindOneDueLater() async throws {
        try await SimulatorFixture.with(["a": EndpointBehaviour()], maxConcurrency: 4) { fixture in
            let completions = Completions()
            fixture.engine.submit(fixture.request("a"), notBefore: MonotonicInstant.now().advanced(by: .seconds(60)), completion: completions.handler("later"))
            fixture.engine.submit(fixture.request("a"), completion: completions.handler("now"))
            #expect(await completions.next(1).map(\.label) == ["now"])
        }
    }
}
