/// When each integration is probed: a stable phase within its interval, so that thousands
/// of integrations with the same interval spread evenly instead of firing at once.
///
/// Times are nanoseconds of a monotonic clock. Slot `k` of an integration is
/// `phase + k × interval`; after a probe finishes, the next one goes to the first slot
/// strictly later than now, so a late loop skips missed slots instead of bursting.
///
/// The arithmetic saturates: config validation bounds the interval (``ConfigLimits``), but a
/// schedule must not trap whatever it is given, so a slot past `UInt64.max` reads as that.
public struct ProbeSlots: Sendable, Equatable {
    public let intervalNanoseconds: UInt64
    /// Offset of this integration's slots within the interval, derived from its id.
    public let phaseNanoseconds: UInt64

    public init(id: String, interval: Duration) {
        let interval = UInt64(max(interval.milliseconds, 1)).multipliedSaturated(by: 1_000_000)
        intervalNanoseconds = interval
        phaseNanoseconds = Self.stableHash(id) % interval
    }

    /// The first slot strictly after `now`.
    public func next(after now: UInt64) -> UInt64 {
        if now < phaseNanoseconds { return phaseNanoseconds }
        let elapsed = now - phaseNanoseconds
        let slots = (elapsed / intervalNanoseconds).addingSaturated(1)
        return phaseNanoseconds.addingSaturated(slots.multipliedSaturated(by: intervalNanoseconds))
    }

    /// The first probe after start: spread over at most `window`, so a freshly started
    /// daemon knows every state within seconds without sending everything at once.
    public func first(after now: UInt64, window: Duration) -> UInt64 {
        let spread = min(UInt64(max(window.milliseconds, 1)).multipliedSaturated(by: 1_000_000), intervalNanoseconds)
        return now.addingSaturated(phaseNanoseconds % spread)
    }

    /// FNV-1a, 64 bit: the same id gets the same phase on every run and every machine.
    static func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        // FNV's low bits mix poorly for short similar ids ("i1", "i2"): fold the high half in.
        return hash ^ (hash >> 29) ^ (hash >> 47)
    }
}
