import CCurl

#if canImport(Glibc)
import Glibc
#endif

/// The engine thread's state and loop: schedules jobs, drives libcurl, completes transfers.
///
/// Confined to the engine thread: created by ``HTTPEngine`` and then touched only by the
/// thread it starts. `@unchecked Sendable` solely so it can be handed to that thread.
final class EngineLoop: @unchecked Sendable {
    private let shared: EngineShared
    private let maxConcurrency: Int
    private let threadName: String

    /// Jobs accepted but not started: queued for a slot, or scheduled for later.
    private var waiting: [UInt64: (job: Job, isScheduled: Bool)] = [:]
    /// Due jobs by deadline (their `notBefore`, or when accepted): the most overdue starts first,
    /// whichever loop turn found it due. Ids no longer in ``waiting`` were cancelled and are skipped.
    private var ready = DeadlineHeap()
    /// Jobs with a `notBefore` still in the future.
    private var scheduledJobs = DeadlineHeap()
    private var running: [UInt64: Transfer] = [:]
    private var idleTransfers: [Transfer] = []
    /// Reused between loop turns to hand out results after libcurl's message queue is read.
    private var finished: [(Job, Result<HTTPResponse, TransferError>)] = []
    /// Completions delivered since the settled observer was last called.
    private var unsettled = 0
    /// While the loop stays busy, the settled observer is called after this many completions.
    static let settleBatch = 64
    /// What reused connections cannot tell: certificates, and which SSH logins were checked.
    private var connections = ConnectionKnowledge()

    /// The longest the loop sleeps with nothing to do; work arriving wakes it earlier.
    private static let idlePollMilliseconds: Int64 = 1000

    /// Scheduled jobs are started on a grid of this many nanoseconds (10 ms): the loop sleeps to
    /// the first grid point at or after the next `notBefore`, and starts every job due by then.
    ///
    /// 10,000 integrations at a 10 s interval fall due a millisecond apart, and waking for each
    /// cost more than the probes themselves (a context switch and a poll each, about a third of
    /// batond's CPU on the benchmark). On the grid the loop wakes at most 100 times a second for
    /// the schedule, and a probe starts at most 10 ms after its slot. Jobs due at once (a
    /// webhook, `baton check`, the CLI's call) are not held: they wake the loop as they arrive.
    static let scheduleGrid: UInt64 = 10_000_000

    /// When the loop wakes for a job due at `deadline`: the first grid point at or after it.
    static func wakeTime(forDeadline deadline: UInt64) -> UInt64 {
        let (cells, rest) = deadline.quotientAndRemainder(dividingBy: scheduleGrid)
        guard rest > 0 else { return deadline }
        let (wake, overflow) = (cells &+ 1).multipliedReportingOverflow(by: scheduleGrid)
        return overflow ? deadline : wake
    }

    init(shared: EngineShared, maxConcurrency: Int, threadName: String) {
        self.shared = shared
        self.maxConcurrency = maxConcurrency
        self.threadName = threadName
    }

    func run() {
        setThreadName()
        shared.engineThread.store(UInt(pthread_self()), ordering: .relaxed)
        let multi = shared.multi.pointer
        while true {
            shared.loopObserver.withLock { $0 }?.call()
            let inbox = shared.takeInbox()
            let now = MonotonicInstant.now()
            for job in inbox.jobs { accept(job, now: now) }
            for id in inbox.cancellations { cancel(id) }
            if inbox.isShutDown { break }

            promoteDueJobs(now: now)
            startReadyJobs()
            var stillRunning: Int32 = 0
            curl_multi_perform(multi, &stillRunning)
            collectFinishedTransfers()
            deliverFinished()
            if startReadyJobs() > 0 { continue }

            var timeout = Int32(EngineLoop.idlePollMilliseconds)
            let beforeSleep = MonotonicInstant.now()
            if let next = scheduledJobs.first {
                // curl_multi_poll also honours libcurl's own timers, so only the schedule matters here.
                let untilDue = beforeSleep.duration(to: MonotonicInstant(nanoseconds: EngineLoop.wakeTime(forDeadline: next.deadline)))
                timeout = Int32(min(EngineLoop.idlePollMilliseconds, untilDue.wholeMillisecondsRoundedUp))
            }
            // Published before the inbox is looked at: an arrival after that look reads it and
            // wakes the loop only if its job is due sooner (see EngineShared.enqueue).
            shared.plannedWake.store(beforeSleep.nanoseconds &+ UInt64(max(timeout, 0)) &* 1_000_000, ordering: .relaxed)
            // Completions may have submitted jobs without waking the loop (see EngineShared.enqueue).
            if shared.inboxHasWork { continue }
            if unsettled > 0 { settle() }
            curl_multi_poll(multi, nil, 0, timeout, nil)
        }
        cancelEverything()
    }

