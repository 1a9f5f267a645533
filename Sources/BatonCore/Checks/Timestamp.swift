import struct Foundation.Date

/// Reads the time of an integration's last sync from whatever an endpoint reports.
///
/// Accepted forms, all parsed by hand (no `DateFormatter`: slow, and its locale and
/// calendar settings are traps in a daemon):
/// - RFC 3339 / ISO 8601 date-times: `2026-11-23T10:00:00Z`, any number of fraction
///   digits, offsets `Z`, `z`, `+02:00`, `+0200` or `+02`, separator `T`, `t` or a
///   space. A date-time **without an offset is taken as UTC**: servers that omit it
///   almost always mean UTC, and the daemon's own time zone must not change a verdict.
/// - Unix epoch seconds or milliseconds, as JSON numbers or digit-only strings, with
///   an optional fraction. Values above 1e11 are milliseconds (1e11 seconds is the year
///   5138; 1e11 milliseconds is 1973), so both readings can never be confused for
///   plausible sync times.
/// - HTTP dates (RFC 9110 §5.6.7), for headers such as `Last-Modified`: IMF-fixdate
///   `Sun, 06 Nov 1994 08:49:37 GMT` and the obsolete RFC 850 and asctime forms.
///
/// A leap second (`23:59:60` UTC) is valid and read as the next day's first instant.
/// Invalid dates (month 13, February 30, hour 24), negative epochs and anything after
/// the year 9999 are rejected, so a garbage value reads as "not a timestamp" rather
/// than as an absurd age.
public enum Timestamp {
    /// The timestamp a JSON value holds: an epoch number, or a string in any accepted form.
    public static func parse(_ value: JSONValue) -> Date? {
        switch value {
        case .number(let number): epoch(number)
        case .string(let text): parse(text)
        default: nil
        }
    }

    /// The timestamp a text holds, ignoring surrounding whitespace.
    public static func parse(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { buffer in
            var start = 0
            var end = buffer.count
            while start < end, isSpace(buffer[start]) { start += 1 }
            while end > start, isSpace(buffer[end - 1]) { end -= 1 }
            let trimmed = UnsafeBufferPointer(rebasing: buffer[start..<end])
            guard let first = trimmed.first else { return nil }
            if ASCII.isLetter(first) { return httpDate(trimmed) }
            if let date = rfc3339(trimmed) { return date }
            return epoch(digits: trimmed)
        }
    }

    /// Latest instant accepted: 9999-12-31T23:59:59Z.
    static let latest: Double = 253_402_300_799

    /// Seconds or milliseconds since 1970, told apart by size.
    static func epoch(_ value: Double) -> Date? {
        guard value.isFinite, value >= 0 else { return nil }
        let seconds = value > 1e11 ? value / 1000 : value
        guard seconds <= latest else { return nil }
        return Date(timeIntervalSince1970: seconds)
    }

    /// An epoch written as digits with an optional fraction: `1795428000`, `1795428000123`, `1795428000.5`.
    private static func epoch(digits text: UnsafeBufferPointer<UInt8>) -> Date? {
        var cursor = ByteCursor(text)
        guard cursor.number(digits: 1, 18) != nil else { return nil }
        if cursor.take(ASCII.dot) {
            guard let digit = cursor.peek, ASCII.isDigit(digit) else { return nil }
            while let digit = cursor.peek, ASCII.isDigit(digit) { cursor.index += 1 }
        }
        guard cursor.isAtEnd, let value = Double(String(decoding: text, as: UTF8.self)) else { return nil }
        return epoch(value)
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == ASCII.space || byte == ASCII.tab || byte == ASCII.lineFeed || byte == ASCII.carriageReturn
    }

    /// The instant a validated date-time names, within the accepted range (1970 to 9999).
    static func date(_ civil: CivilDateTime) -> Date? {
        if civil.second == 60 { return leapSecond(civil) }
        guard let seconds = civil.secondsSince1970, seconds >= 0, seconds < latest + 1 else { return nil }
        return Date(timeIntervalSince1970: seconds)
    }

    /// A leap second, `23:59:60` UTC (RFC 3339 §5.7, and RFC 9110's time-of-day), read as the
    /// first instant of the next day: `2016-12-31T23:59:60Z` is `2017-01-01T00:00:00Z`, and
    /// `23:59:60.5Z` is half a second later. That is how POSIX time, which has no leap
    /// seconds, counts it; freshness is judged in minutes, so the second it repeats is moot.
    ///
    /// Only the last second of a UTC day (in any offset: `15:59:60-08:00` too) can be one;
    /// `10:00:60` is still garbage. Which days really had one is not checked: that table
    /// changes, and a sync API that writes `:60` on a wrong day is not lying about the hour.
    private static func leapSecond(_ civil: CivilDateTime) -> Date? {
        var previous = civil
        previous.second = 59
        previous.nanoseconds = 0
        guard let whole = previous.secondsSince1970, whole >= 0, Int(whole) % 86_400 == 86_399 else { return nil }
        let seconds = whole + 1 + Double(civil.nanoseconds) / 1e9
        guard seconds < latest + 1 else { return nil }
        return Date(timeIntervalSince1970: seconds)
    }
}
