/// Why checking a config file is slow, when the reason is known and being fixed elsewhere.
public enum KnownSlowness {
    /// A line this long holds a value long enough to make the loader slow.
    public static let longLine = 64 * 1024

    /// The known reason `bytes` is slow to check, or `nil`.
    ///
    /// An unknown value gets a "did you mean" hint: `DidYouMean.editDistance` (in
    /// Sources/BatonCore/Config, being changed for issue 12) builds a table with a row per
    /// character of the value for every candidate, so a value of a few hundred KiB costs seconds
    /// (measured: 3.4 s and 7.0 s for 1 MiB and 816 KiB; 0.35 s and 0.18 s once candidates whose
    /// length differs by more than the limit are skipped).
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
        guard max(longest, current) >= longLine else { return nil }
        return "a \(max(longest, current) / 1024) KiB value is slow to check: DidYouMean compares it with every candidate (issue 12)"
    }
}
