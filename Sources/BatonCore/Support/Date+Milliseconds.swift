import struct Foundation.Date

extension Date {
    /// Whole Unix milliseconds, rounded to nearest: the database's time unit, and so the
    /// resolution of every figure computed from it.
    public var unixMilliseconds: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }

    public init(unixMilliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(unixMilliseconds) / 1000)
    }
}
