extension Duration {
    /// Whole nanoseconds, saturating at the range of `Int64` (about 292 years).
    var wholeNanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        let (sum, overflow2) = scaled.addingReportingOverflow(attoseconds / 1_000_000_000)
        if overflow2 { return seconds < 0 ? .min : .max }
        return sum
    }

    /// Whole milliseconds rounded up, so a deadline is never reached early; at least 0.
    var wholeMillisecondsRoundedUp: Int64 {
        let ns = wholeNanoseconds
        if ns <= 0 { return 0 }
        return ns / 1_000_000 + (ns % 1_000_000 == 0 ? 0 : 1)
    }

    /// The compact form operators read in messages: `500ms`, `5s`, `1.5s`, `2m`, `1m30s`.
    var compactDescription: String {
        let ms = wholeNanoseconds / 1_000_000
        if ms < 1000 { return "\(ms)ms" }
        if ms < 60_000 {
            if ms % 1000 == 0 { return "\(ms / 1000)s" }
            let tenths = (ms + 50) / 100
            if ms < 10_000 { return tenths % 10 == 0 ? "\(tenths / 10)s" : "\(tenths / 10).\(tenths % 10)s" }
            return "\((ms + 500) / 1000)s"
        }
        let seconds = (ms + 500) / 1000
        let units: [(String, Int64)] = [("h", 3600), ("m", 60), ("s", 1)]
        var remaining = seconds
        var parts = ""
        var shown = 0
        for (name, size) in units where remaining >= size && shown < 2 {
            parts += "\(remaining / size)\(name)"
            remaining %= size
            shown += 1
        }
        return parts
    }
}

/// A byte count for messages: `512 bytes`, `64 KiB`, `1 MiB`, `1.5 GiB`.
func formatByteCount(_ count: Int) -> String {
    let units: [(String, Int)] = [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)]
    for (name, size) in units where count >= size {
        let tenths = (count * 10 + size / 2) / size
        return tenths % 10 == 0 ? "\(tenths / 10) \(name)" : "\(tenths / 10).\(tenths % 10) \(name)"
    }
    return count == 1 ? "1 byte" : "\(count) bytes"
}
