import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Ends the process when one input of a fuzz run takes far too long: a hang in the code under
/// test must fail the run with the input named, not stall the test command until CI gives up.
/// The input itself is already in the work folder (``FuzzRun``), where scripts/fuzz.sh finds it.
final class FuzzWatchdog: Sendable {
    private struct Watch {
        var index: Int?
        var since: ContinuousClock.Instant = .now
        var stopped = false
    }

    private let target: String
    private let limit: Duration
    private let breadcrumb: String?
    private let watch = Mutex(Watch())

    init(target: String, limit: Duration, breadcrumb: String?) {
        self.target = target
        self.limit = limit
        self.breadcrumb = breadcrumb
        let thread = Thread { [self] in watchLoop() }
        thread.name = "fuzz-watchdog-\(target)"
        thread.start()
    }

    func begin(_ index: Int) {
        watch.withLock { $0.index = index; $0.since = .now }
    }

    func end() {
        watch.withLock { $0.index = nil }
    }

    func stop() {
        watch.withLock { $0.stopped = true }
    }

    private func watchLoop() {
        while true {
            Thread.sleep(forTimeInterval: 0.5)
            let (stopped, overdue) = watch.withLock { watch in
                (watch.stopped, watch.index.flatMap { ContinuousClock.now - watch.since > limit ? $0 : nil })
            }
            if stopped { return }
            if let overdue {
                let place = breadcrumb.map { "; the input is \($0)" } ?? ""
                FileHandle.standardError.write(Data("fuzz \(target): input \(overdue) ran longer than \(limit): a hang\(place)\n".utf8))
                _exit(70)
            }
        }
    }
}

/// CPU time of the calling thread: what an input cost, whatever else the machine is doing.
public func threadCPUTime() -> Duration {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return .seconds(spec.tv_sec) + .nanoseconds(spec.tv_nsec)
}
