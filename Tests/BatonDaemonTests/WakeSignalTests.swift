import Testing
@testable import BatonDaemon

/// The wake-up that the writer, the deliverer and the lease loop sleep on. A lower bound on real
/// time is the only thing asserted: a busy machine can make a wait longer, never shorter.
@Suite struct WakeSignalTests {
    @Test func aSignalSentBeforeTheWaitEndsItAtOnce() async {
        let wake = WakeSignal()
        wake.signal()
        await wake.wait(upTo: .seconds(3600))
    }

    @Test func timeRunningOutEndsTheWait() async {
        let wake = WakeSignal()
        let clock = ContinuousClock()
        let start = clock.now
        await wake.wait(upTo: .milliseconds(20))
        #expect(clock.now - start >= .milliseconds(20))
    }

    /// The bug this guards: a signalled wait's cancelled timer signalled anyway, so every later
    /// wait returned at once and the loops around it spun a whole core while idle.
    @Test func aSignalledWaitLeavesNothingBehindForTheNext() async {
        let wake = WakeSignal()
        let clock = ContinuousClock()
        for _ in 0..<3 {
            wake.signal()
            await wake.wait(upTo: .seconds(3600))
            await Task.yield()
            let start = clock.now
            await wake.wait(upTo: .milliseconds(60))
            #expect(clock.now - start >= .milliseconds(60))
        }
    }

    @Test func aSignalFromAnotherTaskEndsALongWait() async {
        let wake = WakeSignal()
        async let waited: Void = wake.wait(upTo: .seconds(3600))
        wake.signal()
        await waited
    }
}
