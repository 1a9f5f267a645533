/// How many unknown `/ping` tokens each source may send: a token bucket per source address.
///
/// Only unknown tokens spend from a bucket, so a job that pings with its right token is never
/// counted. A source whose bucket is empty is answered 429 for every `/ping` until a token
/// has come back, its right token included: otherwise the 200 among the 429s would still tell
/// a guesser when a guess was right. Time is passed in, so tests need no clock.
///
/// Memory is bounded: at most ``Limits/sources`` buckets. When the table is full, buckets that
/// have refilled (equal to no bucket at all) are dropped; if none has, every new source shares
/// one overflow bucket, so spreading guesses over many addresses buys nothing.
struct PingRateLimiter {
    struct Limits: Sendable, Equatable {
        /// Unknown tokens a source may send at once: a job with a stale token, retrying a few times.
        var burst = 10
        /// One more unknown token is allowed this often after the burst: 10 a minute.
        var refill: Duration = .seconds(6)
        /// Source addresses tracked at once.
        var sources = 4096
    }

    enum Admission: Equatable {
        case allowed
        /// Refused; a token returns after this long (at least a second, in whole seconds).
        case limited(retryAfter: Duration)
    }

    private struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    let limits: Limits
    private var buckets: [String: Bucket] = [:]
    private var overflow: Bucket?
    private var nextPrune: ContinuousClock.Instant?

    init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// Buckets held, the overflow one included.
    var trackedSources: Int { buckets.count + (overflow == nil ? 0 : 1) }

    /// Whether `source` may ask at all right now.
    mutating func admit(_ source: String, at now: ContinuousClock.Instant) -> Admission {
        let bucket: Bucket? = if let own = buckets[source] { own } else if buckets.count >= limits.sources { overflow } else { nil }
        guard let bucket else { return .allowed }
        let tokens = refilled(bucket, at: now).tokens
        guard tokens < 1 else { return .allowed }
        let wait = limits.refill * (1 - tokens)
        let seconds = max(1, Int((wait / .seconds(1)).rounded(.up)))
        return .limited(retryAfter: .seconds(seconds))
    }

    /// `source` sent an unknown token: one token less in its bucket.
    mutating func recordUnknownToken(from source: String, at now: ContinuousClock.Instant) {
        if buckets[source] == nil, buckets.count >= limits.sources { prune(at: now) }
        if buckets[source] != nil || buckets.count < limits.sources {
            buckets[source] = spend(buckets[source], at: now)
        } else {
            overflow = spend(overflow, at: now)
        }
    }

    private func spend(_ bucket: Bucket?, at now: ContinuousClock.Instant) -> Bucket {
        var current = bucket.map { refilled($0, at: now) } ?? Bucket(tokens: Double(limits.burst), updated: now)
        current.tokens = max(0, current.tokens - 1)
        return current
    }

    private func refilled(_ bucket: Bucket, at now: ContinuousClock.Instant) -> Bucket {
        let elapsed = max(.zero, now - bucket.updated)
        let tokens = min(Double(limits.burst), bucket.tokens + elapsed / limits.refill)
        return Bucket(tokens: tokens, updated: max(now, bucket.updated))
    }

    /// Drops buckets that are full again; at most once per refill interval, since it scans them all.
    private mutating func prune(at now: ContinuousClock.Instant) {
        if let nextPrune, now < nextPrune { return }
        nextPrune = now.advanced(by: limits.refill)
        let burst = Double(limits.burst)
        buckets = buckets.filter { refilled($0.value, at: now).tokens < burst }
        if let overflow, refilled(overflow, at: now).tokens >= burst { self.overflow = nil }
    }
}
