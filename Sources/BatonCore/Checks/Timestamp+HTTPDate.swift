import struct Foundation.Date

extension Timestamp {
    /// An HTTP date in any of the three forms RFC 9110 §5.6.7 says recipients must accept:
    /// - IMF-fixdate: `Sun, 06 Nov 1994 08:49:37 GMT`
    /// - RFC 850: `Sunday, 06-Nov-94 08:49:37 GMT`
    /// - asctime: `Sun Nov  6 08:49:37 1994`
    ///
    /// Names are matched case-insensitively and the weekday is not checked against the
    /// date: the RFC asks recipients to be lenient, and the weekday adds no information.
    /// Besides `GMT`, the zone may be `UTC` or a numeric `+hhmm`, as RFC 5322 dates in
    /// feeds and exports carry.
    static func httpDate(_ text: UnsafeBufferPointer<UInt8>) -> Date? {
        var cursor = ByteCursor(text)
        guard cursor.name(in: dayNames) != nil || cursor.name(in: longDayNames) != nil else { return nil }
        if cursor.take(ASCII.comma) {
            guard cursor.spaces(), let day = cursor.number(digits: 1, 2) else { return nil }
            return cursor.peek == ASCII.minus ? rfc850(&cursor, day: day) : imfFixdate(&cursor, day: day)
        }
        return asctime(&cursor)
    }

    /// The rest of `Sun, 06 Nov 1994 08:49:37 GMT` after the day of month.
    private static func imfFixdate(_ cursor: inout ByteCursor, day: Int) -> Date? {
        guard cursor.spaces(), let month = cursor.name(in: monthNames),
              cursor.spaces(), let year = cursor.number(digits: 4),
              cursor.spaces(), let time = timeOfDay(&cursor),
              cursor.spaces(), let offset = zone(&cursor), cursor.isAtEnd
        else { return nil }
        return date(CivilDateTime(year: year, month: month + 1, day: day, hour: time.hour, minute: time.minute, second: time.second, offsetSeconds: offset))
    }

    /// The rest of `Sunday, 06-Nov-94 08:49:37 GMT` after the day of month.
    ///
    /// Two-digit years follow POSIX `strptime`: 69–99 are 1969–1999, 00–68 are 2000–2068.
    /// RFC 9110 suggests comparing with the current year instead, but judgement has no
    /// clock, and this form has not been sent by a server this century anyway.
    private static func rfc850(_ cursor: inout ByteCursor, day: Int) -> Date? {
        guard cursor.take(ASCII.minus), let month = cursor.name(in: monthNames), cursor.take(ASCII.minus),
              let shortYear = cursor.number(digits: 2),
              cursor.spaces(), let time = timeOfDay(&cursor),
              cursor.spaces(), let offset = zone(&cursor), cursor.isAtEnd
        else { return nil }
        let year = shortYear >= 69 ? 1900 + shortYear : 2000 + shortYear
        return date(CivilDateTime(year: year, month: month + 1, day: day, hour: time.hour, minute: time.minute, second: time.second, offsetSeconds: offset))
    }

    /// The rest of `Sun Nov  6 08:49:37 1994` after the weekday; always UTC.
    private static func asctime(_ cursor: inout ByteCursor) -> Date? {
        guard cursor.spaces(), let month = cursor.name(in: monthNames),
              cursor.spaces(), let day = cursor.number(digits: 1, 2),
              cursor.spaces(), let time = timeOfDay(&cursor),
              cursor.spaces(), let year = cursor.number(digits: 4), cursor.isAtEnd
        else { return nil }
        return date(CivilDateTime(year: year, month: month + 1, day: day, hour: time.hour, minute: time.minute, second: time.second))
    }

    /// `hh:mm:ss`; ranges are checked with the whole date.
    private static func timeOfDay(_ cursor: inout ByteCursor) -> (hour: Int, minute: Int, second: Int)? {
        guard let hour = cursor.number(digits: 2), cursor.take(ASCII.colon),
              let minute = cursor.number(digits: 2), cursor.take(ASCII.colon),
              let second = cursor.number(digits: 2)
        else { return nil }
        return (hour, minute, second)
    }

    /// `GMT`, `UTC` or `±hhmm`, as seconds east of UTC.
    private static func zone(_ cursor: inout ByteCursor) -> Int? {
        if cursor.name(in: utcNames) != nil { return 0 }
        guard let sign = cursor.take(oneOf: ASCII.plus, ASCII.minus),
              let offset = numericOffset(&cursor, colon: .forbidden)
        else { return nil }
        return sign == ASCII.minus ? -offset : offset
    }

    private static let dayNames = lowercased(["mon", "tue", "wed", "thu", "fri", "sat", "sun"])
    private static let longDayNames = lowercased(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])
    private static let monthNames = lowercased(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])
    private static let utcNames = lowercased(["gmt", "utc", "ut", "z"])

    private static func lowercased(_ names: [String]) -> [[UInt8]] { names.map { Array($0.utf8) } }
}
