import struct Foundation.Date

extension Date {
    /// This instant moved by a ``Duration`` (negative moves back).
    func adding(_ duration: Duration) -> Date {
        addingTimeInterval(duration.seconds)
    }

    /// Whole seconds from `start` to this instant, never negative: how long an incident lasted.
    ///
    /// Saturates rather than traps for instants far apart (a corrupt or hostile stored time).
    func wholeSeconds(since start: Date) -> Int {
        max(0, Int(saturating: timeIntervalSince(start).rounded(.down)))
    }
}
