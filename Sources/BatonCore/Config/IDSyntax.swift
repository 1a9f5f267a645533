/// The shapes of ids.
enum IDSyntax {
    /// Integration ids: `^[a-z0-9-]+$`, as SPEC.md fixes (they appear in URLs and commands).
    static func isValidIntegrationID(_ id: String) -> Bool {
        !id.isEmpty && id.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }
    }

    /// Team, channel and policy ids: letters, digits, `-`, `_`, `.`.
    static func isValidName(_ id: String) -> Bool {
        !id.isEmpty && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }
    }
}
