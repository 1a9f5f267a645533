import CCurl
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The multi handle's pointer, shared with callers only for `curl_multi_wakeup`.
///
/// `@unchecked Sendable` because `curl_multi_wakeup` is the one multi call libcurl allows
/// from any thread; every other use of the pointer happens on the engine thread. The
/// handle is cleaned up in ``EngineShared``'s deinit, when no caller can reach it any more.
struct MultiHandle: @unchecked Sendable {
    let pointer: UnsafeMutableRawPointer
}

/// The state callers and the engine thread share: an inbox behind a `Mutex`, and counters.
final class EngineShared: Sendable {
    /// What callers leave for the engine thread; drained whole on every loop turn.
    struct Inbox: Sendable {
        var jobs: [Job] = []
        var cancellations: [UInt64] = []
        var isShutDown = false
        /// A wake-up was sent since the engine last took the inbox: later arrivals need none.
        var wakeSent = false
    }

    let multi: MultiHandle
    let inbox = Mutex(Inbox())
    let nextID = Atomic<UInt64>(1)
    /// The engine thread's `pthread_t`, once it runs: a job submitted from a completion on that
    /// thread needs no wake-up, since the loop checks its inbox before it sleeps.
    let engineThread = Atomic<UInt>(0)
    /// The monotonic instant (ns) by which the sleeping engine looks at its inbox anyway; 0
    /// until it first sleeps. A job not due before then needs no wake-up: a probe's next slot,
    /// queued as the last one completes, is seconds away, and 1,000 probes a second would
    /// otherwise wake the loop 1,000 more times (a `send` and a context switch each).
    let plannedWake = Atomic<UInt64>(0)
    /// Called on every turn of the engine loop (see ``HTTPEngine/observeLoop(_:)``).
    ///
    /// Boxed in a class: a bare closure stored in a generic `Mutex` and read through
    /// `withLock`'s `inout` gets re-wrapped in reabstraction thunks on every access, so each
    /// turn of the loop made the next call one thunk deeper (and the loop slower by the hour).
    let loopObserver = Mutex<LoopObserver?>(nil)
    /// Called on the engine thread after completions were delivered, when the loop is about to
    /// sleep or has delivered ``EngineLoop/settleBatch`` completions since the last call.
    let settledObserver = Mutex<LoopObserver?>(nil)

    // Statistics, written with relaxed atomics so a snapshot never takes a lock.
    let queued = Atomic<Int>(0)
    let scheduled = Atomic<Int>(0)
    let inFlight = Atomic<Int>(0)
    let completed = Atomic<Int>(0)
    let failed = Atomic<Int>(0)

    init(multi: UnsafeMutableRawPointer) {
        self.multi = MultiHandle(pointer: multi)
    }

    deinit {
        curl_multi_cleanup(multi.pointer)
    }

    func makeID() -> UInt64 {
        nextID.wrappingAdd(1, ordering: .relaxed).oldValue
    }

    /// Hands a job to the engine thread; false when the engine is shut down or the task is cancelled.
    ///
    /// The cancellation check happens under the inbox lock: a cancel that arrives before the
    /// job is enqueued is then never lost (see ``HTTPEngine/perform(_:)``).
    func enqueue(_ job: Job, checkingTaskCancellation: Bool) -> Bool {
        let (accepted, wake) = inbox.withLock { inbox -> (Bool, Bool) in
            if inbox.isShutDown || (checkingTaskCancellation && Task.isCancelled) { return (false, false) }
            // The engine drains the whole inbox at once, so one wake-up serves every arrival
            // until then; a job due after the engine's planned wake-up needs none.
            let wake = Self.needsWake(notBefore: job.notBefore, plannedWake: plannedWake.load(ordering: .relaxed), wakeSent: inbox.wakeSent)
            if wake { inbox.wakeSent = true }
            inbox.jobs.append(job)
            // Counted before the engine can see the job, so the gauge never dips below zero.
            queued.wrappingAdd(1, ordering: .relaxed)
            return (true, wake)
        }
        if wake && !isEngineThread { curl_multi_wakeup(multi.pointer) }
        return accepted
    }

    /// Whether an arrival must wake the engine: not when a wake-up is already on its way, nor when
    /// the job would not start before the engine looks at its inbox anyway (`plannedWake`, in ns;
    /// a scheduled job starts on the loop's grid, ``EngineLoop/wakeTime(forDeadline:)``).
    static func needsWake(notBefore: MonotonicInstant?, plannedWake: UInt64, wakeSent: Bool) -> Bool {
        guard !wakeSent else { return false }
        guard let notBefore else { return true }
        return EngineLoop.wakeTime(forDeadline: notBefore.nanoseconds) < plannedWake
    }

    var isEngineThread: Bool {
        engineThread.load(ordering: .relaxed) == UInt(pthread_self())
    }

    /// True when callers left work the loop has not taken yet.
    var inboxHasWork: Bool {
        inbox.withLock { !$0.jobs.isEmpty || !$0.cancellations.isEmpty || $0.isShutDown }
    }

    func cancel(_ id: UInt64) {
        let wake = inbox.withLock { inbox -> Bool in
            if inbox.isShutDown { return false }
            let wake = !inbox.wakeSent
            inbox.wakeSent = true
            inbox.cancellations.append(id)
            return wake
        }
        if wake { curl_multi_wakeup(multi.pointer) }
    }

    /// Marks the engine shut down; true for the call that did it.
    func requestShutdown() -> Bool {
        let first = inbox.withLock { inbox -> Bool in
            defer { inbox.isShutDown = true }
            return !inbox.isShutDown
        }
        if first { curl_multi_wakeup(multi.pointer) }
        return first
    }

    func takeInbox() -> Inbox {
        inbox.withLock { inbox in
            let taken = inbox
            inbox.jobs.removeAll()
            inbox.cancellations.removeAll()
            inbox.wakeSent = false
            return taken
        }
    }
}

/// The engine loop's observer, as a reference: see ``EngineShared/loopObserver``.
final class LoopObserver: Sendable {
    let call: @Sendable () -> Void

    init(_ call: @escaping @Sendable () -> Void) {
        self.call = call
    }
}
