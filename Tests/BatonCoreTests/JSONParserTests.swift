import Testing
@testable import BatonCore

/// Valid documents: RFC 8259 grammar, escapes, numbers and the choices the parser makes.
struct JSONParserTests {
    static let valid: [(String, JSONValue)] = [
        ("{}", .object([:])),
        ("[]", .array([])),
        ("null", .null),
        ("true", .bool(true)),
        ("false", .bool(false)),
        ("\"x\"", .string("x")),
        ("42", .number(42)),
        (" \t\r\n{ \"a\" : [ 1 , 2 ] } \n", .object(["a": .array([.number(1), .number(2)])])),
        ("\u{FEFF}{\"a\":1}", .object(["a": .number(1)])),
        ("{\"a\":[1,{\"b\":null}],\"c\":true,\"d\":false}",
         .object(["a": .array([.number(1), .object(["b": .null])]), "c": .bool(true), "d": .bool(false)])),
        ("{\"a\":1,\"a\":2}", .object(["a": .number(2)])),
        ("{\"\":\"\"}", .object(["": .string("")])),
        // Numbers.
        ("0", .number(0)),
        ("-0", .number(-0.0)),
        ("1.5", .number(1.5)),
        ("-1.5e3", .number(-1500)),
        ("1E+2", .number(100)),
        ("1e-2", .number(0.01)),
        ("0.1", .number(0.1)),
        ("12000", .number(12000)),
        ("1795428000123", .number(1_795_428_000_123)),
        ("1e22", .number(1e22)),
        ("1e23", .number(1e23)),
        ("9007199254740993", .number(9_007_199_254_740_992)),
        ("123456789012345678901234567890", .number(1.2345678901234568e29)),
        ("0.30000000000000004", .number(0.30000000000000004)),
        ("1.7976931348623157e308", .number(1.7976931348623157e308)),
        ("5e-324", .number(.leastNonzeroMagnitude)),
        ("1e-400", .number(0)),
        // Strings.
        ("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", .string("\"\\/\u{8}\u{C}\n\r\t")),
        ("\"\\u00e9\\u00C9\"", .string("éÉ")),
        ("\"\\u20AC\"", .string("€")),
        ("\"\\uD83D\\uDE00\"", .string("😀")),
        ("\"\\u0000\"", .string("\u{0}")),
        ("\"a\\u002Fb\"", .string("a/b")),
        ("\"héllo 😀 中文\"", .string("héllo 😀 中文")),
        ("\"prefix é \\n suffix 😀\"", .string("prefix é \n suffix 😀")),
        ("\"\u{7F}\"", .string("\u{7F}")),
    ]

    /// Every valid document parses to exactly the expected value.
    @Test(arguments: valid)
    func parsesValidDocument(text: String, expected: JSONValue) throws {
        #expect(try JSONParser.parse(Array(text.utf8)) == expected)
    }

    /// Negative zero keeps its sign, so `-0` round-trips as a number.
    @Test func negativeZeroKeepsSign() throws {
        let value = try JSONParser.parse(Array("-0".utf8))
        guard case .number(let number) = value else {
            Issue.record("expected a number, got \(value)")
            return
        }
        #expect(number.sign == .minus)
    }

    /// Exactly `maximumDepth` levels of nesting are accepted, arrays and objects alike.
    @Test func acceptsNestingAtTheLimit() throws {
        let depth = JSONParser.maximumDepth
        let arrays = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        _ = try JSONParser.parse(Array(arrays.utf8))
        let objects = String(repeating: "{\"a\":", count: depth) + "1" + String(repeating: "}", count: depth)
        _ = try JSONParser.parse(Array(objects.utf8))
    }

    /// Sibling containers do not add up: depth counts nesting, not the number of containers.
    @Test func depthCountsNestingNotContainers() throws {
        let siblings = "[" + Array(repeating: "[[]]", count: 1000).joined(separator: ",") + "]"
        _ = try JSONParser.parse(Array(siblings.utf8))
    }

    /// Every overload — array, slice, non-contiguous collection, raw buffer — gives the same value.
    @Test func overloadsAgree() throws {
        let text = "{\"status\":\"ok\",\"n\":[1,2.5]}"
        let bytes = Array(text.utf8)
        let expected = try JSONParser.parse(bytes)
        #expect(try JSONParser.parse(bytes[...]) == expected)
        #expect(try JSONParser.parse(text.utf8) == expected)
        #expect(try JSONParser.parse(bytes.lazy.map { $0 }) == expected)
        let fromBuffer = try bytes.withUnsafeBytes { buffer throws(JSONSyntaxError) in try JSONParser.parse(buffer) }
        #expect(fromBuffer == expected)
    }
}
