import CCurl
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Baton's one HTTP client: a libcurl multi handle driven by a dedicated thread.
///
/// Every outbound request (probes, webhook deliveries, the CLI's calls to the daemon's
/// socket) goes through an engine. Callers hand requests over through a lock-protected
/// inbox and `curl_multi_wakeup`; the engine thread starts them when due, at most
/// `maxConcurrency` at a time, reusing easy handles and keep-alive connections.
///
/// Completions run on the engine thread: they must be quick, must not block, and may
/// call ``submit(_:notBefore:completion:)`` again.
public final class HTTPEngine: Sendable {
    /// A snapshot of the engine's work, for metrics and tests.
    public struct Statistics: Sendable, Equatable {
        /// Due jobs waiting for a free transfer slot.
        public var queued: Int
        /// Jobs waiting for their `notBefore`.
        public var scheduled: Int
        public var inFlight: Int
        /// Transfers that ended with a response (any status).
        public var completed: Int
        /// Transfers that ended with a ``TransferError``, cancellations included.
        public var failed: Int

        public init(queued: Int, scheduled: Int, inFlight: Int, completed: Int, failed: Int) {
            self.queued = queued
            self.scheduled = scheduled
            self.inFlight = inFlight
            self.completed = completed
            self.failed = failed
        }
    }

    private let shared: EngineShared
    private let thread: pthread_t
    /// Whether the engine thread was joined; held while joining so every caller waits for it.
    private let joined = Mutex(false)
    public let maxConcurrency: Int

    /// Starts the engine thread.
    ///
    /// - Parameters:
    ///   - maxConcurrency: The most transfers in flight at once; more wait in order.
    ///   - name: The engine thread's name, as `top -H` shows it (15 bytes at most).
    public init(maxConcurrency: Int, name: String = "baton-http") {
        CurlGlobal.initialise()
        let maxConcurrency = max(1, maxConcurrency)
        guard let multi = curl_multi_init() else {
            fatalError("curl_multi_init failed: out of memory")
        }
        // Idle connections kept for reuse: fewer than the transfers in flight makes them churn.
        baton_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, maxConcurrency + 8)
        self.maxConcurrency = maxConcurrency
        shared = EngineShared(multi: multi)
        let loop = EngineLoop(shared: shared, maxConcurrency: maxConcurrency, threadName: name)

        var id = pthread_t()
        let context = Unmanaged.passRetained(loop).toOpaque()
        let created = pthread_create(&id, nil, { context in
            guard let context else { return nil }
            Unmanaged<EngineLoop>.fromOpaque(context).takeRetainedValue().run()
            return nil
        }, context)
        guard created == 0 else {
            fatalError("could not start the HTTP engine thread: error \(created)")
        }
        thread = id
    }

    deinit {
        if pthread_equal(thread, pthread_self()) != 0 {
            // Released by its own last completion: nobody can join this thread, so let it go.
            _ = shared.requestShutdown()
            pthread_detach(thread)
        } else {
            shutdown()
        }
    }

    /// Queues a request; `completion` runs once, on the engine thread, with its outcome.
    ///
    /// After ``shutdown()`` the completion runs at once, on the calling thread, with
    /// `.cancelled`: a completion that submits again must stop when it sees `.cancelled`.
    ///
    /// - Parameters:
    ///   - notBefore: When to start at the earliest; the engine starts due jobs in deadline order.
    /// - Returns: An id for ``cancel(_:)``.
    @discardableResult
    public func submit(
        _ request: HTTPRequest,
        notBefore: MonotonicInstant? = nil,
        completion: @escaping @Sendable (Result<HTTPResponse, TransferError>) -> Void
    ) -> TransferID {
        let id = shared.makeID()
        let job = Job(id: id, request: request, notBefore: notBefore, completion: completion)
        if !shared.enqueue(job, checkingTaskCancellation: false) {
            completion(.failure(.cancelled("cancelled: the HTTP engine is shut down")))
        }
        return TransferID(rawValue: id)
    }

    /// Calls `observer` on the engine thread on every turn of its loop (at least once a second,
    /// idle or not). A wedged loop stops calling it: the daemon's systemd watchdog hangs on this.
    public func observeLoop(_ observer: @escaping @Sendable () -> Void) {
        let boxed = LoopObserver(observer)
        shared.loopObserver.withLock { $0 = boxed }
    }

    /// Calls `observer` on the engine thread once the completions delivered so far have run: before
    /// the loop sleeps, or after every 64 completions while it stays busy. A caller that gathers
    /// completions to work on elsewhere hands them on from here, in batches, without a timer.
    public func observeSettled(_ observer: @escaping @Sendable () -> Void) {
        let boxed = LoopObserver(observer)
        shared.settledObserver.withLock { $0 = boxed }
    }

    /// Cancels a submitted transfer: it completes with `.cancelled` unless it already finished.
    public func cancel(_ id: TransferID) {
        shared.cancel(id.rawValue)
    }

    /// Performs a request and waits for its outcome; cancelling the task cancels the transfer.
    public func perform(_ request: HTTPRequest) async -> Result<HTTPResponse, TransferError> {
        let id = shared.makeID()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let job = Job(id: id, request: request, notBefore: nil) { continuation.resume(returning: $0) }
                // Checked under the inbox lock: a cancel that ran before this point finds the
                // task already cancelled here; one that runs after finds the job in the inbox.
                if !shared.enqueue(job, checkingTaskCancellation: true) {
                    continuation.resume(returning: .failure(.cancelled()))
                }
            }
        } onCancel: {
            shared.cancel(id)
        }
    }

    /// Stops the engine: every queued or running transfer completes with `.cancelled`.
    ///
    /// Idempotent. Returns once the engine thread has ended, except when called from a
    /// completion (on the engine thread itself), where it returns at once and the thread
    /// ends right after that completion.
    public func shutdown() {
        _ = shared.requestShutdown()
        // The engine thread cannot join itself; it ends once the current completion returns.
        guard pthread_equal(thread, pthread_self()) == 0 else { return }
        joined.withLock { joined in
            guard !joined else { return }
            pthread_join(thread, nil)
            joined = true
        }
    }

    public var statistics: Statistics {
        Statistics(
            queued: shared.queued.load(ordering: .relaxed),
            scheduled: shared.scheduled.load(ordering: .relaxed),
            inFlight: shared.inFlight.load(ordering: .relaxed),
            completed: shared.completed.load(ordering: .relaxed),
            failed: shared.failed.load(ordering: .relaxed)
        )
    }

    /// The libcurl version in use, e.g. `7.88.1`, for logs and `--version`.
    public static var curlVersion: String { CurlGlobal.version }
}
