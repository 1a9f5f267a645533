/// Reads percentages such as `99.5%`.
enum PercentageParser {
    /// How an expected percentage is described in errors.
    static let expectation = "a percentage like 99.5%"

    /// The number before `%`, or `nil` when `text` is not a percentage. The `%` is required:
    /// a bare `0.995` or `99.5` is ambiguous, and the SLA is the number that matters most.
    static func parse(_ text: String) -> Double? {
        guard text.hasSuffix("%") else { return nil }
        let number = text.dropLast()
        guard !number.isEmpty, number.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
              number.first != ".", number.last != "." else { return nil }
        return Double(number)
    }
}
