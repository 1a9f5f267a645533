@testable import BatonCore
import Foundation
import Testing

/// Secrets the config resolved are blanked out of text that came from elsewhere.
struct SecretScrubberTests {
    /// What a reference resolved to is found from the revealed and redacted forms of a text.
    @Test(arguments: [
        (SecretText(revealed: "Bearer abc123def", redacted: "Bearer ***"), ["abc123def"]),
        (SecretText(revealed: "https://h.example/hook/T0/secret-part?x=1", redacted: "https://h.example/hook/T0/***?x=1"), ["secret-part"]),
        (SecretText(revealed: "user:pa55word@", redacted: "***:***@"), ["user", "pa55word"]),
        (SecretText(literal: "no secret here"), []),
    ])
    func resolvedParts(_ text: SecretText, _ expected: [String]) {
        let scrubber = SecretScrubber(secrets: SecretScrubberTests.parts(text))
        #expect(Set(scrubber.secrets) == Set(expected.filter { $0.utf8.count >= SecretScrubber.shortest }))
    }

    static func parts(_ text: SecretText) -> [String] {
        // Through the config, as the daemon builds it.
        let check = HTTPCheck(url: SecretText(literal: "http://127.0.0.1/x"), headers: [HTTPHeaderField(name: "Authorization", value: text)])
        let config = Config(
            teams: [Team(id: "t", name: "T", channels: [])],
            integrations: [Integration(id: "i", name: "I", owner: "t", probe: .check(check))]
        )
        return SecretScrubber(config: config).secrets
    }

    /// A JSON value, a freshness value and a server's error that quote a secret lose it; the rest stays.
    @Test func reasonsAreScrubbed() {
        let scrubber = SecretScrubber(secrets: ["canary-api-key"])
        let mismatch = Reason.json(JSONFinding(path: "/status", outcome: .mismatch(actual: "\"canary-api-key\"", expected: .equals("\"ok\""))))
        #expect(mismatch.scrubbed(scrubber.scrub).compact == #"/status is "***", expected "ok""#)
        let tls = Reason.progress(.transfer(.tls("handshake failed: canary-api-key")), .failing(probe: 1, of: 3))
        #expect(tls.scrubbed(scrubber.scrub).compact == "handshake failed: *** (failed probe 1 of 3)")
        #expect(scrubber.scrub("short key ab") == "short key ab")
    }
}

/// The byte search that replaces the Character search for ASCII text finds a secret wherever that one did.
struct SecretScrubberByteSearchTests {
    @Test(arguments: [
        ("canary-api-key", true), ("xcanary-api-keyx", true), ("canary-api-ke", false), ("", false),
        ("canary-api-kecanary-api-key", true), ("CANARY-API-KEY", false), ("canary-api-key\u{301}", false), ("caf\u{E9} canary-api-key", true),
    ])
    func findsWhatTheCharacterSearchFinds(_ text: String, _ scrubbed: Bool) {
        let scrubber = SecretScrubber(secrets: ["canary-api-key"])
        #expect(scrubber.scrub(text).contains("***") == scrubbed)
        #expect(!scrubber.scrub(text).contains("canary-api-key"))
    }

    @Test func bytesInPlaceAndCopied() {
        #expect(SecretScrubber.bytes(of: "abc-secret-def", contain: "secret"))
        #expect(!SecretScrubber.bytes(of: "abc-secre", contain: "secret"))
        #expect(SecretScrubber.bytes(of: "secret", contain: "secret"))
        #expect(SecretScrubber.bytes(of: "anything", contain: ""))
        // A bridged, non-contiguous string takes the copying path.
        let bridged = NSString(string: "left secret right") as String
        #expect(SecretScrubber.bytes(of: bridged, contain: "secret"))
    }
}
