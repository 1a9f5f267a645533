import Foundation

extension MaintenanceWindow {
    /// When the window that covers `time` ends, or `nil` when the window is not active at `time`.
    ///
    /// The window is active when its schedule fired at some `f` with `f <= time < f + duration`.
    /// The earliest such `f` is the first firing strictly after `time - duration`, read on the
    /// wall clock of `timezone` (else `defaultTimeZone`), so daylight saving time behaves as
    /// ``CronSchedule/nextFire(after:in:)`` documents: a window at a skipped time opens at the
    /// end of the gap; one at a repeated time opens at its first occurrence, once.
    ///
    /// When firings overlap (a window longer than its period) the window lasts until the last
    /// firing at or before `time` plus `duration`; at most `overlapLimit` later firings are
    /// looked at, which only bounds how far ahead the reported end can reach.
    func activeEnd(at time: Date, defaultTimeZone: TimeZone, overlapLimit: Int = 64) -> Date? {
        guard duration > .zero else { return nil }
        let zone = timezone.flatMap(TimeZone.init(identifier:)) ?? defaultTimeZone
        guard var fired = cron.nextFire(after: time.adding(.zero - duration), in: zone), fired <= time else { return nil }
        for _ in 0..<overlapLimit {
            guard let next = cron.nextFire(after: fired, in: zone), next <= time else { break }
            fired = next
        }
        return fired.adding(duration)
    }
}
