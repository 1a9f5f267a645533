/// Text from config files, endpoints and other users made safe to print on a terminal.
///
/// Names, reasons and notes are user input. Printed as they are, a C0 or C1 control
/// (ESC, CSI) can move the cursor, recolour or retitle the terminal, and a bidirectional
/// override can make one integration's name display as another's (`\u{202E}` reverses
/// what follows). Each such code point is shown as a visible escape instead, `\u{202E}`,
/// so an operator sees that something odd is in the name. JSON output is not passed
/// through here: it must stay exact.
public enum TerminalText {
    /// `text` with every unsafe code point (see ``isUnsafe(_:)``) written as `\u{XX}`;
    /// tab, line feed and carriage return as `\t`, `\n` and `\r`. Returns `text` itself
    /// when there is nothing to escape, which is almost always.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            guard isUnsafe(scalar) else {
                result.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\t": result += "\\t"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            default: result += "\\u{" + hex(scalar.value) + "}"
            }
        }
        return result
    }

    /// Whether a code point must not reach a terminal as it is: C0 controls, DEL, C1
    /// controls, the bidirectional embeddings, overrides, isolates and marks (U+202A–U+202E,
    /// U+2066–U+2069, U+200E, U+200F, U+061C), the line and paragraph separators, and the
    /// invisible zero-width space and byte order mark, which make two names look the same.
    ///
    /// Zero-width joiners stay: emoji sequences need them, and they cannot reorder text.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: true
        case 0x2028, 0x2029, 0x200B, 0xFEFF: true
        default: false
        }
    }

    /// Upper-case hex with at least two digits: `1B`, `202E`.
    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return digits.count < 2 ? "0" + digits : digits
    }
}
