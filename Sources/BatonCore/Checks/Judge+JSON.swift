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
        let pass = { (value: JSONValue) in Finding(level: .pass, text: "\(path) is \(shown(value))") }

        switch condition.test {
        case .equals(let expected):
            guard let found else { return fail("\(path) is missing, expected \(shown(expected))") }
            return found == expected ? pass(found) : fail("\(path) is \(shown(found)), expected \(shown(expected))")

        case .notEquals(let unwanted):
            let expectation = "expected anything but \(shown(unwanted))"
            guard let found else { return fail("\(path) is missing, \(expectation)") }
            return found != unwanted ? pass(found) : fail("\(path) is \(shown(found)), \(expectation)")

        case .lessThan(let limit):
            return compare(found, at: path, "less than", JSONValue.number(limit).description) { $0 < limit }

        case .greaterThan(let limit):
            return compare(found, at: path, "greater than", JSONValue.number(limit).description) { $0 > limit }

        case .exists(true):
            guard let found else { return fail("\(path) is missing") }
            return pass(found)

        case .exists(false):
            guard found == nil else { return fail("\(path) is present, expected it to be absent") }
            return Finding(level: .pass, text: "\(path) is absent")
        }
    }

    /// `less_than` and `greater_than`: only numbers can pass.
    private static func compare(
        _ found: JSONValue?, at path: String, _ relation: String, _ limit: String, _ holds: (Double) -> Bool
    ) -> Finding {
        switch found {
        case nil:
            return fail("\(path) is missing, expected \(relation) \(limit)")
        case .number(let number)?:
            return holds(number)
                ? Finding(level: .pass, text: "\(path) is \(shown(.number(number)))")
                : fail("\(path) is \(shown(.number(number))), expected \(relation) \(limit)")
        case let other?:
            return fail("\(path) is \(shown(other)), expected a number \(relation) \(limit)")
        }
    }

    private static func fail(_ text: String) -> Finding { Finding(level: .fail, text: text) }
}
