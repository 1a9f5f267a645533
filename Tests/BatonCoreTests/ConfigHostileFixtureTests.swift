@testable import BatonCore
import Foundation
import Testing

/// Config files an attacker or a careless editor could produce: alias bombs, files in the wrong
/// encoding, endless duplicate keys. Each gets one error with its line and column, fast.
@Suite("Hostile config files")
struct ConfigHostileFixtureTests {
    struct Case: Sendable, CustomStringConvertible {
        var file: String
        /// The one error expected: a substring of `file:line:col: message`.
        var error: String
        var description: String { file }
    }

    /// Every hostile fixture gives exactly this one error, with file, line and column, within 2 s.
    @Test(arguments: [
        Case(file: "alias-bomb.yaml", error: "bad/alias-bomb.yaml:5:58: alias `*lol2`: aliases up to here add 10,108 nodes (at most 10,000"),
        Case(file: "alias-bomb-key.yaml", error: "bad/alias-bomb-key.yaml:5:58: alias `*lol2`: aliases up to here add 10,108 nodes"),
        Case(file: "alias-moderate.yaml", error: "bad/alias-moderate.yaml:5:58: alias `*lol2`: aliases up to here add 10,108 nodes"),
        Case(file: "latin1.yaml", error:
            "bad/latin1.yaml:3:20: cannot read config: byte 0xE9 at offset 63 is not UTF-8: the file looks like Latin-1 or Windows-1252, where it is \"é\""),
        Case(file: "windows-1252.yaml", error:
            "bad/windows-1252.yaml:2:17: cannot read config: byte 0x93 at offset 23 is not UTF-8: the file looks like Latin-1 or Windows-1252, where it is \"“\""),
        Case(file: "utf16le-bom.yaml", error:
            "bad/utf16le-bom.yaml:1:1: cannot read config: byte 0xFF at offset 0 is not UTF-8: the file looks like UTF-16 LE text (it starts with a byte order mark)"),
        Case(file: "utf16be.yaml", error:
            "bad/utf16be.yaml:1:1: cannot read config: byte 0x00 at offset 0 is not UTF-8: the file looks like UTF-16 BE text (its letters alternate with NUL bytes)"),
        Case(file: "utf32le.yaml", error:
            "bad/utf32le.yaml:1:2: cannot read config: byte 0x00 at offset 1 is not UTF-8: the file looks like UTF-32 LE text (three NUL bytes go with each letter)"),
        Case(file: "nul-byte.yaml", error: "bad/nul-byte.yaml:2:19: cannot read config: byte 0x00 at offset 25 is a NUL, which no text file contains"),
        Case(file: "utf8-cut-short.yaml", error: "bad/utf8-cut-short.yaml:2:22: cannot read config: byte 0xE2 at offset 28 is not valid UTF-8"),
    ])
    func reportsOneLocatedError(_ test: Case) throws {
        let started = ContinuousClock.now
        let outcome = try ConfigFixtures.load("bad/\(test.file)")
        let elapsed = ContinuousClock.now - started
        let lines = outcome.errorLines
        #expect(lines.count == 1, "got:\n\(lines.joined(separator: "\n"))")
        #expect(lines.first?.contains(test.error) == true, "got: \(lines.first ?? "nothing")")
        if case .failure(let errors) = outcome {
            #expect(errors.errors.allSatisfy { $0.location != nil }, "every error has a line and column")
        }
        #expect(elapsed < .seconds(2), "took \(elapsed)")
    }

