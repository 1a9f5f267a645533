import struct Foundation.Date

extension Judge {
    /// Timestamps up to this far ahead of the probe count as "now": clocks of sources
    /// and of Baton's host drift by a few seconds, and that is not worth a verdict.
    static let toleratedClockSkew: Double = 10

    /// The freshness finding and the timestamp it read, or `nil` when the rule cannot be
    /// evaluated because the body it reads is not JSON (already a finding of its own).
    static func freshness(
        _ rule: FreshnessRule, answer: HTTPAnswer, document: JSONValue?, observedAt: Date
    ) -> (finding: Finding, timestamp: Date?)? {
        let label = rule.label
        let timestamp: Date
        switch rule.source {
        case .pointer(let pointer):
            guard let document else { return nil }
            guard let value = pointer.resolve(in: document) else {
                return (fail("\(label) is missing"), nil)
            }
            guard let parsed = Timestamp.parse(value) else {
                return (fail("\(label) \(shown(value)) is not a timestamp (expected RFC 3339 or Unix epoch)"), nil)
            }
            timestamp = parsed
        case .header(let name):
            guard let value = header(name, in: answer.headers) else {
                return (fail("\(label) header is missing"), nil)
            }
            guard let parsed = Timestamp.parse(value) else {
                return (fail("\(label) \(truncated(JSONValue.quoted(value))) is not a timestamp (expected an HTTP date)"), nil)
            }
            timestamp = parsed
        }
        return (ageFinding(label, age: observedAt.timeIntervalSince(timestamp), rule: rule), timestamp)
    }

    /// Compares the data's age with the rule's thresholds; "more than" is strict.
    private static func ageFinding(_ label: String, age: Double, rule: FreshnessRule) -> Finding {
        if age < -toleratedClockSkew {
            // Never call future data fresh: a wrong clock would hide a stopped sync forever.
            return fail("\(label) is \(Self.age(-age)) in the future (check the clock of the source)")
        }
        let age = max(age, 0)
        if age > rule.errorAfter.seconds {
            return Finding(level: .stale, text: "\(label) \(Self.age(age, beyond: rule.errorAfter)) old (error after \(rule.errorAfter.compact))")
        }
        if let warnAfter = rule.warnAfter, age > warnAfter.seconds {
            return Finding(level: .warn, text: "\(label) \(Self.age(age, beyond: warnAfter)) old (warn after \(warnAfter.compact))")
        }
        return Finding(level: .pass, text: "\(label) \(Self.age(age)) old")
    }

    /// Header names are case-insensitive; captured names should already be lower case.
    private static func header(_ name: String, in headers: [String: String]) -> String? {
        let lowered = name.lowercased()
        if let value = headers[lowered] { return value }
        return headers.first { $0.key.lowercased() == lowered }?.value
    }

    private static func fail(_ text: String) -> Finding { Finding(level: .fail, text: text) }
}
