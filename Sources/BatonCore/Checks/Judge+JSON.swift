extension Judge {
    /// One JSON Pointer condition on the parsed body.
    ///
    /// Equality is type-strict (`"1"` is not `1`, `true` is not `"true"`) except that
    /// numbers compare numerically (`1` equals `1.0`): ``JSONValue``'s own equality.
    /// A missing value fails every test except `exists: false`, because a condition on a
    /// field presumes the field is there; `null` counts as present.
    static func evaluate(_ condition: JSONCondition, in document: JSONValue) -> Finding {
        let path = condition.pointer.raw.isEmpty ? "body" : condition.pointer.raw
        let found = condition.pointer.resolve(in: document)
        let finding = { (level: VerdictLevel, outcome: JSONFinding.Outcome) in
            Finding(level: level, reason: .json(JSONFinding(path: path, outcome: outcome)))
        }
        let pass = { (value: JSONValue) in finding(.pass, .holds(value: shown(value))) }

        switch condition.test {
        case .equals(let expected):
            let expectation = JSONExpectation.equals(shown(expected))
            guard let found else { return finding(.fail, .missing(expected: expectation)) }
            return found == expected ? pass(found) : finding(.fail, .mismatch(actual: shown(found), expected: expectation))

        case .notEquals(let unwanted):
            let expectation = JSONExpectation.notEquals(shown(unwanted))
            guard let found else { return finding(.fail, .missing(expected: expectation)) }
            return found != unwanted ? pass(found) : finding(.fail, .mismatch(actual: shown(found), expected: expectation))

        case .lessThan(let limit):
            let text = JSONValue.number(limit).description
            return compare(found, .lessThan(text), orNumber: .numberLessThan(text), finding) { $0 < limit }

        case .greaterThan(let limit):
            let text = JSONValue.number(limit).description
            return compare(found, .greaterThan(text), orNumber: .numberGreaterThan(text), finding) { $0 > limit }

        case .exists(true):
            guard let found else { return finding(.fail, .missing(expected: nil)) }
            return pass(found)

        case .exists(false):
            guard found == nil else { return finding(.fail, .present) }
            return finding(.pass, .absent)
        }
    }

    /// `less_than` and `greater_than`: only numbers can pass.
    private static func compare(
        _ found: JSONValue?, _ expectation: JSONExpectation, orNumber numberExpectation: JSONExpectation,
        _ finding: (VerdictLevel, JSONFinding.Outcome) -> Finding, _ holds: (Double) -> Bool
    ) -> Finding {
        switch found {
        case nil:
            return finding(.fail, .missing(expected: expectation))
        case .number(let number)?:
            let shown = shown(.number(number))
            return holds(number) ? finding(.pass, .holds(value: shown)) : finding(.fail, .mismatch(actual: shown, expected: expectation))
        case let other?:
            return finding(.fail, .mismatch(actual: shown(other), expected: numberExpectation))
        }
    }
}
