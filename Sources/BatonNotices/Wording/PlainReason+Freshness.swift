import BatonCore

extension PlainReason {
    /// `last sync 3 h 12 min ago; SLA is 2 h`, `… ; warning after 30 min`, `last sync 4 min ago`,
    /// `last sync is 2 h in the future; check the clock of the source`.
    static func words(_ finding: FreshnessFinding) -> String {
        let label = humanised(finding.label)
        switch finding.outcome {
        case .fresh(let age):
            return "\(label) \(DurationText.age(seconds: Double(age)).words) ago"
        case .tooOld(let age, let limit):
            let shown = DurationText.age(seconds: Double(age), beyond: limit.duration).words
            let limitWords = if case .errorAfter = limit { "SLA is" } else { "warning after" }
            return "\(label) \(shown) ago; \(limitWords) \(limit.duration.words)"
        case .inFuture(let ahead):
            return "\(label) is \(DurationText.age(seconds: Double(ahead)).words) in the future; check the clock of the source"
        case .missing, .headerMissing, .unreadable:
            // Already plain, and the label must stay as the config spells it to be found.
            return finding.compact
        }
    }

    /// `last heartbeat 1 d 3 h ago; expected every 1 d, grace 1 h`.
    static func words(_ finding: HeartbeatFinding) -> String {
        switch finding {
        case .notYet:
            return "no heartbeat received yet"
        case .received:
            return "heartbeat received"
        case .lastPing(let age):
            return "last heartbeat \(DurationText.age(seconds: Double(age)).words) ago"
        case .overdue(let age, let expectation):
            let shown = DurationText.age(seconds: Double(age), beyond: expectation.deadline).words
            return "last heartbeat \(shown) ago; \(words(expectation))"
        case .neverReceived(let waited, let expectation):
            return "no heartbeat in \(DurationText.age(seconds: Double(waited)).words); \(words(expectation))"
        }
    }

    /// `expected every 1 d, grace 1 h`.
    private static func words(_ expectation: HeartbeatExpectation) -> String {
        "expected every \(expectation.period.words)" + (expectation.grace > .zero ? ", grace \(expectation.grace.words)" : "")
    }
}
