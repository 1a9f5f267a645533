/// One RFC 6901 JSON Pointer condition's outcome: `/status is "error", expected "ok"`.
///
/// Values are kept as the JSON text shown (`"ok"`, `12000`), already cut to fit a line.
public struct JSONFinding: Sendable, Hashable, Codable {
    /// What the pointer found, and how that compares with the condition.
    public enum Outcome: Sendable, Hashable, Codable {
        /// `/status is "ok"`: the condition holds.
        case holds(value: String)
        /// `/error is absent`: `exists: false` holds.
        case absent
        /// `/status is missing`, or `/status is missing, expected "ok"`.
        case missing(expected: JSONExpectation?)
        /// `/status is "error", expected "ok"`.
        case mismatch(actual: String, expected: JSONExpectation)
        /// `/error is present, expected it to be absent`.
        case present
    }

    /// The pointer as configured (`/status`), or `body` for the whole document.
    public var path: String
    public var outcome: Outcome

    public init(path: String, outcome: Outcome) {
        self.path = path
        self.outcome = outcome
    }

    public var compact: String {
        switch outcome {
        case .holds(let value): "\(path) is \(value)"
        case .absent: "\(path) is absent"
        case .missing(nil): "\(path) is missing"
        case .missing(let expected?): "\(path) is missing, expected \(expected.compact)"
        case .mismatch(let actual, let expected): "\(path) is \(actual), expected \(expected.compact)"
        case .present: "\(path) is present, expected it to be absent"
        }
    }
}

/// What a JSON condition asks of a value, as JSON text: `"ok"`, `10000`.
public enum JSONExpectation: Sendable, Hashable, Codable {
    case equals(String)
    case notEquals(String)
    case lessThan(String)
    case greaterThan(String)
    /// `less_than` met by something that is not a number at all.
    case numberLessThan(String)
    case numberGreaterThan(String)

    /// `"ok"`, `anything but "down"`, `less than 10000`, `a number less than 10000`.
    public var compact: String {
        switch self {
        case .equals(let value): value
        case .notEquals(let value): "anything but \(value)"
        case .lessThan(let limit): "less than \(limit)"
        case .greaterThan(let limit): "greater than \(limit)"
        case .numberLessThan(let limit): "a number less than \(limit)"
        case .numberGreaterThan(let limit): "a number greater than \(limit)"
        }
    }
}
