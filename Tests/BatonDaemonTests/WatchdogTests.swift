@testable import BatonDaemon
import BatonHTTP
import Foundation
import Synchronization
import TestSupport
import Testing

/// The watchdog is pinged from the scheduler's own loop: a stalled loop stops the pings.
struct WatchdogTests {
    /// With WATCHDOG_USEC = 2 s a ping is due every second: at the first call, not again before a
    /// second has passed, then again (an injected clock; no waiting).
    @Test func pingsAtHalfTheWatchdogPeriod() throws {
        let listener = try NotifySocket()
        defer { listener.close() }
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": listener.path, "WATCHDOG_USEC": "2000000"])
        #expect(notifier.watchdogInterval == .seconds(1))
        let start = ContinuousClock.now
        for offset in [0, 400, 999, 1000, 1500, 2100] {
            notifier.watchdogIfDue(now: start + .milliseconds(offset))
        }
        // Pings at 0, 1000 and 2100 ms.
        let pings = listener.messages(until: { $0.count >= 3 })
        #expect(pings == ["WATCHDOG=1", "WATCHDOG=1", "WATCHDOG=1"])
    }

    /// The engine calls its loop observer on every turn; while a completion holds the loop's
    /// thread, it cannot; once released, the turns (and the pings they make) resume.
    @Test func aStalledLoopStopsTheObserver() async throws {
        let engine = HTTPEngine(maxConcurrency: 1, name: "watchdog-test")
        defer { engine.shutdown() }
        let turns = Atomic<Int>(0)
        engine.observeLoop { turns.add(1, ordering: .relaxed) }
        #expect(await eventually { turns.load(ordering: .relaxed) >= 2 }, "an idle loop turns on its own")

        // A completion runs on the engine thread: holding it there stalls the loop.
        let started = Atomic<Bool>(false)
        let release = DispatchSemaphore(value: 0)
        engine.submit(HTTPRequest(url: "http://127.0.0.1:1/", timeout: .milliseconds(200))) { _ in
            started.store(true, ordering: .relaxed)
            release.wait()
        }
        #expect(await eventually { started.load(ordering: .relaxed) })
        let stalled = turns.load(ordering: .relaxed)
        await Task.yield()
        #expect(turns.load(ordering: .relaxed) == stalled, "no turn while the loop's thread is held")
        release.signal()
        #expect(await eventually { turns.load(ordering: .relaxed) > stalled }, "turns resume")
    }

    /// An abstract-namespace NOTIFY_SOCKET (`@name`) works as systemd uses it.
    @Test func abstractNamespaceSocket() throws {
        let listener = try NotifySocket(abstract: true)
        defer { listener.close() }
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": listener.path])
        notifier.ready(status: "12 integrations: 12 healthy; 0 open incidents")
        #expect(listener.messages(until: { !$0.isEmpty }) == ["READY=1\nSTATUS=12 integrations: 12 healthy; 0 open incidents"])
    }
}
