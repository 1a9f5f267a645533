/// A JSON object member name, compared by its Unicode code points.
///
/// RFC 8259 §8.3 compares names code unit by code unit, and RFC 6901 §4 matches pointer
/// tokens the same way, without normalisation. Swift's `String ==` uses canonical
/// equivalence instead, so `"é"` (U+00E9) and `"e"` + U+0301 would be one key: two members
/// of a hostile body could merge, and a pointer could select a member it does not name.
/// Comparing the UTF-8 bytes is the same as comparing code points, and no slower.
public struct JSONKey: Sendable, Hashable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The name as written, unescaped.
    public let text: String

    public init(_ text: String) {
        self.text = text
    }

    public init(stringLiteral text: String) {
        self.text = text
    }

    public static func == (lhs: JSONKey, rhs: JSONKey) -> Bool {
        JSONKey.sameCodePoints(lhs.text, rhs.text)
    }

    public func hash(into hasher: inout Hasher) {
        // `withUTF8` only copies a string that is not already contiguous UTF-8 (never one the parser made).
        var bytes = text
        bytes.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        hasher.combine(text.utf8.count)
    }

    /// Code point order, which is the UTF-8 byte order.
    public static func < (lhs: JSONKey, rhs: JSONKey) -> Bool {
        lhs.text.utf8.lexicographicallyPrecedes(rhs.text.utf8)
    }

    public var description: String { text }

    /// Whether two strings hold the same code points (`String ==` would also accept canonical equivalents).
    @inlinable
    public static func sameCodePoints(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.count == rhs.utf8.count && lhs.utf8.elementsEqual(rhs.utf8)
    }
}
