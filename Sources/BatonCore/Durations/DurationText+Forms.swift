extension DurationText {
    /// Whole-second units, largest first, with their size in seconds.
    private static let secondUnits: [(unit: Unit, seconds: Int64)] = [(.days, 86_400), (.hours, 3600), (.minutes, 60), (.seconds, 1)]

    /// Longest span shown, in seconds (about 31 million years): keeps every conversion in range.
    static let longest: Double = 1e15

    /// A duration at a glance: `500ms`, `2.4s`, `45s`, `3h12m`, `2d4h`.
    ///
    /// Below a second in milliseconds; below ten seconds to a tenth (rounded); otherwise in
    /// whole seconds (rounded down), showing the largest unit and the next one down when it
    /// is not nought: `3h12m`, `3h` (never `3h12s`).
    public init(_ duration: Duration) {
        let ms = duration.milliseconds
        guard ms >= 0 else {
            // Int64.min has no positive counterpart; a day short of it reads the same.
            self.init(Duration.milliseconds(ms == .min ? .max : -ms))
            isNegative = true
            return
        }
        if ms < 1000 {
            self.init(parts: [Part(amount: "\(ms)", unit: .milliseconds)])
        } else if ms < 10_000, ms % 1000 != 0 {
            let tenths = (ms + 50) / 100
            let amount = tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(tenths % 10)"
            self.init(parts: [Part(amount: amount, unit: .seconds)])
        } else {
            self.init(parts: Self.glance(wholeSeconds: ms / 1000))
        }
    }

    /// A duration given in seconds, as ``init(_:)`` shows it; `NaN` reads as nought and huge
    /// values are capped, so a number from anywhere can be shown.
    public init(seconds: Double) {
        let capped = seconds.isNaN ? 0 : min(max(seconds, -Self.longest), Self.longest)
        self.init(Duration.milliseconds(Int64((capped * 1000).rounded(.towardZero))))
    }

    /// An age in whole seconds: `3h12m`, `45m`, `5s`; under a second (or negative) reads `0s`.
    ///
    /// Whole seconds because sources stamp to the second while probes measure to the
    /// millisecond: `4m0.35s` would be noise.
    public static func age(seconds: Double) -> DurationText {
        guard seconds >= 1 else { return DurationText(parts: [Part(amount: "0", unit: .seconds)]) }
        return DurationText(parts: glance(wholeSeconds: wholeSeconds(seconds)))
    }

    /// An age just past `limit`, precise enough to differ from it: `2h0m1s` against `2h`,
    /// never the puzzling `2h old (error after 2h)`.
    public static func age(seconds: Double, beyond limit: Duration) -> DurationText {
        let shown = age(seconds: seconds)
        guard shown == DurationText(limit) else { return shown }
        return DurationText(parts: exact(wholeSeconds: wholeSeconds(seconds)))
    }

    /// Seconds rounded down, capped to ``longest``; at least 0.
    static func wholeSeconds(_ seconds: Double) -> Int64 {
        guard seconds >= 1 else { return 0 }
        return Int64(min(seconds, longest).rounded(.down))
    }

    /// The largest unit that fits, then the next one down when it is not nought.
    private static func glance(wholeSeconds total: Int64) -> [Part] {
        guard let first = secondUnits.firstIndex(where: { total >= $0.seconds }) else { return [Part(amount: "0", unit: .seconds)] }
        var parts = [Part(amount: "\(total / secondUnits[first].seconds)", unit: secondUnits[first].unit)]
        if first + 1 < secondUnits.count {
            let next = (total % secondUnits[first].seconds) / secondUnits[first + 1].seconds
            if next > 0 { parts.append(Part(amount: "\(next)", unit: secondUnits[first + 1].unit)) }
        }
        return parts
    }

    /// Every unit from the largest that fits down to seconds, noughts included: `2h0m1s`.
    private static func exact(wholeSeconds total: Int64) -> [Part] {
        var remaining = total
        var parts: [Part] = []
        for (unit, size) in secondUnits where !parts.isEmpty || remaining >= size {
            parts.append(Part(amount: "\(remaining / size)", unit: unit))
            remaining %= size
        }
        return parts.isEmpty ? [Part(amount: "0", unit: .seconds)] : parts
    }
}
