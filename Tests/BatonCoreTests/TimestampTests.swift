import Foundation
import Testing
@testable import BatonCore

/// Timestamps in every accepted form give exact instants; invalid ones give `nil`.
struct TimestampTests {
    /// 2026-11-23T10:00:00Z.
    static let reference: Double = 1_795_428_000

    static let texts: [(String, Double)] = [
        // RFC 3339 / ISO 8601.
        ("2026-11-23T10:00:00Z", reference),
        ("2026-11-23T10:00:00z", reference),
        ("2026-11-23t10:00:00Z", reference),
        ("2026-11-23 10:00:00Z", reference),
        ("2026-11-23T10:00:00", reference),
        ("2026-11-23T10:00:00+00:00", reference),
        ("2026-11-23T10:00:00-00:00", reference),
        ("2026-11-23T12:00:00+02:00", reference),
        ("2026-11-23T12:00:00+0200", reference),
        ("2026-11-23T12:00:00+02", reference),
        ("2026-11-23T05:30:00-04:30", reference),
        ("2026-11-24T09:59:00+23:59", reference),
        ("2026-11-23T10:00:00.5Z", reference + 0.5),
        ("2026-11-23T10:00:00.5", reference + 0.5),
        ("2026-11-23T10:00:00,25Z", reference + 0.25),
        ("2026-11-23T10:00:00.000+00:00", reference),
        ("2026-11-23T10:00:00.123456Z", reference + 0.123456),
        ("2026-11-23T10:00:00.123456789Z", reference + 0.123456789),
        ("2026-11-23T10:00:00.1234567891234Z", reference + 0.123456789),
        ("2026-11-23T12:00:00.75+02:00", reference + 0.75),
        ("  2026-11-23T10:00:00Z\r\n", reference),
        ("1970-01-01T00:00:00Z", 0),
        ("1970-01-01T01:00:00+01:00", 0),
        ("2000-01-01T00:00:00Z", 946_684_800),
        ("2024-02-29T23:59:59Z", 1_709_251_199),
        ("2000-02-29T00:00:00Z", 951_782_400),
        ("1994-11-06T08:49:37Z", 784_111_777),
        ("9999-12-31T23:59:59Z", 253_402_300_799),
        // Epoch as digit-only text.
        ("1795428000", reference),
        ("1795428000.25", reference + 0.25),
        ("1795428000000", reference),
        ("1795428000123", reference + 0.123),
        ("0", 0),
        // HTTP dates.
        ("Mon, 23 Nov 2026 10:00:00 GMT", reference),
        ("Sun, 06 Nov 1994 08:49:37 GMT", 784_111_777),
        ("Sun, 6 Nov 1994 08:49:37 GMT", 784_111_777),
        ("sun, 06 nov 1994 08:49:37 gmt", 784_111_777),
        ("Sun, 06 Nov 1994 08:49:37 UTC", 784_111_777),
        ("Sun, 06 Nov 1994 09:49:37 +0100", 784_111_777),
        ("Sun, 06 Nov 1994 03:49:37 -0500", 784_111_777),
        ("Sunday, 06-Nov-94 08:49:37 GMT", 784_111_777),
        ("Thursday, 01-Jan-70 00:00:00 GMT", 0),
        ("Tuesday, 01-Jan-30 00:00:00 GMT", 1_893_456_000),
        ("Sun Nov  6 08:49:37 1994", 784_111_777),
        ("Sun Nov 6 08:49:37 1994", 784_111_777),
    ]

    /// Each accepted text names exactly this instant (seconds since 1970, to the microsecond).
    @Test(arguments: texts)
    func parsesText(text: String, expected: Double) throws {
        let date = try #require(Timestamp.parse(text))
        #expect(abs(date.timeIntervalSince1970 - expected) < 1e-6, "\(text) → \(date.timeIntervalSince1970)")
    }

    static let values: [(JSONValue, Double)] = [
        (.number(1_795_428_000), reference),
        (.number(1_795_428_000.5), reference + 0.5),
        (.number(1_795_428_000_000), reference),
        (.number(1_795_428_000_250), reference + 0.25),
        (.number(0), 0),
        (.number(1e11), 1e11),
        (.number(100_000_000_001), 100_000_000.001),
        (.string("2026-11-23T10:00:00+00:00"), reference),
        (.string("1795428000000"), reference),
    ]

    /// JSON numbers are epoch seconds, or milliseconds above 1e11; JSON strings parse as text.
    @Test(arguments: values)
    func parsesJSONValue(value: JSONValue, expected: Double) throws {
        let date = try #require(Timestamp.parse(value))
        #expect(abs(date.timeIntervalSince1970 - expected) < 1e-6, "\(value) → \(date.timeIntervalSince1970)")
    }

    static let invalidTexts: [String] = [
        "", "   ", "yesterday", "now", "null",
        "2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z", "2026-11-00T00:00:00Z",
        "2026-02-30T00:00:00Z", "2025-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2026-04-31T00:00:00Z",
        "2026-11-23T24:00:00Z", "2026-11-23T10:60:00Z", "2026-11-23T10:00:60Z",
        "2026-11-23", "2026-11-23T10:00Z", "2026-11-23T10:00:00.Z", "2026-11-23T10:00:00.",
        "2026-11-23T10:00:00+24:00", "2026-11-23T10:00:00+02:60", "2026-11-23T10:00:00+2:00",
        "2026-11-23T10:00:00+02:0", "2026-11-23T10:00:00 Z", "2026-11-23T10:00:00Zjunk",
        "2026-11-23X10:00:00Z", "26-11-23T10:00:00Z", "2026-1-23T10:00:00Z", "2026/11/23 10:00:00",
        "0001-01-01T00:00:00Z", "1969-12-31T23:59:59Z",
        "-1", "+1795428000", "12ab", "1.2.3", "1e5", "1795428000.", ".5", "17954 28000",
        "99999999999999999999",
        "Sun, 06 Nov 1994 08:49:37", "Sun, 06 Foo 1994 08:49:37 GMT", "Sun, 31 Nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 25:49:37 GMT", "Sun, 06 Nov 94 08:49:37 GMT", "Funday, 06-Nov-94 08:49:37 GMT",
        "Sunday, 06-Nov-1994 08:49:37 GMT", "Sun Nov  6 08:49:37", "Sun Nov  6 08:49:37 1994 GMT",
        "Sun 06 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 08:49:37 CEST",
    ]

    /// Garbage, impossible dates (month 13, Feb 30, hour 24), date-only text and pre-1970 instants are not timestamps.
    @Test(arguments: invalidTexts)
    func rejectsText(text: String) {
        #expect(Timestamp.parse(text) == nil)
    }

    static let invalidValues: [JSONValue] = [
        .number(-1), .number(.infinity), .number(.nan), .number(1e20),
        .bool(true), .null, .array([.number(1_795_428_000)]), .object([:]), .string("soon"),
    ]

    /// Negative, non-finite and beyond-year-9999 numbers, and non-scalar values, are not timestamps.
    @Test(arguments: invalidValues)
    func rejectsJSONValue(value: JSONValue) {
        #expect(Timestamp.parse(value) == nil)
    }
}
