/// A proleptic-Gregorian date and time with a UTC offset, as written in a timestamp.
///
/// Exists so every timestamp format is validated and converted the same way, without
/// `Calendar` or `DateFormatter` (slow, and locale-dependent in ways that bite daemons).
struct CivilDateTime {
    var year: Int
    var month: Int
    var day: Int
    var hour: Int
    var minute: Int
    var second: Int
    /// Fraction of the second, in nanoseconds.
    var nanoseconds = 0
    /// Offset east of UTC in seconds: `+02:00` is 7200.
    var offsetSeconds = 0

    init(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, offsetSeconds: Int = 0) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.offsetSeconds = offsetSeconds
    }

    /// Seconds since 1970-01-01T00:00:00Z, or `nil` when a field is out of range.
    ///
    /// Hour 24 and second 60 are rejected here: a leap second is only valid at the end of
    /// a UTC day, which ``Timestamp`` checks before it gets this far.
    var secondsSince1970: Double? {
        guard (1...12).contains(month),
              (1...Self.daysIn(month: month, year: year)).contains(day),
              (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second)
        else { return nil }
        let days = Self.daysSince1970(year: year, month: month, day: day)
        let whole = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return Double(whole) + Double(nanoseconds) / 1e9
    }

    static func isLeap(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from 1970-01-01 to the given date (Howard Hinnant's `days_from_civil`).
    static func daysSince1970(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
