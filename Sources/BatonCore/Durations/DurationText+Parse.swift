extension DurationText {
    /// How an expected duration is described in config errors.
    public static let expectation = "a duration like 30s, 5m or 2h"

    /// What a text says as a duration: one, one too long for any clock, or none.
    public enum Reading: Sendable, Equatable {
        case duration(Duration)
        /// A duration in the right form, but of ``longestParsed`` or more (even `999…9s` with
        /// 400 nines): out of any config's range, and past what arithmetic on it may hold.
        case tooLong
        case notADuration
    }

    /// The longest duration read from text, in milliseconds (about 285,000 years): its count of
    /// nanoseconds still fits `Int64`, and the sum of two such durations fits ``Duration``.
    public static let longestParsed: Double = 9.0e15

    private static let parsedUnits: [(suffix: String, milliseconds: Double)] = [
        ("d", 86_400_000), ("h", 3_600_000), ("m", 60_000), ("s", 1_000), ("ms", 1),
    ]

    /// Reads a config duration: `500ms`, `30s`, `5m`, `2h`, `1d`, `7d`, compounds like
    /// `1h30m`, fractions like `1.5h`, and `0`; `nil` when `text` is not one, or one too long
    /// (``read(_:)`` tells the two apart).
    public static func parse(_ text: String) -> Duration? {
        if case .duration(let duration) = read(text) { return duration }
        return nil
    }

    /// Reads a config duration as ``parse(_:)`` does, telling a duration too long to hold
    /// apart from text that is no duration at all. Never traps, whatever the text.
    ///
    /// Parts must go from the largest unit to the smallest (`1h30m`, not `30m1h`), so a
    /// repeated unit such as `1m30m` is caught as the typo it is. A bare `0` is allowed
    /// because zero needs no unit; other bare numbers are not, since `30` could mean
    /// seconds or minutes.
    public static func read(_ text: String) -> Reading {
        if text == "0" { return .duration(.zero) }
        var rest = Substring(text)
        var total = 0.0
        var lastRank = -1
        while !rest.isEmpty {
            let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            // Too many digits for a Double reads as infinity, which the check below turns away.
            guard !number.isEmpty, number.first != ".", number.last != ".", let value = Double(number) else { return .notADuration }
            rest = rest.dropFirst(number.count)
            let suffix = rest.prefix { $0.isASCII && $0.isLetter }
            guard let rank = parsedUnits.firstIndex(where: { $0.suffix == suffix }), rank > lastRank else { return .notADuration }
            rest = rest.dropFirst(suffix.count)
            lastRank = rank
            total += value * parsedUnits[rank].milliseconds
        }
        guard lastRank >= 0 else { return .notADuration }
        // Infinity (and, defensively, NaN) fail the comparison, so they count as too long.
        guard total < longestParsed else { return .tooLong }
        return .duration(.milliseconds(Int64(total.rounded())))
    }
}
