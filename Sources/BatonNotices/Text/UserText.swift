/// Names, reasons and notes come from config files and endpoints: user input.
///
/// Before any markup sees them they are made inert for layout: line breaks and control
/// characters become spaces (a name cannot start a new line, block or list item), and bidi
/// overrides are dropped (a name cannot reverse the text that follows it).
enum UserText {
    /// One line, trimmed, with runs of spaces collapsed.
    static func line(_ text: String) -> String {
        clean(text, keepingLineBreaks: false)
    }

    /// Several lines (digest details): line breaks kept as `\n`, other controls removed.
    static func lines(_ text: String) -> String {
        clean(text, keepingLineBreaks: true)
    }

    private static func clean(_ text: String, keepingLineBreaks: Bool) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        var pendingBreaks = 0
        for scalar in text.unicodeScalars {
            if isBidiControl(scalar) { continue }
            if isLineBreak(scalar) {
                if keepingLineBreaks { pendingBreaks += scalar == "\r" ? 0 : 1 } else { pendingSpace = true }
                continue
            }
            if isSpaceLike(scalar) {
                pendingSpace = true
                continue
            }
            if !out.isEmpty {
                if pendingBreaks > 0 {
                    out.append(contentsOf: String(repeating: "\n", count: min(pendingBreaks, 2)).unicodeScalars)
                } else if pendingSpace {
                    out.append(" ")
                }
            }
            pendingSpace = false
            pendingBreaks = 0
            out.append(scalar)
        }
        return String(out)
    }

    private static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: true
        default: false
        }
    }

    /// Tabs, other controls and Unicode spaces all read as one space.
    private static func isSpaceLike(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control || scalar.properties.isWhitespace
    }

    /// Embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069).
    private static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }
}
