/// Config files that are slow to check for a reason known and being fixed elsewhere.
///
/// An unknown value gets a "did you mean" hint: `DidYouMean.editDistance` (in
/// Sources/BatonCore/Config, being changed for issue 12) builds a table with one row array per
/// character of the value, for every candidate, so its cost is the value's length times the
/// number of candidates. Measured with a debug `baton config check`: a 1 MiB team reference
/// 3.4 s, an 816 KiB channel type 7.0 s (0.35 s and 0.18 s once candidates whose length differs
/// by more than the limit are skipped), and a 32 KiB `timezone`, checked against some 600 zone
/// names, 34 s; 1.2 MiB there ran for minutes. Remove these rules once DidYouMean skips
/// candidates whose length is too far from the value's.
public enum KnownSlowness {
    /// A value this long is slow to check wherever it is.
    public static let longLine = 64 * 1024
    /// A value this long is slow to check where the candidates are the time zones.
    public static let longTimeZoneLine = 1024

    /// The known reason checking `bytes` can be slow, or `nil`.
    public static func explain(_ bytes: [UInt8]) -> String? {
        var longest = 0
        var current = 0
        for byte in bytes {
            if byte == 10 {
                longest = max(longest, current)
                current = 0
            } else {
                current += 1
            }
        }
        longest = max(longest, current)
        let mentionsTimeZones = bytes.count >= 8 && bytes.indices.dropLast(7).contains { bytes[$0..<$0 + 8].elementsEqual("timezone".utf8) }
        guard longest >= longLine || (longest >= longTimeZoneLine && mentionsTimeZones) else { return nil }
        return "a value of a KiB or more can make checking slow: DidYouMean compares it with every candidate (issue 12)"
    }
}

/// How much CPU checking a config file may take: 2 s, or 4 µs a byte for a file over 512 KiB.
///
/// The tests run a debug build, which checks about 1.5 µs a byte (measured: 0.5 s for 1,000
/// integrations in 340 KB, 2.1 s for 4,000 in 1.4 MB): a large honest file costs its size,
/// while anything worse than linear in the size still fails.
public enum ConfigCheckBudget {
    public static func cpuLimit(bytes: Int) -> Duration {
        max(.seconds(2), .nanoseconds(4_000) * bytes)
    }
}
