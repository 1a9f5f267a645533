import BatonCore

extension PlainReason {
    /// `status is "error" instead of "ok"`, `status must not be "down"`, `status is missing; expected "ok"`.
    ///
    /// The field is the pointer without its leading `/` (`jobs/0/state`); the whole document is `the body`.
    static func words(_ finding: JSONFinding) -> String {
        let field = finding.path.hasPrefix("/") ? String(finding.path.dropFirst()) : "the body"
        let named = field.isEmpty ? "the body" : field
        switch finding.outcome {
        case .holds(let value): return "\(named) is \(value)"
        case .absent: return "\(named) is absent"
        case .missing(nil): return "\(named) is missing"
        case .missing(let expected?): return "\(named) is missing; expected \(expected.compact)"
        case .mismatch(_, .notEquals(let unwanted)): return "\(named) must not be \(unwanted)"
        case .mismatch(let actual, let expected): return "\(named) is \(actual) instead of \(expected.compact)"
        case .present: return "\(named) is present but should be absent"
        }
    }
}
