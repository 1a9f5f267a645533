extension Duration {
    /// Whole milliseconds, rounded toward zero.
    public var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }

    /// Seconds as a floating-point number.
    public var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    /// The compact form used in config files and reasons: `500ms`, `45s`, `3h12m`, `2d4h`.
    ///
    /// Shows at most the two largest non-zero units, so an age reads at a glance.
    public var compact: String {
        let ms = milliseconds
        if ms < 0 { return "-" + Duration.milliseconds(-ms).compact }
        if ms < 1000 { return "\(ms)ms" }
        if ms < 10_000 && ms % 1000 != 0 {
            let tenths = (ms + 50) / 100
            return tenths % 10 == 0 ? "\(tenths / 10)s" : "\(tenths / 10).\(tenths % 10)s"
        }
        let units: [(String, Int64)] = [("d", 86_400), ("h", 3600), ("m", 60), ("s", 1)]
        let total = ms / 1000
        // The largest unit that fits, then the next one down if it is not zero: 3h12m, 2d4h, 3h (not 3h12s).
        guard let first = units.firstIndex(where: { total >= $0.1 }) else { return "0s" }
        var parts = ["\(total / units[first].1)\(units[first].0)"]
        if first + 1 < units.count {
            let next = (total % units[first].1) / units[first + 1].1
            if next > 0 { parts.append("\(next)\(units[first + 1].0)") }
        }
        return parts.isEmpty ? "0s" : parts.joined()
    }
}
