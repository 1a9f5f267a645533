import Synchronization

/// When each service loop last turned: the outbound heartbeat is sent only while all of them do.
final class Liveness: Sendable {
    private let beats = Mutex<[String: ContinuousClock.Instant]>([:])

    /// `name`'s loop turned now.
    func beat(_ name: String) {
        let now = ContinuousClock.now
        beats.withLock { $0[name] = now }
    }

    /// The loops that have not turned within `limit`, by name.
    func stalled(longerThan limit: Duration) -> [String] {
        let now = ContinuousClock.now
        return beats.withLock { beats in beats.filter { now - $0.value > limit }.map(\.key).sorted() }
    }
}
