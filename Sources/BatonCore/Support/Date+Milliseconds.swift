import struct Foundation.Date

extension Date {
    /// The furthest the database's clock reaches either side of 1970, in milliseconds (about
    /// 285,000 years): far from `Int64`'s edge, so sums and differences of two times fit too.
    public static let unixMillisecondsLimit: Int64 = 9_000_000_000_000_000

    /// Whole Unix milliseconds, rounded to nearest: the database's time unit, and so the
    /// resolution of every figure computed from it. Clamped to ±``unixMillisecondsLimit``,
    /// so a date from anywhere (`distantFuture`, a far `since`) converts without trapping.
    public var unixMilliseconds: Int64 {
        let milliseconds = Int64(saturating: (timeIntervalSince1970 * 1000).rounded())
        return Swift.min(Swift.max(milliseconds, -Self.unixMillisecondsLimit), Self.unixMillisecondsLimit)
    }

    /// Whole Unix seconds, rounded down, within the same limits as ``unixMilliseconds``.
    public var unixSeconds: Int64 {
        let seconds = Int64(saturating: timeIntervalSince1970.rounded(.down))
        let limit = Self.unixMillisecondsLimit / 1000
        return Swift.min(Swift.max(seconds, -limit), limit)
    }

    public init(unixMilliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(unixMilliseconds) / 1000)
    }
}
