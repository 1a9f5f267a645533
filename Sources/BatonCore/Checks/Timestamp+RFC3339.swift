import struct Foundation.Date

extension Timestamp {
    /// `YYYY-MM-DD(T|t| )hh:mm:ss[(.|,)f+][Z|z|±hh:mm|±hhmm|±hh]`, or `nil`.
    static func rfc3339(_ text: UnsafeBufferPointer<UInt8>) -> Date? {
        var cursor = ByteCursor(text)
        guard let year = cursor.number(digits: 4), cursor.take(ASCII.minus),
              let month = cursor.number(digits: 2), cursor.take(ASCII.minus),
              let day = cursor.number(digits: 2),
              cursor.take(oneOf: UInt8(ascii: "T"), UInt8(ascii: "t"), ASCII.space) != nil,
              let hour = cursor.number(digits: 2), cursor.take(ASCII.colon),
              let minute = cursor.number(digits: 2), cursor.take(ASCII.colon),
              let second = cursor.number(digits: 2)
        else { return nil }
        var civil = CivilDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)

        // ISO 8601 allows a comma as the decimal sign; any number of digits, nanoseconds kept.
        if cursor.take(oneOf: ASCII.dot, ASCII.comma) != nil {
            var digits = 0
            while let byte = cursor.peek, ASCII.isDigit(byte) {
                if digits < 9 { civil.nanoseconds = civil.nanoseconds * 10 + Int(byte - ASCII.zero) }
                digits += 1
                cursor.index += 1
            }
            guard digits > 0 else { return nil }
            for _ in min(digits, 9)..<9 { civil.nanoseconds *= 10 }
        }

        if cursor.take(oneOf: UInt8(ascii: "Z"), UInt8(ascii: "z")) != nil {
            civil.offsetSeconds = 0
        } else if let sign = cursor.take(oneOf: ASCII.plus, ASCII.minus) {
            guard let offset = numericOffset(&cursor, colon: .optional) else { return nil }
            civil.offsetSeconds = sign == ASCII.minus ? -offset : offset
        }
        guard cursor.isAtEnd else { return nil }
        return date(civil)
    }

    enum OffsetColon { case optional, forbidden }

    /// `hh`, `hh:mm` or `hhmm` after the sign, in seconds; hours up to 23, minutes up to 59.
    static func numericOffset(_ cursor: inout ByteCursor, colon: OffsetColon) -> Int? {
        guard let hours = cursor.number(digits: 2), hours <= 23 else { return nil }
        var minutes = 0
        if colon == .optional, cursor.take(ASCII.colon) {
            guard let written = cursor.number(digits: 2) else { return nil }
            minutes = written
        } else if let written = cursor.number(digits: 2) {
            minutes = written
        } else if colon == .forbidden {
            return nil
        }
        guard minutes <= 59 else { return nil }
        return hours * 3600 + minutes * 60
    }
}
