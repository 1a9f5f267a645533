/// An RFC 6901 JSON Pointer such as `/status` or `/jobs/0/last~1run`.
public struct JSONPointer: Sendable, Hashable, CustomStringConvertible {
    /// The pointer as written.
    public let raw: String
    /// Reference tokens with `~1` and `~0` already unescaped.
    public let tokens: [String]

    /// Why a string is not a JSON Pointer.
    public enum SyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
        case missingLeadingSlash
        case badEscape(String)

        public var description: String {
            switch self {
            case .missingLeadingSlash: "a JSON Pointer starts with \"/\" (for example /status)"
            case .badEscape(let token): "\"~\" must be followed by 0 or 1 in \"\(token)\""
            }
        }
    }

    /// Parses a pointer; the empty string points at the whole document.
    public init(parsing raw: String) throws(SyntaxError) {
        self.raw = raw
        if raw.isEmpty {
            tokens = []
            return
        }
        guard raw.hasPrefix("/") else { throw .missingLeadingSlash }
        // By code point, not by character: a combining mark after `/` or `~` must not hide them.
        var parsed: [String] = []
        for piece in raw.unicodeScalars.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            var token = String.UnicodeScalarView()
            var iterator = piece.makeIterator()
            while let scalar = iterator.next() {
                guard scalar == "~" else {
                    token.append(scalar)
                    continue
                }
                switch iterator.next() {
                case "0": token.append("~")
                case "1": token.append("/")
                default: throw .badEscape(String(String.UnicodeScalarView(piece)))
                }
            }
            parsed.append(String(token))
        }
        tokens = parsed
    }

    /// The value this pointer selects, or `nil` when there is none.
    ///
    /// Member names match by code points (RFC 6901 §4), never by canonical equivalence.
    public func resolve(in document: JSONValue) -> JSONValue? {
        var current = document
        for token in tokens {
            switch current {
            case .object(let members):
                guard let next = members[JSONKey(token)] else { return nil }
                current = next
            case .array(let items):
                // RFC 6901: array indexes are decimal without leading zeros.
                guard let index = Int(token), String(index) == token, index >= 0, index < items.count else { return nil }
                current = items[index]
            default:
                return nil
            }
        }
        return current
    }

    /// The name used in reasons: the last token (`last_sync`), or `body` for the whole document.
    public var label: String { tokens.last ?? "body" }

    public var description: String { raw }
}
