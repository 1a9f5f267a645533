extension Judge {
    /// `slow: 2.4s (max 2s)` when the answer took longer than allowed: degraded, not down.
    static func latencyFinding(_ latency: Duration, maximum: Duration) -> Finding {
        latency > maximum
            ? Finding(level: .warn, text: "slow: \(latency.compact) (max \(maximum.compact))")
            : Finding(level: .pass, text: "answered in \(latency.compact) (max \(maximum.compact))")
    }
}
