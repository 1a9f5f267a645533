/// A forward reader over the bytes of a short text such as a timestamp.
///
/// Every read either consumes what it matched or leaves the cursor where it was and
/// returns `nil`/`false`, so format parsers read as their grammar.
struct ByteCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var isAtEnd: Bool { index >= bytes.count }

    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    /// Consumes `byte` when it is next.
    mutating func take(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    /// Consumes the next byte when it is one of `choices`, and returns it.
    mutating func take(oneOf choices: UInt8...) -> UInt8? {
        guard index < bytes.count, choices.contains(bytes[index]) else { return nil }
        index += 1
        return bytes[index - 1]
    }

    /// Consumes between `minimum` and `maximum` decimal digits and returns their value.
    ///
    /// At most 18 digits are read, so the value always fits an `Int`.
    mutating func number(digits minimum: Int, _ maximum: Int? = nil) -> Int? {
        let limit = min(maximum ?? minimum, 18)
        var value = 0
        var count = 0
        while count < limit, index + count < bytes.count, ASCII.isDigit(bytes[index + count]) {
            value = value * 10 + Int(bytes[index + count] - ASCII.zero)
            count += 1
        }
        guard count >= minimum else { return nil }
        index += count
        return value
    }

    /// Consumes one or more spaces.
    mutating func spaces() -> Bool {
        let start = index
        while index < bytes.count, bytes[index] == ASCII.space { index += 1 }
        return index > start
    }

    /// Consumes a run of ASCII letters and returns the position of the name it spells in
    /// `names` (compared case-insensitively), or `nil`.
    mutating func name(in names: [[UInt8]]) -> Int? {
        var end = index
        while end < bytes.count, ASCII.isLetter(bytes[end]) { end += 1 }
        let length = end - index
        for (position, name) in names.enumerated() where name.count == length {
            var matches = true
            for offset in 0..<length where ASCII.lowercased(bytes[index + offset]) != name[offset] {
                matches = false
                break
            }
            if matches {
                index = end
                return position
            }
        }
        return nil
    }
}
