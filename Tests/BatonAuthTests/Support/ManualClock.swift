import BatonAuth
import BatonHTTP
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A clock that moves only when a test says so: monotonic time for lifetimes, and wall time
/// (starting at the real now, so the simulator accepts assertions) for JWT claims.
final class ManualClock: Sendable {
    private let elapsed = Mutex<Duration>(.zero)
    private let origin = MonotonicInstant(nanoseconds: 1_000_000_000_000)
    private let unixOrigin = Int64(time(nil))

    func advance(by duration: Duration) {
        elapsed.withLock { $0 += duration }
    }

    var now: MonotonicInstant {
        origin.advanced(by: elapsed.withLock { $0 })
    }

    var authClock: AuthClock {
        AuthClock(
            now: { self.now },
            unixTime: { self.unixOrigin + self.elapsed.withLock { $0 }.components.seconds }
        )
    }
}
