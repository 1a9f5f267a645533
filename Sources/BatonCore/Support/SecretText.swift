/// A config string that may carry secrets.
///
/// Every `${env:…}`, `${file:…}` and `${cred:…}` reference is replaced by its value in
/// ``revealed`` and by `***` in ``redacted``; only ``revealed`` is ever sent on the wire,
/// only ``redacted`` is ever logged or shown.
public struct SecretText: Sendable, Hashable, CustomStringConvertible {
    /// The value with every reference resolved: for the wire only.
    public var revealed: String
    /// The value with every reference shown as `***`: safe to log and print.
    public var redacted: String

    public init(revealed: String, redacted: String) {
        self.revealed = revealed
        self.redacted = redacted
    }

    /// A literal that holds no reference.
    public init(literal: String) {
        self.revealed = literal
        self.redacted = literal
    }

    /// True when at least one reference was resolved into this value.
    public var containsSecret: Bool { revealed != redacted }

    public var description: String { redacted }
}

/// Printed inside other values (`print(auth)`, `"\(check)"`, a failed test's expectation),
/// a secret shows only its redacted form: reflection would otherwise list ``revealed``.
extension SecretText: CustomDebugStringConvertible, CustomReflectable {
    public var debugDescription: String { "SecretText(\(JSONValue.quoted(redacted)))" }
    public var customMirror: Mirror { Mirror(self, children: ["redacted": redacted]) }
}
