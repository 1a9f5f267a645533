import BatonCore
import Testing

/// Names and reasons printed to a terminal show controls and bidi overrides as visible escapes.
struct TerminalTextTests {
    /// Each unsafe code point becomes `\u{XX}` (or `\n`, `\t`, `\r`); everything else, emoji with joiners included, is kept.
    @Test(arguments: [
        ("Salesforce → Marketo", "Salesforce → Marketo"),
        ("Caf\u{E9} \u{1F600} 👨‍👩‍👧", "Caf\u{E9} \u{1F600} 👨‍👩‍👧"),
        ("a\u{1B}[31mred\u{1B}[0m", "a\\u{1B}[31mred\\u{1B}[0m"),
        ("line\nbreak\ttab\rreturn", "line\\nbreak\\ttab\\rreturn"),
        ("nul\u{0}del\u{7F}csi\u{9B}", "nul\\u{00}del\\u{7F}csi\\u{9B}"),
        ("leads\u{202E}stnuocca", "leads\\u{202E}stnuocca"),
        ("\u{202A}\u{202B}\u{202C}\u{202D}", "\\u{202A}\\u{202B}\\u{202C}\\u{202D}"),
        ("\u{2066}x\u{2067}y\u{2068}z\u{2069}", "\\u{2066}x\\u{2067}y\\u{2068}z\\u{2069}"),
        ("\u{200E}\u{200F}\u{61C}", "\\u{200E}\\u{200F}\\u{61C}"),
        ("sf\u{200B}dc\u{FEFF}", "sf\\u{200B}dc\\u{FEFF}"),
        ("para\u{2029}line\u{2028}", "para\\u{2029}line\\u{2028}"),
    ])
    func escapes(input: String, shown: String) {
        #expect(TerminalText.escaped(input) == shown)
    }

    /// A name that a right-to-left override makes look like another prints with the override visible.
    @Test func spoofedNameIsVisible() {
        let real = "exec-slack"
        let spoof = "exec-\u{202E}kcals"
        #expect(TerminalText.escaped(spoof) != real)
        #expect(TerminalText.escaped(spoof).contains("\\u{202E}"))
        #expect(!TerminalText.escaped(spoof).unicodeScalars.contains(where: TerminalText.isUnsafe))
    }
}
