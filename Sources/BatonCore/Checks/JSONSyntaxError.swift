/// Why a response body is not a JSON document, and where: `unexpected "<" at byte 1`.
///
/// Positions are counted from 1 in ``description`` (as `cmp` and editors count), so an
/// operator can find the byte in the saved body; ``offset`` is the zero-based index.
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Zero-based index of the byte where the problem was found.
    public var offset: Int
    /// What is wrong, without the position: `unexpected "<"`, `unterminated string`.
    public var message: String
    /// False for problems of the whole document (empty, too deep), where a position adds nothing.
    var showsPosition: Bool

    init(_ message: String, at offset: Int, showsPosition: Bool = true) {
        self.offset = offset
        self.message = message
        self.showsPosition = showsPosition
    }

    public var description: String {
        showsPosition ? "\(message) at byte \(offset + 1)" : message
    }
}

extension JSONSyntaxError {
    static func unexpected(_ byte: UInt8, at offset: Int) -> JSONSyntaxError {
        JSONSyntaxError("unexpected \(shown(byte))", at: offset)
    }

    static func unexpectedEnd(at offset: Int) -> JSONSyntaxError {
        JSONSyntaxError("unexpected end of input", at: offset)
    }

    static func trailing(_ byte: UInt8, at offset: Int) -> JSONSyntaxError {
        JSONSyntaxError("unexpected \(shown(byte)) after the JSON value", at: offset)
    }

    static func unterminatedString(at offset: Int) -> JSONSyntaxError {
        JSONSyntaxError("unterminated string", at: offset)
    }

    static func tooDeep(limit: Int, at offset: Int) -> JSONSyntaxError {
        JSONSyntaxError("nesting deeper than \(limit) levels", at: offset, showsPosition: false)
    }

    static func emptyDocument() -> JSONSyntaxError {
        JSONSyntaxError("empty document", at: 0, showsPosition: false)
    }

    /// A byte as an operator can read it: `"<"` when printable ASCII, `0xC3` otherwise.
    static func shown(_ byte: UInt8) -> String {
        if byte >= 0x20 && byte < 0x7F {
            return JSONValue.quoted(String(UnicodeScalar(byte)))
        }
        return hex(byte)
    }

    static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return "0x" + (digits.count == 1 ? "0" + digits : digits)
    }
}
