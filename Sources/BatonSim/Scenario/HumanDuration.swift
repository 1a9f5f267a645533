/// Durations as people write them in scenario files: `500ms`, `90s`, `4m`, `3h12m`, `1.5h`, `2d`.
enum HumanDuration {
    /// The duration in seconds, or nil when `text` is not one.
    static func seconds(in text: String) -> Double? {
        let units: [(String, Double)] = [("ms", 0.001), ("d", 86_400), ("h", 3600), ("m", 60), ("s", 1)]
        var remaining = text.trimmingWhitespace()[...]
        guard !remaining.isEmpty else { return nil }
        var total = 0.0
        while !remaining.isEmpty {
            let number = remaining.prefix(while: { $0.isNumber || $0 == "." })
            guard !number.isEmpty, let value = Double(number) else { return nil }
            remaining = remaining.dropFirst(number.count)
            guard let (unit, scale) = units.first(where: { remaining.hasPrefix($0.0) }) else { return nil }
            remaining = remaining.dropFirst(unit.count)
            total += value * scale
        }
        return total
    }

    /// The compact form for log lines: `250ms`, `45s`, `4m`, `3h12m`.
    static func describe(seconds: Double) -> String {
        if seconds < 1 { return "\(Int((seconds * 1000).rounded()))ms" }
        var remaining = Int(seconds.rounded())
        var parts = ""
        var shown = 0
        for (unit, size) in [("d", 86_400), ("h", 3600), ("m", 60), ("s", 1)] where remaining >= size && shown < 2 {
            parts += "\(remaining / size)\(unit)"
            remaining %= size
            shown += 1
        }
        return parts.isEmpty ? "0s" : parts
    }
}

extension String {
    func trimmingWhitespace() -> String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
