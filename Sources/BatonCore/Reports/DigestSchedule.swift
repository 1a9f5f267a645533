import Foundation

/// When each configured digest is due: at its cron's firings, in its time zone.
///
/// A firing missed while the daemon was down is not made up: a digest summarises "since the
/// last digest", and the next one covers the gap (its window starts at the previous firing).
public struct DigestSchedule: Sendable {
    public struct Due: Sendable, Equatable {
        /// Index of the digest in the config.
        public var index: Int
        /// The firing that made it due.
        public var firedAt: Date
        /// What it summarises: from the previous firing (or `since` before now) to the firing.
        public var window: DateInterval

        public init(index: Int, firedAt: Date, window: DateInterval) {
            self.index = index
            self.firedAt = firedAt
            self.window = window
        }
    }

    private let digests: [Digest]
    private let defaultTimeZone: TimeZone
    /// The next firing per digest.
    private var next: [Date?]

    public init(digests: [Digest], from start: Date, defaultTimeZone: TimeZone = .current) {
        self.digests = digests
        self.defaultTimeZone = defaultTimeZone
        next = digests.map { $0.cron.nextFire(after: start, in: $0.timezone.flatMap(TimeZone.init(identifier:)) ?? defaultTimeZone) }
    }

    /// The digests due at `now`, each once; advances past `now`.
    public mutating func due(at now: Date) -> [Due] {
        var result: [Due] = []
        for (index, digest) in digests.enumerated() {
            guard let fire = next[index], fire <= now else { continue }
            let zone = digest.timezone.flatMap(TimeZone.init(identifier:)) ?? defaultTimeZone
            result.append(Due(index: index, firedAt: fire, window: DateInterval(start: fire.addingTimeInterval(-digest.since.seconds), end: fire)))
            // Skip firings that passed meanwhile: one digest, not a burst.
            var following = digest.cron.nextFire(after: fire, in: zone)
            while let candidate = following, candidate <= now {
                following = digest.cron.nextFire(after: candidate, in: zone)
            }
            next[index] = following
        }
        return result
    }

    /// The earliest next firing, to know how long nothing is due.
    public var nextFiring: Date? { next.compactMap { $0 }.min() }
}
