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
                guard key.elementsEqual("integrations".utf8) else { return scanner.value(depth: 1) }
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
                    guard key.elementsEqual("state".utf8) else { return scanner.value(depth: 3) }
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
            // memchr finds the next quote far faster than a loop over the bytes; a quote after
            // an odd number of backslashes is part of the string.
            while let quote = find(UInt8(ascii: "\""), from: index) {
                var backslashes = 0
                while quote - backslashes > start, bytes[quote - backslashes - 1] == UInt8(ascii: "\\") { backslashes += 1 }
                escaped = escaped || backslashes > 0 || find(UInt8(ascii: "\\"), from: index, before: quote) != nil
                index = quote + 1
                if backslashes.isMultiple(of: 2) {
                    return (UnsafeBufferPointer(rebasing: bytes[start..<quote]), escaped)
                }
            }
            return nil
        }

        /// The index of the first `byte` at or after `from` and before `before` (the end by default).
        func find(_ byte: UInt8, from: Int, before: Int? = nil) -> Int? {
            let end = before ?? bytes.count
            guard from < end, let base = bytes.baseAddress, let found = memchr(base + from, Int32(byte), end - from) else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
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
