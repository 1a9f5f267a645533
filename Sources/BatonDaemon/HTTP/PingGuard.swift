import Logging
import Prometheus
import ServiceLifecycle
import Synchronization

/// Guards `/ping/<token>` against token guessing: the rate limit per source, the metrics, and a
/// summary log line at most once a minute. Owns its state; the listener's handlers only ask it.
final class PingGuard: Sendable {
    private struct State {
        var limiter: PingRateLimiter
        var tally: PingRejectionTally
    }

    private let state: Mutex<State>
    private let clock: @Sendable () -> ContinuousClock.Instant
    private let logger: Logger
    private let unknownTokens: Counter?
    private let rateLimited: Counter?

    init(
        limits: PingRateLimiter.Limits = .init(), logger: Logger, metrics: DaemonMetrics?,
        clock: @escaping @Sendable () -> ContinuousClock.Instant = { .now }
    ) {
        state = Mutex(State(limiter: PingRateLimiter(limits: limits), tally: PingRejectionTally()))
        self.clock = clock
        self.logger = logger
        unknownTokens = metrics?.pingRejected[.unknownToken]
        rateLimited = metrics?.pingRejected[.rateLimited]
    }

    /// Whether `source` may ask at all; a refusal is counted and logged here.
    func admit(_ source: String) -> PingRateLimiter.Admission {
        let now = clock()
        let (admission, summary) = state.withLock { state in
            let admission = state.limiter.admit(source, at: now)
            guard admission != .allowed else { return (admission, nil as PingRejectionTally.Summary?) }
            return (admission, state.tally.record(from: source, limited: true, at: now))
        }
        if admission != .allowed { rateLimited?.increment() }
        log(summary)
        return admission
    }

    /// `source` sent a token no heartbeat has.
    func unknownToken(from source: String) {
        let now = clock()
        let summary = state.withLock { state in
            state.limiter.recordUnknownToken(from: source, at: now)
            return state.tally.record(from: source, limited: false, at: now)
        }
        unknownTokens?.increment()
        log(summary)
    }

    /// Logs what was counted since the last line, once a minute has passed.
    func flush() {
        let now = clock()
        log(state.withLock { $0.tally.flush(at: now) })
    }

    private func log(_ summary: PingRejectionTally.Summary?) {
        guard let summary else { return }
        logger.notice("\(summary.line)")
    }

    /// Flushes the summary every minute, so the last refusals of a burst are logged too.
    struct Flusher: Service {
        let guarded: PingGuard
        var every: Duration = .seconds(60)

        func run() async {
            // Shutdown ends the wait early and is not an error.
            try? await cancelWhenGracefulShutdown {
                while true {
                    try await Task.sleep(for: every)
                    guarded.flush()
                }
            }
        }
    }
}
