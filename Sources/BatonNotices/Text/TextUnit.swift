/// How a service counts the length of a text.
///
/// When a service says "characters" without saying which, count UTF-16 code units: a
/// text within the limit in UTF-16 is within it in Unicode scalars and grapheme clusters too.
enum TextUnit: Sendable {
    /// User-perceived characters (grapheme clusters).
    case characters
    /// UTF-16 code units, as JavaScript's `length` counts.
    case utf16
    /// Unicode scalars: Go's runes.
    case scalars
    /// UTF-8 bytes.
    case utf8

    func count(_ text: some StringProtocol) -> Int {
        switch self {
        case .characters: text.count
        case .utf16: text.utf16.count
        case .scalars: text.unicodeScalars.count
        case .utf8: text.utf8.count
        }
    }
}
