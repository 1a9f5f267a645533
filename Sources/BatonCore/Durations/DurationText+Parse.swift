extension DurationText {
    /// How an expected duration is described in config errors.
    public static let expectation = "a duration like 30s, 5m or 2h"

    private static let parsedUnits: [(suffix: String, milliseconds: Double)] = [
        ("d", 86_400_000), ("h", 3_600_000), ("m", 60_000), ("s", 1_000), ("ms", 1),
    ]

    /// Reads a config duration: `500ms`, `30s`, `5m`, `2h`, `1d`, `7d`, compounds like
    /// `1h30m`, fractions like `1.5h`, and `0`; `nil` when `text` is not one.
    ///
    /// Parts must go from the largest unit to the smallest (`1h30m`, not `30m1h`), so a
    /// repeated unit such as `1m30m` is caught as the typo it is. A bare `0` is allowed
    /// because zero needs no unit; other bare numbers are not, since `30` could mean
    /// seconds or minutes.
    public static func parse(_ text: String) -> Duration? {
        if text == "0" { return .zero }
        var rest = Substring(text)
        var total = 0.0
        var lastRank = -1
        while !rest.isEmpty {
            let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !number.isEmpty, number.first != ".", number.last != ".", let value = Double(number) else { return nil }
            rest = rest.dropFirst(number.count)
            let suffix = rest.prefix { $0.isASCII && $0.isLetter }
            guard let rank = parsedUnits.firstIndex(where: { $0.suffix == suffix }), rank > lastRank else { return nil }
            rest = rest.dropFirst(suffix.count)
            lastRank = rank
            total += value * parsedUnits[rank].milliseconds
        }
        // Beyond about 290 million years the count of milliseconds no longer fits; no config means that.
        guard lastRank >= 0, total < 9.0e15 else { return nil }
        return .milliseconds(Int64(total.rounded()))
    }
}
