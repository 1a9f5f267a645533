import struct Foundation.Date

/// Civil UTC time without calendar objects: what reports, notices and the status page print,
/// so every reader, wherever they are, sees the same numbers.
public struct UTCTime: Sendable, Equatable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int

    /// The civil fields of `date`, in whole seconds rounded down (Howard Hinnant's days-to-civil algorithm).
    ///
    /// Dates beyond about 285,000 years either side of 1970 read as that limit (``Date/unixSeconds``).
    public init(_ date: Date) {
        let seconds = Int(date.unixSeconds)
        let days = Int((Double(seconds) / 86_400).rounded(.down))
        let secondOfDay = seconds - days * 86_400
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        hour = secondOfDay / 3600
        minute = secondOfDay % 3600 / 60
        second = secondOfDay % 60
    }

    /// `2026-11-23T08:48:05Z`: RFC 3339 in whole seconds.
    public static func rfc3339(_ date: Date) -> String {
        let c = UTCTime(date)
        return "\(four(c.year))-\(two(c.month))-\(two(c.day))T\(two(c.hour)):\(two(c.minute)):\(two(c.second))Z"
    }

    /// `2026-11-23`.
    public static func day(_ date: Date) -> String {
        let c = UTCTime(date)
        return "\(four(c.year))-\(two(c.month))-\(two(c.day))"
    }

    /// `23 Nov 2026, 08:48 UTC`.
    public static func human(_ date: Date) -> String {
        let c = UTCTime(date)
        return "\(c.day) \(months[c.month - 1]) \(c.year), \(two(c.hour)):\(two(c.minute)) UTC"
    }

    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    private static func four(_ value: Int) -> String { String(repeating: "0", count: max(0, 4 - String(value).count)) + String(value) }
}
