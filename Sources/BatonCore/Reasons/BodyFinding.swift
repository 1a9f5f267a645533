/// What the answer's body held, for `body_contains` and for rules that read it as JSON.
public enum BodyFinding: Sendable, Hashable, Codable {
    /// `body contains "ok"`.
    case contains(needle: String)
    /// `body does not contain "ok"`.
    case lacks(needle: String)
    /// `body is not JSON: unexpected "<" at byte 1`, with the parser's message.
    case notJSON(parserError: String)

    public var compact: String {
        switch self {
        case .contains(let needle): "body contains \(ReasonText.quoted(needle))"
        case .lacks(let needle): "body does not contain \(ReasonText.quoted(needle))"
        case .notJSON(let error): "body is not JSON: \(error)"
        }
    }
}
