import Testing

@testable import BatonNotices

@Suite struct TextFitTests {
    /// A long text is cut with `…` to exactly the limit, counted in the unit asked for.
    @Test(arguments: [TextUnit.characters, .utf16, .scalars, .utf8])
    func cutToLimit(unit: TextUnit) {
        let text = String(repeating: "a😀é", count: 400)
        let cut = TextFormat.plain.fit(text, limit: 101, unit: unit)
        #expect(unit.count(cut) <= 101)
        #expect(unit.count(cut) >= 96)
        #expect(cut.hasSuffix("…"))
        #expect(text.hasPrefix(cut.dropLast()))
    }

    static let entities = TextFormat { $0 == "&" ? "&amp;" : $0 == "<" ? "&lt;" : nil }
    static let backslashes = TextFormat(escape: TextFormat.backslashing(["*"]))

    /// A text within the limit is only escaped, never marked.
    @Test func shortTextKept() {
        #expect(Self.entities.fit("A & B", limit: 20, unit: .utf16) == "A &amp; B")
    }

    /// Cutting never splits an escape: the limit counts the escaped text.
    @Test func escapesStayWhole() {
        #expect(Self.entities.fit(String(repeating: "<", count: 100), limit: 12, unit: .utf16) == "&lt;&lt;…")
        #expect(Self.backslashes.fit(String(repeating: "*", count: 100), limit: 6, unit: .utf16) == "\\*\\*…")
    }

    /// Flags and emoji built of several scalars are never cut in half.
    @Test func graphemesStayWhole() {
        let flags = String(repeating: "🇫🇷", count: 50)
        let cut = TextFormat.plain.fit(flags, limit: 10, unit: .utf16)
        #expect(cut == "🇫🇷🇫🇷…")
    }

    /// A limit too small for the mark gives an empty text rather than one over the limit.
    @Test func tinyLimit() {
        #expect(TextFormat.plain.fit("abcdef", limit: 2, unit: .utf8) == "")
    }

    /// Long details are split at line ends into pieces within the limit; what does not fit ends with `…`.
    @Test func chunksAtLineEnds() {
        let text = (1...100).map { "line \($0)" }.joined(separator: "\n")
        let pieces = TextFormat.plain.chunks(text, limit: 50, unit: .utf16, maxPieces: 3)
        #expect(pieces.count == 3)
        #expect(pieces.allSatisfy { $0.utf16.count <= 50 })
        #expect(pieces[0].hasPrefix("line 1\nline 2\n"))
        #expect(pieces[2].hasSuffix("…"))
    }

    /// User text loses line breaks, controls and bidi overrides, so it stays on its own line and reads left to right.
    @Test(arguments: [
        ("a\nb\r\nc", "a b c"), ("  x\t\ty  ", "x y"), ("evil\u{202E}txt.exe", "eviltxt.exe"), ("a\u{2028}b", "a b"), ("nul\u{0}byte", "nul byte"),
    ])
    func userTextOnOneLine(input: String, output: String) {
        #expect(UserText.line(input) == output)
    }

    /// Details keep their lines, at most one blank line between them.
    @Test func userTextLines() {
        #expect(UserText.lines("a\n\n\n\nb\r\nc\u{202E}") == "a\n\nb\nc")
    }
}
