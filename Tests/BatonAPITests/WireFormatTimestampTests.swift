@testable import BatonAPI
import Foundation
import Testing

/// `WireFormat.timestamp` writes its digits by hand: the same text as the `String(format:)` it replaced.
struct WireFormatTimestampTests {
    /// The text `String(format:)` gives for a date of years 0 to 9999.
    static func formatted(_ date: Date) -> String {
        let whole = Int64(date.timeIntervalSince1970.rounded(.down))
        let days = whole >= 0 ? whole / 86_400 : (whole - 86_399) / 86_400
        let seconds = whole - days * 86_400
        let (year, month, day) = WireFormat.civilDate(daysSinceEpoch: days)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", year, month, day, seconds / 3600, (seconds % 3600) / 60, seconds % 60)
    }

    static let known: [(Double, String)] = [
        (0, "1970-01-01T00:00:00Z"),
        (-1, "1969-12-31T23:59:59Z"),
        (-0.5, "1969-12-31T23:59:59Z"),
        (1_796_601_600, "2026-12-07T00:00:00Z"),
        (1_796_601_599.999, "2026-12-06T23:59:59Z"),
        (951_782_400, "2000-02-29T00:00:00Z"),
        (-62_167_219_200, "0000-01-01T00:00:00Z"),
        (253_402_300_799, "9999-12-31T23:59:59Z"),
    ]

    /// Landmarks: the epoch, just before it, a leap day, the first and last second of the four-digit years.
    @Test(arguments: known)
    func landmarks(seconds: Double, text: String) {
        #expect(WireFormat.timestamp(Date(timeIntervalSince1970: seconds)) == text)
    }

    /// A spread of instants over the four-digit years reads the same as `String(format:)`, and parses back.
    @Test func matchesFormatOverTheYears() {
        var generator = SplitMix(seed: 3339)
        for _ in 0..<5000 {
            let seconds = Double(Int64.random(in: -62_167_219_200...253_402_300_799, using: &generator))
            let date = Date(timeIntervalSince1970: seconds)
            #expect(WireFormat.timestamp(date) == Self.formatted(date))
            #expect(WireFormat.date(WireFormat.timestamp(date)) == date)
        }
    }

    /// Years outside 0 to 9999 still take `String(format:)`'s shape, and the limits do not trap.
    @Test(arguments: [-62_167_219_201.0, 253_402_300_800, 1e15, -1e15, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .nan, .infinity])
    func beyondFourDigitYears(seconds: Double) {
        let text = WireFormat.timestamp(Date(timeIntervalSince1970: seconds))
        #expect(text.hasSuffix("Z"))
        #expect(text != "")
    }
}
