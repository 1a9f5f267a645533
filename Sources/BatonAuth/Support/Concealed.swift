/// A secret string (a token, a client secret, an assertion) that never shows itself.
///
/// `description`, `debugDescription` and reflection (`dump`) all print `***`; only
/// ``revealed`` gives the value, for the wire.
struct Concealed: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    let revealed: String

    init(_ revealed: String) {
        self.revealed = revealed
    }

    var description: String { "***" }
    var debugDescription: String { "***" }
    var customMirror: Mirror { Mirror(self, children: []) }

    /// Byte equality: tokens are protocol values, not text to normalise.
    func matches(_ other: Concealed) -> Bool {
        revealed.utf8.elementsEqual(other.revealed.utf8)
    }
}
