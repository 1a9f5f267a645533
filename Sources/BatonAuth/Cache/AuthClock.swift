import BatonHTTP

#if canImport(Glibc)
import Glibc
#endif

/// The two clocks token handling needs, injectable so tests never sleep.
public struct AuthClock: Sendable {
    /// For token lifetimes and refresh deadlines: never jumps with the wall clock.
    public var now: @Sendable () -> MonotonicInstant
    /// Seconds since 1970, for the `iat` and `exp` of JWT assertions.
    public var unixTime: @Sendable () -> Int64

    public init(now: @escaping @Sendable () -> MonotonicInstant, unixTime: @escaping @Sendable () -> Int64) {
        self.now = now
        self.unixTime = unixTime
    }

    /// `CLOCK_MONOTONIC` and `time(2)`.
    public static let system = AuthClock(now: { MonotonicInstant.now() }, unixTime: { Int64(time(nil)) })
}
