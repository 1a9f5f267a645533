import Testing
@testable import BatonCore

/// Invalid documents: each is rejected with the exact message an operator reads after `body is not JSON: `.
struct JSONParserErrorTests {
    static let invalid: [(String, String)] = [
        ("<html><body>502 Bad Gateway</body></html>", "unexpected \"<\" at byte 1"),
        ("", "empty document"),
        (" \n\t ", "empty document"),
        ("\u{FEFF}", "empty document"),
        ("{\"a\":1}}", "unexpected \"}\" after the JSON value at byte 8"),
        ("{\"a\":1} x", "unexpected \"x\" after the JSON value at byte 9"),
        ("1 2", "unexpected \"2\" after the JSON value at byte 3"),
        ("{\"status\":\"ok\",\"last_sync\":\"2026", "unterminated string at byte 28"),
        ("\"abc\\", "unterminated string at byte 1"),
        ("\"\\u12", "unterminated string at byte 1"),
        ("{\"a\":1,}", "unexpected \"}\" at byte 8"),
        ("[1,]", "unexpected \"]\" at byte 4"),
        ("[1 2]", "unexpected \"2\" at byte 4"),
        ("{a:1}", "unexpected \"a\" at byte 2"),
        ("{\"a\" 1}", "unexpected \"1\" at byte 6"),
        ("{\"a\":}", "unexpected \"}\" at byte 6"),
        ("{\"a\":1\"b\":2}", "unexpected \"\\\"\" at byte 7"),
        ("['a']", "unexpected \"'\" at byte 2"),
        ("[", "unexpected end of input at byte 2"),
        ("{\"a\":1", "unexpected end of input at byte 7"),
        ("{\"a\"", "unexpected end of input at byte 5"),
        ("01", "invalid number (leading zero) at byte 1"),
        ("-01", "invalid number (leading zero) at byte 1"),
        ("-", "unexpected end of input at byte 2"),
        ("-a", "unexpected \"a\" at byte 2"),
        ("1.", "invalid number (expected a digit after \".\") at byte 1"),
        ("1.e5", "invalid number (expected a digit after \".\") at byte 1"),
        ("[1e]", "invalid number (expected a digit in the exponent) at byte 2"),
        ("1e+", "invalid number (expected a digit in the exponent) at byte 1"),
        (".5", "unexpected \".\" at byte 1"),
        ("+1", "unexpected \"+\" at byte 1"),
        ("0x10", "unexpected \"x\" after the JSON value at byte 2"),
        ("1e400", "number out of range at byte 1"),
        ("[-1e999]", "number out of range at byte 2"),
        ("NaN", "unexpected \"N\" at byte 1"),
        ("Infinity", "unexpected \"I\" at byte 1"),
        ("tru", "unexpected end of input at byte 4"),
        ("trUe", "unexpected \"U\" at byte 3"),
        ("nul1", "unexpected \"1\" at byte 4"),
        ("\"\\x\"", "invalid escape \"\\x\" in string at byte 2"),
        ("\"\\U0041\"", "invalid escape \"\\U\" in string at byte 2"),
        ("\"\\u12G4\"", "invalid \\u escape (expected 4 hex digits) in string at byte 2"),
        ("\"\\uD800\"", "unpaired surrogate \\uD800 in string at byte 2"),
        ("\"\\uD800\\u0041\"", "unpaired surrogate \\uD800 in string at byte 2"),
        ("\"ab\\uDC00\"", "unpaired surrogate \\uDC00 in string at byte 4"),
        ("\"a\tb\"", "control character 0x09 in string (must be escaped) at byte 3"),
        ("\"a\nb\"", "control character 0x0A in string (must be escaped) at byte 3"),
        ("{\"a\u{0}\":1}", "control character 0x00 in string (must be escaped) at byte 4"),
        ("[1]\u{0}", "unexpected 0x00 after the JSON value at byte 4"),
        ("é", "unexpected 0xC3 at byte 1"),
    ]

    /// Each invalid document fails with exactly this description.
    @Test(arguments: invalid)
    func rejectsInvalidDocument(text: String, expected: String) {
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(Array(text.utf8)) }
        #expect(description(of: Array(text.utf8)) == expected)
    }

    static let invalidUTF8: [([UInt8], String)] = [
        ([0x22, 0xC3, 0x28, 0x22], "invalid UTF-8 at byte 2"),
        ([0x22, 0xC0, 0xAF, 0x22], "invalid UTF-8 at byte 2"),
        ([0x22, 0xE0, 0x80, 0xAF, 0x22], "invalid UTF-8 at byte 2"),
        ([0x22, 0xED, 0xA0, 0x80, 0x22], "invalid UTF-8 at byte 2"),
        ([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], "invalid UTF-8 at byte 2"),
        ([0x22, 0xF5, 0x80, 0x80, 0x80, 0x22], "invalid UTF-8 at byte 2"),
        ([0x22, 0x61, 0x80, 0x22], "invalid UTF-8 at byte 3"),
        ([0x22, 0xE2, 0x82, 0x41, 0x22], "invalid UTF-8 at byte 2"),
        ([0x22, 0x5C, 0x6E, 0xFF, 0x22], "invalid UTF-8 at byte 4"),
        ([0x22, 0xE2, 0x82], "unterminated string at byte 1"),
        ([0xFF], "unexpected 0xFF at byte 1"),
    ]

    /// Malformed UTF-8 inside strings (overlong, surrogate, beyond U+10FFFF, stray or missing continuation) is rejected.
    @Test(arguments: invalidUTF8)
    func rejectsInvalidUTF8(bytes: [UInt8], expected: String) {
        #expect(description(of: bytes) == expected)
    }

    /// The error keeps a zero-based offset and a message without position for programmatic use.
    @Test func errorCarriesOffsetAndMessage() {
        do {
            _ = try JSONParser.parse(Array("<html>".utf8))
            Issue.record("parsed HTML")
        } catch {
            #expect(error.offset == 0)
            #expect(error.message == "unexpected \"<\"")
        }
    }

    /// One level past the limit is rejected, and hostile depth (100 000 levels) fails fast instead of overflowing the stack.
    @Test(arguments: [JSONParser.maximumDepth + 1, 100_000])
    func rejectsDeepNesting(depth: Int) {
        let arrays = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect(description(of: Array(arrays.utf8)) == "nesting deeper than 128 levels")
        let objects = String(repeating: "{\"a\":", count: depth)
        #expect(description(of: Array(objects.utf8)) == "nesting deeper than 128 levels")
    }

    private func description(of bytes: [UInt8]) -> String? {
        do {
            _ = try JSONParser.parse(bytes)
            return nil
        } catch {
            return error.description
        }
    }
}