    /// 51 duplicated keys: the first 50 are each reported where they are written, with the line
    /// of the first `interval`; the 51st gets one error saying there are more, in well under 2 s.
    @Test func manyDuplicatesAreListedUpToTheLimit() throws {
        let started = ContinuousClock.now
        let lines = try ConfigFixtures.load("bad/duplicate-keys-many.yaml").errorLines
        #expect(ContinuousClock.now - started < .seconds(2))
        #expect(lines.count == DuplicateKeys.limit + 1, "got:\n\(lines.joined(separator: "\n"))")
        #expect(lines.first?.contains("bad/duplicate-keys-many.yaml:4:3: duplicate key `interval` in `defaults` (first at line 3, column 3)") == true)
        #expect(lines.last?.contains(
            "bad/duplicate-keys-many.yaml:54:3: duplicate key `interval`: more than 50 duplicate keys in this file "
                + "(the first: `interval` at line 4, `interval` at line 5, `interval` at line 6, …); remove them and check again"
        ) == true, "got: \(lines.last ?? "nothing")")
    }

    /// A big file with a duplicate in every item is checked in one pass: the first 50 duplicates
    /// are reported at their lines, then one error says there are more, and nothing else is lost.
    @Test func bigFileWithManyDuplicatesStopsListingThem() throws {
        var yaml = "teams:\n  crm: { name: CRM team }\nintegrations:\n"
        for index in 0..<2000 {
            yaml += "  - id: i-\(index)\n    name: Integration \(index)\n    owner: crm\n    name: again\n"
            yaml += "    check: { url: \"https://i\(index).example.com/health\", interval: 5m }\n"
        }
        yaml += "  - id: last\n    name: Last\n    owner: nobody\n    check: { url: \"https://last.example.com/health\" }\n"
        var errors: [String] = []
        let started = ContinuousClock.now
        do {
            _ = try ConfigLoader(environment: [:]).load(yaml: yaml, file: "big.yaml")
        } catch {
            errors = error.errors.map(\.description)
        }
        #expect(ContinuousClock.now - started < .seconds(2))
        // Item k's second `name` is on line 7 + 5k.
        #expect(errors.first == "big.yaml:7:5: duplicate key `name` in an integration (first at line 5, column 5)")
        #expect(errors.filter { $0.contains("duplicate key") }.count == DuplicateKeys.limit + 1)
        #expect(errors.contains(
            "big.yaml:257:5: duplicate key `name`: more than 50 duplicate keys in this file "
                + "(the first: `name` at line 7, `name` at line 12, `name` at line 17, …); remove them and check again"
        ), "got: \(errors.suffix(3))")
        #expect(errors.contains { $0.contains("nobody") }, "the rest of the file is still checked")
    }

    /// A secret read with `${file:…}` that is not UTF-8 is refused without a word about its bytes.
    @Test func secretFileInWrongEncodingRevealsNothing() throws {
        let folder = try ConfigScratchFolder()
        let secret = (folder.path as NSString).appendingPathComponent("token")
        try Data([0x73, 0x33, 0xE9, 0x63, 0x72, 0x33, 0x74]).write(to: URL(fileURLWithPath: secret))
        let config = try folder.write("baton.yaml", """
            teams:
              data: { name: Data team }
            integrations:
              - id: job
                name: Nightly job
                owner: data
                heartbeat: { token: "${file:token}", period: 24h }
            """)
        let outcome: Result<Config, ConfigErrors>
        do {
            outcome = .success(try ConfigLoader(environment: [:]).load(files: [config]))
        } catch {
            outcome = .failure(error)
        }
        let lines = outcome.errorLines
        #expect(lines.count == 1)
        #expect(lines.first?.hasSuffix("is not UTF-8 text") == true, "got: \(lines.first ?? "nothing")")
        #expect(lines.allSatisfy { !$0.contains("0xE9") && !$0.contains("é") && !$0.contains("offset") })
    }
}

/// What aliases may add, counted on libyaml's events without expanding them.
@Suite("YAML alias budget")
struct YAMLAliasBudgetTests {
    /// Ten thousand integrations merging one shared `&check` mapping are far within the budget.
    @Test func sharedDefaultsAreFine() throws {
        var yaml = "x-check: &check { method: GET, interval: 5m, expect: { status: [200, 203] } }\n"
        yaml += "teams:\n  data: { name: Data team }\nintegrations:\n"
        for index in 0..<10_000 {
            yaml += "  - { id: i-\(index), name: I \(index), owner: data, check: { <<: *check, url: \"https://i\(index).example.com/\" } }\n"
        }
        let config = try ConfigLoader(environment: [:]).load(yaml: yaml, file: "shared.yaml")
        #expect(config.integrations.count == 10_000)
    }

    /// Long text repeated by aliases counts by its bytes: 64 KiB used 100 times goes over a small file's 1 MiB.
    @Test func repeatedLongTextIsRefused() {
        let long = String(repeating: "a", count: 65_536)
        let yaml = "x-text: &text \(long)\nx-copies: [" + Array(repeating: "*text", count: 100).joined(separator: ", ") + "]\n"
        var errors: [String] = []
        do {
            _ = try ConfigLoader(environment: [:]).load(yaml: yaml, file: "long.yaml")
        } catch {
            errors = error.errors.map(\.description)
        }
        #expect(errors.count == 1)
        // 17 copies of 65,536 bytes are the first to pass 1 MiB: the 17th `*text` starts at column 12 + 16 × 7.
        #expect(errors.first?.hasPrefix("long.yaml:2:124: alias `*text`: aliases up to here add 1,114,112 bytes of text") == true,
                "got: \(errors.first ?? "nothing")")
    }
}
