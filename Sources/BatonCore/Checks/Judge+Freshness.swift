import struct Foundation.Date

extension Judge {
    /// Timestamps up to this far ahead of the probe count as "now": clocks of sources
    /// and of Baton's host drift by a few seconds, and that is not worth a verdict.
    static let toleratedClockSkew: Double = 10

    /// The freshness finding and the timestamp it read, or `nil` when the rule cannot be
    /// evaluated because the body it reads is not JSON (already a finding of its own).
    static func freshness(
        _ rule: FreshnessRule, answer: HTTPAnswer, document: JSONValue?, observedAt: Date, check: HTTPCheck, target: CheckTarget
    ) -> (finding: Finding, timestamp: Date?)? {
        let label = rule.label
        let fail = { (outcome: FreshnessFinding.Outcome) in
            Finding(level: .fail, reason: .freshness(FreshnessFinding(label: label, outcome: outcome)))
        }
        let timestamp: Date
        switch rule.source {
        case .pointer(let pointer):
            guard let document else { return nil }
            guard let value = pointer.resolve(in: document) else { return (fail(.missing), nil) }
            guard let parsed = Timestamp.parse(value) else {
                return (fail(.unreadable(value: shown(value), expected: .rfc3339OrEpoch)), nil)
            }
            timestamp = parsed
        case .header(let name):
            guard let value = header(name, in: answer.headers) else { return (fail(.headerMissing), nil) }
            guard let parsed = Timestamp.parse(value) else {
                return (fail(.unreadable(value: ReasonText.quoted(value), expected: .httpDate)), nil)
            }
            timestamp = parsed
        case .fileTime:
            return fileTime(rule, answer: answer, check: check, target: target, observedAt: observedAt)
        }
        return (ageFinding(label, age: observedAt.timeIntervalSince(timestamp), rule: rule), timestamp)
    }

    /// Compares the data's age with the rule's thresholds; "more than" is strict.
    static func ageFinding(_ label: String, age: Double, rule: FreshnessRule) -> Finding {
        let finding = { (level: VerdictLevel, outcome: FreshnessFinding.Outcome) in
            Finding(level: level, reason: .freshness(FreshnessFinding(label: label, outcome: outcome)))
        }
        if age < -toleratedClockSkew {
            // Never call future data fresh: a wrong clock would hide a stopped sync forever.
            return finding(.fail, .inFuture(aheadSeconds: DurationText.wholeSeconds(-age)))
        }
        let seconds = DurationText.wholeSeconds(age)
        if age > rule.errorAfter.seconds {
            return finding(.stale, .tooOld(ageSeconds: seconds, limit: .errorAfter(rule.errorAfter)))
        }
        if let warnAfter = rule.warnAfter, age > warnAfter.seconds {
            return finding(.warn, .tooOld(ageSeconds: seconds, limit: .warnAfter(warnAfter)))
        }
        return finding(.pass, .fresh(ageSeconds: seconds))
    }

    /// Header names are case-insensitive; captured names should already be lower case.
    static func header(_ name: String, in headers: [String: String]) -> String? {
        let lowered = name.lowercased()
        if let value = headers[lowered] { return value }
        return headers.first { $0.key.lowercased() == lowered }?.value
    }
}
