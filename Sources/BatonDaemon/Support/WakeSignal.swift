import Synchronization

/// Wakes a loop early: `wait(upTo:)` returns when `signal()` is called or the time is up.
///
/// A signal that arrives while nobody waits is kept for the next wait. Running out of time is
/// not a signal: it ends only the wait it was set for, so a timer that fires late (or whose
/// wait already ended) never leaves a signal behind that would make the next wait return at once.
final class WakeSignal: Sendable {
    private struct State {
        var pending = false
        var waiter: CheckedContinuation<Void, Never>?
        /// Counts waits, so a timer can tell whether the wait it belongs to is still the current one.
        var generation: UInt64 = 0
        /// Set when the current wait's time ran out before it began waiting.
        var expired = false
    }

    private let state = Mutex(State())

    func signal() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter
            }
            state.pending = true
            return nil
        }
        waiter?.resume()
    }

    func wait(upTo timeout: Duration) async {
        let generation = state.withLock { state -> UInt64 in
            state.generation &+= 1
            state.expired = false
            return state.generation
        }
        let timer = Task { [self] in
            guard (try? await Task.sleep(for: timeout)) != nil else { return }
            expire(generation)
        }
        await withCheckedContinuation { continuation in
            let now = state.withLock { state -> Bool in
                if state.pending {
                    state.pending = false
                    return true
                }
                if state.expired {
                    state.expired = false
                    return true
                }
                state.waiter = continuation
                return false
            }
            if now { continuation.resume() }
        }
        timer.cancel()
    }

    /// Ends the wait numbered `generation` if it is still waiting; otherwise does nothing.
    private func expire(_ generation: UInt64) {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard state.generation == generation else { return nil }
            guard let waiter = state.waiter else {
                state.expired = true
                return nil
            }
            state.waiter = nil
            return waiter
        }
        waiter?.resume()
    }
}
