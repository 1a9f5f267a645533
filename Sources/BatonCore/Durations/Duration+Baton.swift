extension Duration {
    /// Whole milliseconds, rounded toward zero; saturates at the range of `Int64`.
    public var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1000)
        if overflow { return seconds < 0 ? .min : .max }
        let (sum, overflowed) = scaled.addingReportingOverflow(attoseconds / 1_000_000_000_000_000)
        if overflowed { return seconds < 0 ? .min : .max }
        return sum
    }

    /// Seconds as a floating-point number.
    public var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    /// The compact form used in config files and reasons: `500ms`, `45s`, `3h12m`, `2d4h`.
    ///
    /// Shows at most the two largest non-zero units, so an age reads at a glance (``DurationText``).
    public var compact: String { DurationText(self).compact }

    /// The same in plain words, for notices: `500 ms`, `45 s`, `3 h 12 min`, `2 d 4 h`.
    public var words: String { DurationText(self).words }
}
