import Foundation

/// The states of a status answer's integrations, read from its JSON without decoding the rest.
///
/// `baton status --json` prints the daemon's bytes as they are and needs only the states, for its
/// exit code. Decoding the 10,000 ``IntegrationStatus`` of a large answer with `JSONDecoder` costs
/// more than everything else the command does; this walks the bytes once and keeps the states.
public enum StatusStates {
    /// The `state` of each entry of `integrations`, in order.
    ///
    /// `nil` unless the bytes are one JSON object (surrounding white space allowed) whose
    /// `integrations` is an array of objects, each with one `state` that is a string without
    /// escapes: a caller then decodes the answer fully, and reports what is wrong with it.
    public static func scan(_ json: some Sequence<UInt8>) -> [String]? {
        let scanned = json.withContiguousStorageIfAvailable { buffer in
            var scanner = Scanner(bytes: buffer)
            return scanner.answer()
        }
        return scanned ?? scan(Array(json))
    }

    /// A reader of just enough JSON to skip any value: strict about structure, strings and
    /// literals, loose about numbers (any run of digits, signs, points and exponents).
    struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        /// Deeper nesting than any answer has is refused, so no input can exhaust the stack.
        static let maxDepth = 64

        mutating func answer() -> [String]? {
            var states: [String]?
            let complete = object(depth: 0) { scanner, key in
                guard Self.equals(key, "integrations") else { return scanner.value(depth: 1) }
                guard states == nil, let found = scanner.integrations() else { return false }
                states = found
                return true
            }
            skipSpace()
            guard complete, index == bytes.count else { return nil }
            return states
        }

        mutating func integrations() -> [String]? {
            var states: [String] = []
            let complete = array(depth: 1) { scanner in
                var state: String?
                let complete = scanner.object(depth: 2) { scanner, key in
                    guard Self.equals(key, "state") else { return scanner.value(depth: 3) }
                    guard state == nil, scanner.peek() == UInt8(ascii: "\""), let text = scanner.string(), !text.escaped else { return false }
                    state = String(decoding: text.bytes, as: UTF8.self)
                    return true
                }
                guard complete, let state else { return false }
                states.append(state)
                return true
            }
            return complete ? states : nil
        }

        // MARK: Values

        mutating func value(depth: Int) -> Bool {
            guard depth < Self.maxDepth, let first = peek() else { return false }
            switch first {
            case UInt8(ascii: "{"): return object(depth: depth) { scanner, _ in scanner.value(depth: depth + 1) }
            case UInt8(ascii: "["): return array(depth: depth) { scanner in scanner.value(depth: depth + 1) }
            case UInt8(ascii: "\""): return string() != nil
            case UInt8(ascii: "t"): return literal("true")
            case UInt8(ascii: "f"): return literal("false")
            case UInt8(ascii: "n"): return literal("null")
            default: return number()
            }
        }

        /// `{`, then `"key": value` pairs separated by commas, then `}`; `member` reads each value.
        mutating func object(depth: Int, member: (inout Scanner, UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
            guard consume(UInt8(ascii: "{")) else { return false }
            if consume(UInt8(ascii: "}")) { return true }
            repeat {
                guard peek() == UInt8(ascii: "\""), let key = string(), consume(UInt8(ascii: ":")), peek() != nil,
                      member(&self, key.bytes)
                else { return false }
            } while consume(UInt8(ascii: ","))
            return consume(UInt8(ascii: "}"))
        }

        mutating func array(depth: Int, element: (inout Scanner) -> Bool) -> Bool {
            guard consume(UInt8(ascii: "[")) else { return false }
            if consume(UInt8(ascii: "]")) { return true }
            repeat {
                guard peek() != nil, element(&self) else { return false }
            } while consume(UInt8(ascii: ","))
            return consume(UInt8(ascii: "]"))
        }

        /// A string at `index` (after white space): its raw contents between the quotes, and
        /// whether they hold an escape. Control characters inside are not looked for.
        mutating func string() -> (bytes: UnsafeBufferPointer<UInt8>, escaped: Bool)? {
            guard consume(UInt8(ascii: "\"")) else { return nil }
            let start = index
            var escaped = false
            // Eight bytes at a time while none of them is a quote or a backslash (the answer is
            // 3.4 MB at 10,000 integrations), then byte by byte through the eight that hold one.
            if let base = bytes.baseAddress {
                let raw = UnsafeRawPointer(base)
                while index + 8 <= bytes.count, !Self.holdsQuoteOrBackslash(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) {
                    index += 8
                }
            }
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\""):
                    defer { index += 1 }
                    return (UnsafeBufferPointer(rebasing: bytes[start..<index]), escaped)
                case UInt8(ascii: "\\"):
                    // The escaped byte cannot end the string; a backslash at the very end leaves
                    // `index` past the end, and the string unterminated.
                    escaped = true
                    index += 2
                default:
                    index += 1
                }
            }
            return nil
        }

        /// Whether any of the eight bytes of `word` is `"` or `\` (a zero byte of `word ^ pattern`
        /// sets its top bit in `(x - 0x01…) & ~x & 0x80…`; no false negatives, and a false
        /// positive only costs a byte-by-byte look).
        static func holdsQuoteOrBackslash(_ word: UInt64) -> Bool {
            func holdsZeroByte(_ x: UInt64) -> Bool { (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080 != 0 }
            return holdsZeroByte(word ^ 0x2222_2222_2222_2222) || holdsZeroByte(word ^ 0x5C5C_5C5C_5C5C_5C5C)
        }

        /// Whether a key's raw bytes are `name`.
        static func equals(_ key: UnsafeBufferPointer<UInt8>, _ name: StaticString) -> Bool {
            guard key.count == name.utf8CodeUnitCount else { return false }
            guard let base = key.baseAddress else { return key.isEmpty }
            return memcmp(base, name.utf8Start, key.count) == 0
        }

        mutating func number() -> Bool {
            let start = index
            while index < bytes.count, Self.isNumberByte(bytes[index]) { index += 1 }
            return index > start
        }

        static func isNumberByte(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): true
            default: false
            }
        }

        mutating func literal(_ word: StaticString) -> Bool {
            let count = word.utf8CodeUnitCount
            guard bytes.count - index >= count else { return false }
            let matches = word.withUTF8Buffer { $0.elementsEqual(bytes[index..<(index + count)]) }
            if matches { index += count }
            return matches
        }

        // MARK: Bytes

        /// The next byte after white space, not consumed.
        mutating func peek() -> UInt8? {
            skipSpace()
            return index < bytes.count ? bytes[index] : nil
        }

        mutating func consume(_ byte: UInt8) -> Bool {
            guard peek() == byte else { return false }
            index += 1
            return true
        }

        mutating func skipSpace() {
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): index += 1
                default: return
                }
            }
        }
    }
}
