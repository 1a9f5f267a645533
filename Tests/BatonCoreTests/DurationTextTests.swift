import Testing
@testable import BatonCore

/// The one duration module: config text in, the compact and plain-word forms out.
@Suite("Durations")
struct DurationTextTests {
    /// Durations read in milliseconds, including compounds and a unit-less zero.
    @Test(arguments: [
        ("500ms", 500), ("30s", 30_000), ("5m", 300_000), ("2h", 7_200_000), ("1d", 86_400_000),
        ("7d", 604_800_000), ("1h30m", 5_400_000), ("1d12h", 129_600_000), ("2m30s500ms", 150_500),
        ("1.5h", 5_400_000), ("0", 0), ("0m", 0),
    ] as [(String, Int64)])
    func readsDurations(text: String, milliseconds: Int64) {
        #expect(DurationText.parse(text)?.milliseconds == milliseconds)
    }

    /// Anything else is not a duration: no unit, unknown units, signs, spaces, units out of order.
    @Test(arguments: ["", "abc", "30", "-5m", "5 m", "5M", "1w", "30m1h", "1m30m", "h", ".5s", "5.s", "1h-30m", "1.2.3s", "99999999999999d"])
    func rejectsNonDurations(text: String) {
        #expect(DurationText.parse(text) == nil)
    }

    /// A duration in the right form but too long for any clock is `tooLong`, never a trap:
    /// 400 nines, digits a Double reads as infinity, and sums past the limit.
    @Test(arguments: [
        String(repeating: "9", count: 400) + "s", String(repeating: "9", count: 400) + ".9ms", "1" + String(repeating: "0", count: 309) + "d",
        "99999999999999d", "104166667d", "9000000000000s", "104166666d23h59m59s999ms",
    ])
    func tooLongIsToldApart(text: String) {
        #expect(DurationText.read(text) == .tooLong)
        #expect(DurationText.parse(text) == nil)
    }

    /// Just below the limit is still a duration, and errors of form stay errors of form however long the number.
    @Test func limitAndForm() {
        #expect(DurationText.read("104166666d") == .duration(.seconds(Int64(104_166_666) * 86_400)))
        #expect(DurationText.read(String(repeating: "9", count: 400)) == .notADuration, "no unit")
        #expect(DurationText.read(String(repeating: "9", count: 400) + "w") == .notADuration, "unknown unit")
        #expect(DurationText.read("0.0000001ms") == .duration(.zero))
    }

    /// At a glance: the largest unit and the next one down, never a skipped unit; the same parts in words.
    @Test(arguments: [
        (0, "0ms", "0 ms"), (500, "500ms", "500 ms"), (1500, "1.5s", "1.5 s"), (1234, "1.2s", "1.2 s"), (5000, "5s", "5 s"),
        (12_400, "12s", "12 s"), (45_000, "45s", "45 s"), (90_000, "1m30s", "1 min 30 s"), (120_000, "2m", "2 min"),
        (300_000, "5m", "5 min"), (11_520_000, "3h12m", "3 h 12 min"), (10_812_000, "3h", "3 h"), (187_200_000, "2d4h", "2 d 4 h"),
        (86_400_000, "1d", "1 d"), (-5000, "-5s", "-5 s"),
    ] as [(Int64, String, String)])
    func glance(milliseconds: Int64, compact: String, words: String) {
        #expect(Duration.milliseconds(milliseconds).compact == compact)
        #expect(Duration.milliseconds(milliseconds).words == words)
    }

    /// Ages in whole seconds read in their two largest units; under a second is `0s`.
    @Test(arguments: [
        (0, "0s", "0 s"), (0.6, "0s", "0 s"), (-3, "0s", "0 s"), (45, "45s", "45 s"), (60, "1m", "1 min"), (3600, "1h", "1 h"),
        (3605, "1h", "1 h"), (4320, "1h12m", "1 h 12 min"), (11_520.9, "3h12m", "3 h 12 min"), (187_200, "2d4h", "2 d 4 h"),
        (86_400, "1d", "1 d"), (1e300, "11574074074d1h", "11574074074 d 1 h"), (.nan, "0s", "0 s"),
    ] as [(Double, String, String)])
    func ages(seconds: Double, compact: String, words: String) {
        #expect(DurationText.age(seconds: seconds).compact == compact)
        #expect(DurationText.age(seconds: seconds).words == words)
    }

    /// An age just past its limit shows every unit down to seconds, so it differs from the limit; words drop the noughts.
    @Test(arguments: [
        (7201, 7200, "2h0m1s", "2 h 1 s"), (7260, 7200, "2h1m", "2 h 1 min"), (11_520, 7200, "3h12m", "3 h 12 min"),
        (90_001, 90_000, "1d1h0m1s", "1 d 1 h 1 s"), (1801, 1800, "30m1s", "30 min 1 s"),
    ] as [(Double, Int64, String, String)])
    func agesBeyondALimit(seconds: Double, limit: Int64, compact: String, words: String) {
        let text = DurationText.age(seconds: seconds, beyond: .seconds(limit))
        #expect(text.compact == compact)
        #expect(text.words == words)
    }

    /// Seconds from anywhere (the API, a float) are shown without trapping: `NaN` is nought, huge values are capped.
    @Test(arguments: [
        (60.0, "1m"), (1.5, "1.5s"), (0.25, "250ms"), (.nan, "0ms"), (.infinity, "11574074074d1h"), (-.infinity, "-11574074074d1h"),
    ] as [(Double, String)])
    func fromSeconds(seconds: Double, compact: String) {
        #expect(DurationText(seconds: seconds).compact == compact)
    }
}

/// Byte counts in reasons use binary units; below 1 KiB in bytes, as words or as a symbol.
@Test(arguments: [
    (1 << 20, "1 MiB", "1 MiB"), (512 << 10, "512 KiB", "512 KiB"), (3 << 19, "1.5 MiB", "1.5 MiB"), (10, "10 bytes", "10 B"),
    (1, "1 byte", "1 B"), (0, "0 bytes", "0 B"), (1 << 30, "1 GiB", "1 GiB"), (-1, "0 bytes", "0 B"), (Int.max, "8589934592 GiB", "8589934592 GiB"),
])
func byteCounts(count: Int, text: String, symbol: String) {
    #expect(ByteCount.text(count) == text)
    #expect(ByteCount.symbol(count) == symbol)
}