    private func setThreadName() {
        // pthread_setname_np needs _GNU_SOURCE, which Swift's Glibc module lacks; this file
        // is what it writes. Linux keeps 15 bytes of a thread name.
        let descriptor = open("/proc/thread-self/comm", O_WRONLY)
        guard descriptor >= 0 else { return }
        let name = Array(threadName.utf8.prefix(15))
        _ = name.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
    }

    // MARK: Scheduling

    private func accept(_ job: Job, now: MonotonicInstant) {
        if let notBefore = job.notBefore, notBefore > now {
            waiting[job.id] = (job, true)
            scheduledJobs.insert(id: job.id, deadline: notBefore)
            shared.queued.wrappingSubtract(1, ordering: .relaxed)
            shared.scheduled.wrappingAdd(1, ordering: .relaxed)
        } else {
            waiting[job.id] = (job, false)
            ready.insert(id: job.id, deadline: job.notBefore ?? now)
        }
    }

    private func promoteDueJobs(now: MonotonicInstant) {
        while let next = scheduledJobs.first, next.deadline <= now.nanoseconds {
            _ = scheduledJobs.popFirst()
            guard waiting[next.id] != nil else { continue }
            waiting[next.id]?.isScheduled = false
            ready.insert(id: next.id, deadline: MonotonicInstant(nanoseconds: next.deadline))
            shared.scheduled.wrappingSubtract(1, ordering: .relaxed)
            shared.queued.wrappingAdd(1, ordering: .relaxed)
        }
    }

    /// Starts due jobs while slots are free; returns how many started.
    @discardableResult
    private func startReadyJobs() -> Int {
        var started = 0
        while running.count < maxConcurrency, let id = ready.popFirst()?.id {
            guard let entry = waiting.removeValue(forKey: id) else { continue }
            shared.queued.wrappingSubtract(1, ordering: .relaxed)
            start(entry.job)
            started += 1
        }
        deliverFinished()
        return started
    }

    private func start(_ job: Job) {
        guard let transfer = idleTransfers.popLast() ?? Transfer() else {
            finish(job, .failure(TransferError(kind: .other, message: "could not create a libcurl handle (out of memory?)")))
            return
        }
        do {
            let target = TransferTarget(job.request.url)
            transfer.sshLogin = ConnectionKnowledge.sshLogin(of: job.request, target: target)
            let fresh = connections.needsFreshConnection(job.request, target: target, sshLogin: transfer.sshLogin)
            try transfer.prepare(for: job, target: target, freshConnection: fresh)
        } catch {
            transfer.recycle()
            idleTransfers.append(transfer)
            finish(job, .failure(TransferError(kind: error.kind, message: error.message)))
            return
        }
        transfer.startedAt = .now()
        let code = curl_multi_add_handle(shared.multi.pointer, transfer.easy)
        guard code == CURLM_OK else {
            transfer.recycle()
            idleTransfers.append(transfer)
            let reason = curl_multi_strerror(code).map { String(cString: $0) } ?? "error \(code.rawValue)"
            finish(job, .failure(TransferError(kind: .other, message: "libcurl could not start the transfer: \(reason)")))
            return
        }
        running[job.id] = transfer
        shared.inFlight.wrappingAdd(1, ordering: .relaxed)
    }

