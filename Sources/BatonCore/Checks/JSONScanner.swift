/// The recursive-descent core of ``JSONParser``: values, arrays, objects and literals.
///
/// Strings and numbers live in their own extensions. The scanner reads an unsafe buffer
/// that only lives for the duration of one `JSONParser.parse` call,
/// so it is never stored or returned.
struct JSONScanner {
    let bytes: UnsafeRawBufferPointer
    var index = 0
    private var depth = 0
    private let maximumDepth: Int

    init(_ bytes: UnsafeRawBufferPointer, maximumDepth: Int) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
    }

    mutating func parseDocument() throws(JSONSyntaxError) -> JSONValue {
        // A UTF-8 byte order mark is not JSON, but Windows tools emit one; RFC 8259 §8.1 allows ignoring it.
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        skipWhitespace()
        guard index < bytes.count else { throw .emptyDocument() }
        let value = try parseValue()
        skipWhitespace()
        if index < bytes.count { throw .trailing(bytes[index], at: index) }
        return value
    }

    mutating func parseValue() throws(JSONSyntaxError) -> JSONValue {
        guard index < bytes.count else { throw .unexpectedEnd(at: index) }
        switch bytes[index] {
        case ASCII.openBrace: return try parseObject()
        case ASCII.openBracket: return try parseArray()
        case ASCII.quote: return .string(try parseString())
        case ASCII.t:
            try expectLiteral("true")
            return .bool(true)
        case ASCII.f:
            try expectLiteral("false")
            return .bool(false)
        case ASCII.n:
            try expectLiteral("null")
            return .null
        case ASCII.minus, ASCII.zero...ASCII.nine:
            return .number(try parseNumber())
        case let byte:
            throw .unexpected(byte, at: index)
        }
    }

    private mutating func parseObject() throws(JSONSyntaxError) -> JSONValue {
        try enterContainer()
        index += 1
        var members: [JSONKey: JSONValue] = [:]
        skipWhitespace()
        if index < bytes.count, bytes[index] == ASCII.closeBrace {
            index += 1
            depth -= 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count else { throw .unexpectedEnd(at: index) }
            guard bytes[index] == ASCII.quote else { throw .unexpected(bytes[index], at: index) }
            let key = try parseString()
            skipWhitespace()
            try expect(ASCII.colon)
            skipWhitespace()
            // Keys that differ only in normalisation stay apart (RFC 8259 §8.3).
            members[JSONKey(key)] = try parseValue()
            skipWhitespace()
            guard index < bytes.count else { throw .unexpectedEnd(at: index) }
            switch bytes[index] {
            case ASCII.comma:
                index += 1
            case ASCII.closeBrace:
                index += 1
                depth -= 1
                return .object(members)
            case let byte:
                throw .unexpected(byte, at: index)
            }
        }
    }

    private mutating func parseArray() throws(JSONSyntaxError) -> JSONValue {
        try enterContainer()
        index += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == ASCII.closeBracket {
            index += 1
            depth -= 1
            return .array(items)
        }
        while true {
            skipWhitespace()
            items.append(try parseValue())
            skipWhitespace()
            guard index < bytes.count else { throw .unexpectedEnd(at: index) }
            switch bytes[index] {
            case ASCII.comma:
                index += 1
            case ASCII.closeBracket:
                index += 1
                depth -= 1
                return .array(items)
            case let byte:
                throw .unexpected(byte, at: index)
            }
        }
    }

    /// Counts one more level of nesting, refusing to recurse past the limit.
    private mutating func enterContainer() throws(JSONSyntaxError) {
        depth += 1
        if depth > maximumDepth { throw .tooDeep(limit: maximumDepth, at: index) }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONSyntaxError) {
        let expected = UnsafeRawBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        for byte in expected {
            guard index < bytes.count else { throw .unexpectedEnd(at: index) }
            guard bytes[index] == byte else { throw .unexpected(bytes[index], at: index) }
            index += 1
        }
    }

    private mutating func expect(_ byte: UInt8) throws(JSONSyntaxError) {
        guard index < bytes.count else { throw .unexpectedEnd(at: index) }
        guard bytes[index] == byte else { throw .unexpected(bytes[index], at: index) }
        index += 1
    }

    /// RFC 8259 whitespace only: space, tab, line feed, carriage return.
    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case ASCII.space, ASCII.tab, ASCII.lineFeed, ASCII.carriageReturn: index += 1
            default: return
            }
        }
    }
}
