/// The status code an endpoint answered: `HTTP 200`, `HTTP 503`, `HTTP 404 (expected 200)`.
public struct HTTPStatusFinding: Sendable, Hashable, Codable {
    public var code: Int
    /// The accepted codes, named only when `code` is not among them; empty otherwise (and
    /// when any 2xx was acceptable).
    public var expected: [Int]

    public init(code: Int, expected: [Int] = []) {
        self.code = code
        self.expected = expected
    }

    public var compact: String {
        guard !expected.isEmpty else { return "HTTP \(code)" }
        return "HTTP \(code) (expected \(ReasonText.alternatives(expected.map(String.init))))"
    }
}
