/// JSON written straight into UTF-8 bytes, byte for byte as ``WireFormat/encoder()`` writes it.
///
/// Foundation's encoder builds a tree of boxed values and sorts every object's keys; for the
/// status answer at 10,000 integrations that is most of the answer's time. Callers write the
/// keys themselves, in the sorted order (UTF-8 byte order) the encoder would use.
///
/// The rules followed: `"` and `\` are escaped, `/` is not (`.withoutEscapingSlashes`), the
/// control characters U+0008, U+000C, U+000A, U+000D and U+0009 take their short forms and the
/// rest below U+0020 are `\u00xx` in lower-case hex; everything else is copied as UTF-8.
/// Integers are their decimal digits; a `Double` is its `description` without a trailing `.0`.
public struct WireJSON: Sendable {
    /// A `Double` JSON cannot hold (NaN or an infinity): Foundation's encoder refuses it too.
    public struct NonConformingNumber: Error, Sendable {
        public var value: Double
    }

    public private(set) var bytes: [UInt8] = []

    public init(reservingCapacity capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// Hands the bytes written so far to `take` (which copies them into what it sends), all but
    /// the last one: whether a comma is due before the next value depends on it (``separate()``).
    /// The buffer then keeps only that byte and its capacity, so an answer of megabytes is written
    /// through one buffer of a piece's size.
    public mutating func takeWritten<Piece>(_ take: (ArraySlice<UInt8>) -> Piece) -> Piece {
        let piece = take(bytes.dropLast())
        if let last = bytes.last {
            bytes.removeAll(keepingCapacity: true)
            bytes.append(last)
        }
        return piece
    }

    /// The array elements written since `openArray()`, the first thing written: a stretch of one
    /// array written apart (on another thread) to be sent after what comes before it.
    public func elements<Piece>(_ take: (ArraySlice<UInt8>) -> Piece) -> Piece {
        take(bytes.dropFirst())
    }

    // MARK: Structure

    public mutating func openObject() { bytes.append(UInt8(ascii: "{")) }
    public mutating func closeObject() { bytes.append(UInt8(ascii: "}")) }
    public mutating func openArray() { bytes.append(UInt8(ascii: "[")) }
    public mutating func closeArray() { bytes.append(UInt8(ascii: "]")) }

    /// Writes `"name":`, after a comma unless it is the object's first key.
    ///
    /// The name must need no escaping (the wire format's keys are plain ASCII).
    public mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    /// Writes `literal` as it is: punctuation and keys together (`,"name":`) where the writer knows
    /// the object's shape, one copy instead of five appends and a look back for the comma.
    public mutating func raw(_ literal: StaticString) {
        literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Writes the comma before an array's element unless it is the first.
    public mutating func element() { separate() }

    /// A comma is due unless the last byte opened the container: no value ends in `{` or `[`.
    mutating func separate() {
        guard let last = bytes.last, last != UInt8(ascii: "{"), last != UInt8(ascii: "[") else { return }
        bytes.append(UInt8(ascii: ","))
    }

    // MARK: Values

    public mutating func null() { bytes.append(contentsOf: Self.nullBytes) }

    public mutating func bool(_ value: Bool) { bytes.append(contentsOf: value ? Self.trueBytes : Self.falseBytes) }

    public mutating func int(_ value: Int) {
        // A short string's digits live inline: no allocation.
        bytes.append(contentsOf: String(value).utf8)
    }

    /// A `Double` as Foundation writes it: `99.5`, `100`, `-0`, `1e+20`.
    public mutating func double(_ value: Double) throws(NonConformingNumber) {
        guard value.isFinite else { throw NonConformingNumber(value: value) }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    /// `count` bytes that need no escaping, written by `fill` in place, between quotes.
    mutating func appendQuoted(count: Int, _ fill: (UnsafeMutableBufferPointer<UInt8>) -> Void) {
        bytes.append(UInt8(ascii: "\""))
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: count))
        bytes.withUnsafeMutableBufferPointer { fill(UnsafeMutableBufferPointer(rebasing: $0[start..<(start + count)])) }
        bytes.append(UInt8(ascii: "\""))
    }

    public mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        // A native string lends its UTF-8 without a copy; a bridged one is copied first.
        if value.utf8.withContiguousStorageIfAvailable({ append(escaping: $0) }) == nil {
            var copy = value
            copy.withUTF8 { append(escaping: $0) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func append(escaping utf8: UnsafeBufferPointer<UInt8>) {
        var mark = 0
        for index in utf8.indices {
            let byte = utf8[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            if mark < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[mark..<index])) }
            mark = index + 1
            escape(byte)
        }
        if mark < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[mark...])) }
    }

    public mutating func string(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    public mutating func int(_ value: Int?) {
        if let value { int(value) } else { null() }
    }

    public mutating func strings(_ values: [String]) {
        openArray()
        for value in values {
            element()
            string(value)
        }
        closeArray()
    }

    mutating func escape(_ byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        default:
            bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
            bytes.append(Self.hexDigits[Int(byte >> 4)])
            bytes.append(Self.hexDigits[Int(byte & 0x0F)])
        }
    }

    static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
    static let nullBytes: [UInt8] = Array("null".utf8)
    static let trueBytes: [UInt8] = Array("true".utf8)
    static let falseBytes: [UInt8] = Array("false".utf8)
}
