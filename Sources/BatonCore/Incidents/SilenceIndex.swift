import Foundation

/// What silences which integration at one moment: the active maintenance windows and silences.
///
/// Built once per tick: every maintenance window's cron schedule is evaluated once for
/// `time`, so asking for each integration afterwards only runs the matchers.
public struct SilenceIndex: Sendable {
    /// An active window or silence: whom it covers, and the verdict it gives them.
    private struct Cover: Sendable {
        var matcher: IntegrationMatcher
        var verdict: SilenceVerdict
    }

    /// Maintenance windows first, then silences, each in the order given.
    private let covers: [Cover]

    /// Evaluates the windows and silences in force at `time`.
    ///
    /// A maintenance window is active when its schedule fired at `f` with
    /// `f <= time < f + duration`, on the wall clock of the window's `timezone`, else of
    /// `defaultTimeZone`; a silence when ``Silence/isActive(at:)`` says so.
    ///
    /// - Parameters:
    ///   - silences: Ad-hoc silences, including ended or removed ones (they are skipped).
    ///   - maintenance: The config's maintenance windows.
    ///   - time: The moment to evaluate.
    ///   - defaultTimeZone: The server's zone, for windows without a `timezone`.
    public init(silences: [Silence], maintenance: [MaintenanceWindow], at time: Date, defaultTimeZone: TimeZone = .current) {
        let windows = maintenance.compactMap { window -> Cover? in
            guard let end = window.activeEnd(at: time, defaultTimeZone: defaultTimeZone) else { return nil }
            return Cover(matcher: window.match, verdict: SilenceVerdict(description: "maintenance: \(window.reason)", until: end))
        }
        let adHoc = silences.filter { $0.isActive(at: time) }.map { silence in
            Cover(
                matcher: silence.matcher,
                verdict: SilenceVerdict(description: "silence #\(silence.id) by \(silence.createdBy): \(silence.reason)", until: silence.endsAt)
            )
        }
        covers = windows + adHoc
    }

    /// What silences `integration` now, or `nil`; of several, the one ending last (the first of equals).
    public func verdict(for integration: Integration) -> SilenceVerdict? {
        var best: SilenceVerdict?
        for cover in covers where cover.matcher.matches(integration) {
            if let current = best, current.until >= cover.verdict.until { continue }
            best = cover.verdict
        }
        return best
    }

    /// True when nothing is silenced: the daemon can skip asking.
    public var isEmpty: Bool { covers.isEmpty }
}
