/// The fuzz suite's random numbers: SplitMix64 (Steele, Lea and Flood), with every derived
/// choice computed here rather than by the standard library, whose algorithms for
/// `random(in:)` or `shuffled()` may change between Swift versions. So a seed names the same
/// inputs on every machine and every toolchain.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    /// The generator of input `index` of a run seeded with `seed`: any input can be made again
    /// on its own, without the ones before it.
    public init(seed: UInt64, index: Int) {
        var mixer = SplitMix64(seed: seed ^ 0x6A09_E667_F3BC_C909)
        for _ in 0..<2 { _ = mixer.next() }
        state = mixer.next() &+ UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound` (Lemire's multiply-high; the bias is far below what a fuzzer notices).
    public mutating func below(_ bound: Int) -> Int {
        guard bound > 1 else { return 0 }
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A number in `range`.
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        let width = UInt64(bitPattern: Int64(range.upperBound)) &- UInt64(bitPattern: Int64(range.lowerBound))
        guard width < UInt64.max else { return Int(truncatingIfNeeded: next()) }
        let offset = next().multipliedFullWidth(by: width + 1).high
        return Int(truncatingIfNeeded: UInt64(bitPattern: Int64(range.lowerBound)) &+ offset)
    }

    /// True with probability `percent` in 100.
    public mutating func chance(_ percent: Int) -> Bool {
        below(100) < percent
    }

    /// One element of a non-empty collection.
    public mutating func pick<C: RandomAccessCollection>(_ items: C) -> C.Element where C.Index == Int {
        items[items.startIndex + below(items.count)]
    }

    /// A size in `0...limit` that is usually small and sometimes large: each doubling is about
    /// as likely as the one before, so tiny, medium and huge inputs all get their turn.
    public mutating func size(upTo limit: Int) -> Int {
        guard limit > 0 else { return 0 }
        let bits = below(Int.bitWidth - limit.leadingZeroBitCount)
        return min(limit, (1 << bits) - 1 + below(1 << bits))
    }

    /// Picks among weighted choices: `weights[k]` is how likely `k` is, relative to the others.
    public mutating func weighted(_ weights: [Int]) -> Int {
        var roll = below(weights.reduce(0, +))
        for (index, weight) in weights.enumerated() {
            if roll < weight { return index }
            roll -= weight
        }
        return weights.count - 1
    }

    /// `count` random bytes.
    public mutating func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8(truncatingIfNeeded: next()) }
    }
}
