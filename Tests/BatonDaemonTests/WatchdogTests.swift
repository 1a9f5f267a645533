@testable import BatonDaemon
import BatonHTTP
import Foundation
import Synchronization
import TestSupport
import Testing

/// The watchdog is pinged from the scheduler's own loop: a stalled loop stops the pings.
struct WatchdogTests {
    /// With WATCHDOG_USEC = 2 s, pings come about once a second while the loop turns (an idle loop
    /// turns at least once a second), none while a completion holds the loop for 3 s, and they resume.
    @Test func aStalledLoopStopsThePings() async throws {
        let listener = try NotifySocket()
        defer { listener.close() }
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": listener.path, "WATCHDOG_USEC": "2000000"])
        #expect(notifier.watchdogInterval == .seconds(1))
        let engine = HTTPEngine(maxConcurrency: 1, name: "watchdog-test")
        defer { engine.shutdown() }
        engine.observeLoop { notifier.watchdogIfDue() }

        let before = listener.messages(for: .milliseconds(2500)).filter { $0 == "WATCHDOG=1" }.count
        #expect(before >= 2)

        // A completion runs on the engine thread: holding it there stalls the loop.
        let started = Atomic<Bool>(false)
        engine.submit(HTTPRequest(url: "http://127.0.0.1:1/", timeout: .milliseconds(200))) { _ in
            started.store(true, ordering: .relaxed)
            Thread.sleep(forTimeInterval: 3)
        }
        while !started.load(ordering: .relaxed) { try await Task.sleep(for: .milliseconds(5)) }
        _ = listener.messages(for: .milliseconds(200))
        let duringStall = listener.messages(for: .milliseconds(2500)).filter { $0 == "WATCHDOG=1" }.count
        #expect(duringStall == 0)
        let after = listener.messages(for: .milliseconds(2500)).filter { $0 == "WATCHDOG=1" }.count
        #expect(after >= 1)
    }

    /// An abstract-namespace NOTIFY_SOCKET (`@name`) works as systemd uses it.
    @Test func abstractNamespaceSocket() throws {
        let listener = try NotifySocket(abstract: true)
        defer { listener.close() }
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": listener.path])
        notifier.ready(status: "12 integrations: 12 healthy; 0 open incidents")
        #expect(listener.messages(for: .milliseconds(300)) == ["READY=1\nSTATUS=12 integrations: 12 healthy; 0 open incidents"])
    }
}
