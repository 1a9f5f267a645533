import Foundation
import Testing
@testable import BatonCore

/// JSON names and pointer tokens compare by code points (RFC 8259 §8.3, RFC 6901 §4), never by
/// Swift's canonical equivalence: "é" (U+00E9) and "e" + U+0301 look alike but are two names.
struct JSONCodePointTests {
    static let precomposed = "\u{E9}"
    static let decomposed = "e\u{301}"

    /// Two members whose names differ only in normalisation both survive parsing.
    @Test func lookalikeKeysStayApart() throws {
        let body = "{\"\(Self.precomposed)\":1,\"\(Self.decomposed)\":2}"
        guard case .object(let members) = try JSONParser.parse(Array(body.utf8)) else {
            Issue.record("not an object")
            return
        }
        #expect(members.count == 2)
        #expect(members[JSONKey(Self.precomposed)] == .number(1))
        #expect(members[JSONKey(Self.decomposed)] == .number(2))
    }

    /// A true duplicate (the same bytes) still keeps its last value.
    @Test func sameBytesAreADuplicate() throws {
        let body = "{\"\(Self.decomposed)\":1,\"\(Self.decomposed)\":2}"
        #expect(try JSONParser.parse(Array(body.utf8)) == .object([JSONKey(Self.decomposed): .number(2)]))
    }

    /// A pointer selects only the member spelled with its exact code points.
    @Test(arguments: [
        ("/" + precomposed, "{\"\(decomposed)\":2}", nil),
        ("/" + decomposed, "{\"\(precomposed)\":1}", nil),
        ("/" + precomposed, "{\"\(precomposed)\":1,\"\(decomposed)\":2}", JSONValue.number(1)),
        ("/" + decomposed, "{\"\(precomposed)\":1,\"\(decomposed)\":2}", JSONValue.number(2)),
        // The Kelvin sign is canonically equivalent to K.
        ("/\u{212A}", "{\"K\":1}", nil),
    ])
    func pointerMatchesCodePoints(pointer: String, body: String, expected: JSONValue?) throws {
        let document = try JSONParser.parse(Array(body.utf8))
        #expect(try JSONPointer(parsing: pointer).resolve(in: document) == expected)
    }

    /// `/` and `~` are found by code point even when a combining mark follows them.
    @Test func pointerSyntaxIgnoresGraphemes() throws {
        #expect(try JSONPointer(parsing: "/a/\u{301}b").tokens == ["a", "\u{301}b"])
        #expect(throws: JSONPointer.SyntaxError.self) { try JSONPointer(parsing: "/~\u{301}") }
        #expect(try JSONPointer(parsing: "/~1\u{301}").tokens == ["/\u{301}"])
    }

    /// String values compare the same way, and hash consistently with it.
    @Test func stringValuesCompareByCodePoints() {
        #expect(JSONValue.string(Self.precomposed) != .string(Self.decomposed))
        #expect(JSONValue.string(Self.decomposed) == .string(Self.decomposed))
        #expect(Set([JSONValue.string(Self.precomposed), .string(Self.decomposed), .string(Self.decomposed)]).count == 2)
        #expect(JSONValue.number(0) == .number(-0.0))
        #expect(Set([JSONValue.number(0), .number(-0.0)]).count == 1)
    }

    /// An `equals:` condition on a look-alike string fails, and on the same bytes passes.
    @Test func judgeComparesBytes() {
        let condition = JudgeFixtures.condition("/status", .equals(.string("d" + Self.precomposed + "j" + "\u{E0}")))
        let lookalike = Judge.judge(JudgeFixtures.answered(body: "{\"status\":\"de\u{301}ja\u{300}\"}"), against: JudgeFixtures.check(json: [condition]))
        let same = Judge.judge(JudgeFixtures.answered(body: "{\"status\":\"d\u{E9}j\u{E0}\"}"), against: JudgeFixtures.check(json: [condition]))
        #expect(lookalike.level == .fail)
        #expect(same.level == .pass)
    }

    /// Names sort by code point in reasons, so the output does not depend on normalisation.
    @Test func descriptionSortsByCodePoint() {
        let object = JSONValue.object([JSONKey(Self.precomposed): .number(1), JSONKey(Self.decomposed): .number(2), "z": .null])
        #expect(object.description == "{\"\(Self.decomposed)\":2,\"z\":null,\"\(Self.precomposed)\":1}")
    }
}

/// RFC 3339 §5.7 leap seconds: `23:59:60` UTC is a valid time, read as the next day's first instant.
struct LeapSecondTests {
    /// 2017-01-01T00:00:00Z.
    static let newYear2017: Double = 1_483_228_800

    @Test(arguments: [
        ("2016-12-31T23:59:60Z", newYear2017),
        ("2016-12-31T23:59:60.5Z", newYear2017 + 0.5),
        ("2016-12-31T15:59:60-08:00", newYear2017),
        ("2017-01-01T00:59:60+01:00", newYear2017),
        ("2015-06-30T23:59:60Z", 1_435_708_800),
        ("Sat, 31 Dec 2016 23:59:60 GMT", newYear2017),
    ])
    func leapSecondIsValid(text: String, expected: Double) throws {
        let date = try #require(Timestamp.parse(text))
        #expect(abs(date.timeIntervalSince1970 - expected) < 1e-6, "\(text) → \(date.timeIntervalSince1970)")
    }

    /// `:60` anywhere but the last second of a UTC day is still not a time.
    @Test(arguments: [
        "2016-12-31T23:58:60Z", "2016-12-31T22:59:60Z", "2016-12-31T23:59:60+01:00", "2016-12-31T10:00:60Z",
        "2016-12-31T23:59:61Z", "9999-12-31T23:59:60Z", "Sat, 31 Dec 2016 12:59:60 GMT",
    ])
    func otherSixtiesAreInvalid(text: String) {
        #expect(Timestamp.parse(text) == nil)
    }
}