    // MARK: Completion

    private func collectFinishedTransfers() {
        let multi = shared.multi.pointer
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(multi, &remaining) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
            // The message belongs to libcurl and dies with remove_handle: read it first.
            let code = baton_curlmsg_result(message)
            var opaque: UnsafeMutableRawPointer?
            baton_easy_getinfo_pointer(easy, CURLINFO_PRIVATE, &opaque)
            guard let opaque else {
                curl_multi_remove_handle(multi, easy)
                continue
            }
            let transfer = Transfer.from(opaque: opaque)
            var result = transfer.result(code: code)
            connections.learn(from: transfer, result: &result)
            curl_multi_remove_handle(multi, easy)
            complete(transfer, result)
        }
    }

    private func complete(_ transfer: Transfer, _ result: Result<HTTPResponse, TransferError>) {
        guard let job = transfer.job else { return }
        running.removeValue(forKey: job.id)
        shared.inFlight.wrappingSubtract(1, ordering: .relaxed)
        transfer.recycle()
        idleTransfers.append(transfer)
        finish(job, result)
    }

    private func finish(_ job: Job, _ result: Result<HTTPResponse, TransferError>) {
        switch result {
        case .success: shared.completed.wrappingAdd(1, ordering: .relaxed)
        case .failure: shared.failed.wrappingAdd(1, ordering: .relaxed)
        }
        finished.append((job, result))
    }

    /// Runs completions with no lock held; they may submit again, which only touches the inbox.
    private func deliverFinished() {
        guard !finished.isEmpty else { return }
        let batch = finished
        finished.removeAll(keepingCapacity: true)
        for (job, result) in batch {
            job.completion(result)
        }
        unsettled += batch.count
        if unsettled >= Self.settleBatch { settle() }
    }

    /// Tells the settled observer that the completions delivered so far have run.
    private func settle() {
        unsettled = 0
        shared.settledObserver.withLock { $0 }?.call()
    }

    // MARK: Cancellation

    private func cancel(_ id: UInt64) {
        if let entry = waiting.removeValue(forKey: id) {
            if entry.isScheduled {
                shared.scheduled.wrappingSubtract(1, ordering: .relaxed)
            } else {
                shared.queued.wrappingSubtract(1, ordering: .relaxed)
            }
            finish(entry.job, .failure(.cancelled()))
        } else if let transfer = running[id] {
            curl_multi_remove_handle(shared.multi.pointer, transfer.easy)
            complete(transfer, .failure(.cancelled(elapsed: transfer.startedAt.duration(to: .now()))))
        }
        // Otherwise the job already finished; a late cancel has nothing to do.
    }

    private func cancelEverything() {
        let message = "cancelled: the HTTP engine shut down"
        for transfer in Array(running.values) {
            curl_multi_remove_handle(shared.multi.pointer, transfer.easy)
            complete(transfer, .failure(.cancelled(message, elapsed: transfer.startedAt.duration(to: .now()))))
        }
        // Keep submission order for what never started.
        for (_, entry) in waiting.sorted(by: { $0.key < $1.key }) {
            if entry.isScheduled {
                shared.scheduled.wrappingSubtract(1, ordering: .relaxed)
            } else {
                shared.queued.wrappingSubtract(1, ordering: .relaxed)
            }
            finish(entry.job, .failure(.cancelled(message)))
        }
        waiting.removeAll()
        ready.removeAll()
        scheduledJobs.removeAll()
        // Jobs submitted after the last drain but before the shutdown flag was set.
        for job in shared.takeInbox().jobs {
            shared.queued.wrappingSubtract(1, ordering: .relaxed)
            finish(job, .failure(.cancelled(message)))
        }
        deliverFinished()
        if unsettled > 0 { settle() }
        idleTransfers.removeAll()
    }
}
