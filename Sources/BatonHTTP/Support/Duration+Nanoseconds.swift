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
}
