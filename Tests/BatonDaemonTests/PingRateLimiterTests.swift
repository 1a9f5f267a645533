@testable import BatonDaemon
import Testing

/// The `/ping` token buckets per source, with made-up instants.
struct PingRateLimiterTests {
    static let start = ContinuousClock.now

    static func at(seconds: Double) -> ContinuousClock.Instant {
        start.advanced(by: .milliseconds(Int(seconds * 1000)))
    }

    /// Ten unknown tokens pass, the eleventh is refused with Retry-After until one token is back (6 s).
    @Test func burstThenLimited() {
        var limiter = PingRateLimiter()
        for _ in 0..<10 {
            #expect(limiter.admit("10.0.0.1", at: Self.at(seconds: 0)) == .allowed)
            limiter.recordUnknownToken(from: "10.0.0.1", at: Self.at(seconds: 0))
        }
        #expect(limiter.admit("10.0.0.1", at: Self.at(seconds: 0)) == .limited(retryAfter: .seconds(6)))
        #expect(limiter.admit("10.0.0.1", at: Self.at(seconds: 3.5)) == .limited(retryAfter: .seconds(3)))
        #expect(limiter.admit("10.0.0.1", at: Self.at(seconds: 5.9)) == .limited(retryAfter: .seconds(1)))
        #expect(limiter.admit("10.0.0.1", at: Self.at(seconds: 6)) == .allowed)
        // Another source is not affected.
        #expect(limiter.admit("10.0.0.2", at: Self.at(seconds: 0)) == .allowed)
    }

    /// After the burst, one more unknown token each 6 s: ten a minute.
    @Test func steadyRateIsTenAMinute() {
        var limiter = PingRateLimiter()
        var allowed = 0
        for tenth in 0..<6000 {  // ten minutes, a guess every 0.1 s
            let now = Self.at(seconds: Double(tenth) / 10)
            if limiter.admit("a", at: now) == .allowed {
                allowed += 1
                limiter.recordUnknownToken(from: "a", at: now)
            }
        }
        // The burst of 10, then one each 6 s in the 599.9 s that follow.
        #expect(allowed == 10 + 99)
    }

    /// A source that only sends right tokens never spends anything.
    @Test func validPingsAreNeverCounted() {
        var limiter = PingRateLimiter()
        for second in 0..<1000 {
            #expect(limiter.admit("job", at: Self.at(seconds: Double(second) / 100)) == .allowed)
        }
        #expect(limiter.trackedSources == 0)
    }

    /// The table never holds more than its limit; new sources beyond it share one overflow bucket,
    /// and buckets that refilled are dropped to make room.
    @Test func tableIsBounded() {
        var limiter = PingRateLimiter(limits: .init(burst: 2, refill: .seconds(6), sources: 3))
        for source in ["a", "b", "c"] {
            limiter.recordUnknownToken(from: source, at: Self.at(seconds: 0))
        }
        for index in 0..<100 {
            limiter.recordUnknownToken(from: "spread-\(index)", at: Self.at(seconds: 0))
        }
        #expect(limiter.trackedSources == 4)
        #expect(limiter.admit("spread-99", at: Self.at(seconds: 0)) != .allowed)
        #expect(limiter.admit("someone-new", at: Self.at(seconds: 0)) != .allowed)
        #expect(limiter.admit("a", at: Self.at(seconds: 0)) == .allowed)
        // Twelve seconds later every bucket is full again: a new source gets its own.
        limiter.recordUnknownToken(from: "late", at: Self.at(seconds: 12))
        #expect(limiter.trackedSources == 1)
    }
}

/// The refused-ping summary: the first refusal at once, then at most one line a minute.
struct PingRejectionTallyTests {
    static let start = ContinuousClock.now

    static func at(seconds: Int) -> ContinuousClock.Instant {
        start.advanced(by: .seconds(seconds))
    }

    @Test func firstAtOnceThenOnceAMinute() {
        var tally = PingRejectionTally()
        let first = tally.record(from: "127.0.0.1", limited: false, at: Self.at(seconds: 0))
        #expect(first?.line == "/ping: 1 request with an unknown token (127.0.0.1: 1)")
        for second in 1...59 {
            #expect(tally.record(from: second % 3 == 0 ? "127.0.0.2" : "127.0.0.1", limited: second > 40, at: Self.at(seconds: second)) == nil)
        }
        #expect(tally.flush(at: Self.at(seconds: 59)) == nil)
        let summary = tally.flush(at: Self.at(seconds: 60))
        #expect(summary?.line == "/ping: 59 requests with an unknown token in the last 59s (127.0.0.1: 40, 127.0.0.2: 19); 19 answered 429")
        #expect(tally.flush(at: Self.at(seconds: 200)) == nil)
    }

    /// At most five sources are named, and the per-source table is bounded.
    @Test func namesTheTopFive() {
        var tally = PingRejectionTally(maximumSources: 6)
        _ = tally.record(from: "x", limited: false, at: Self.at(seconds: 0))
        for index in 0..<20 {
            for _ in 0...index { _ = tally.record(from: "10.0.0.\(index)", limited: false, at: Self.at(seconds: 1)) }
        }
        let line = tally.flush(at: Self.at(seconds: 61))?.line ?? ""
        #expect(line.hasPrefix("/ping: 210 requests with an unknown token in the last 1m (10.0.0.5: 6, 10.0.0.4: 5, 10.0.0.3: 4, 10.0.0.2: 3, 10.0.0.1: 2, 2 more addresses)"))
    }
}

/// The source a rate limit counts: an IPv4 address, an IPv6 /64, a mapped IPv4 as IPv4.
struct PingSourceTests {
    @Test(arguments: [
        ("127.0.0.1", "127.0.0.1"),
        ("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64"),
        ("2001:db8:1:2::1", "2001:db8:1:2::/64"),
        ("::ffff:192.0.2.7", "192.0.2.7"),
        ("::1", "0:0:0:0::/64"),
    ])
    func key(address: String, expected: String) {
        #expect(PingSource.key(ipAddress: address) == expected)
    }

    @Test func missingAddress() {
        #expect(PingSource.key(ipAddress: nil) == "unknown")
    }
}
