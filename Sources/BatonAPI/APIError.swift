/// The body of every error answer: `{"error": {"code": "...", "message": "..."}}`.
public struct APIErrorBody: Codable, Sendable, Equatable, Error {
    public struct Detail: Codable, Sendable, Equatable {
        /// Stable, machine-readable: `not_found`, `bad_request`, `unsupported`, `internal`.
        public var code: String
        /// One plain sentence for the operator.
        public var message: String
    }

    public var error: Detail

    public init(code: String, message: String) {
        self.error = Detail(code: code, message: message)
    }
}
