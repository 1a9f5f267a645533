import Foundation

/// How dates and JSON look on the control API: RFC 3339 UTC with seconds, sorted keys.
public enum WireFormat {
    /// `2026-11-23T10:00:00Z`. A date beyond about 285,000 years either side of 1970 is written
    /// as that limit, so no stored time can trap the conversion.
    public static func timestamp(_ date: Date) -> String {
        let (days, seconds) = civilParts(date)
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        guard (0...9999).contains(year) else {
            return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", year, month, day, seconds / 3600, (seconds % 3600) / 60, seconds % 60)
        }
        // The common case without `String(format:)`, which costs microseconds.
        return String(unsafeUninitializedCapacity: 20) { text in
            writeTimestamp(year: year, month: month, day: day, seconds: seconds, into: text)
            return 20
        }
    }

    /// Days since 1970-01-01 and seconds into that day, with `date` capped as ``timestamp(_:)`` says.
    static func civilParts(_ date: Date) -> (days: Int64, seconds: Int64) {
        let whole = date.timeIntervalSince1970.rounded(.down)
        let seconds = whole.isNaN ? 0 : Int64(min(max(whole, -9e12), 9e12))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        return (days, seconds - days * 86_400)
    }

    /// The 20 bytes of `YYYY-MM-DDTHH:MM:SSZ` into `text`, for a year of four digits.
    static func writeTimestamp(year: Int64, month: Int64, day: Int64, seconds: Int64, into text: UnsafeMutableBufferPointer<UInt8>) {
        func put(_ value: Int64, digits: Int, at offset: Int) {
            var rest = value
            for index in stride(from: offset + digits - 1, through: offset, by: -1) {
                text[index] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
            }
        }
        put(year, digits: 4, at: 0)
        text[4] = UInt8(ascii: "-")
        put(month, digits: 2, at: 5)
        text[7] = UInt8(ascii: "-")
        put(day, digits: 2, at: 8)
        text[10] = UInt8(ascii: "T")
        put(seconds / 3600, digits: 2, at: 11)
        text[13] = UInt8(ascii: ":")
        put((seconds % 3600) / 60, digits: 2, at: 14)
        text[16] = UInt8(ascii: ":")
        put(seconds % 60, digits: 2, at: 17)
        text[19] = UInt8(ascii: "Z")
    }

    /// Parses what ``timestamp(_:)`` writes for years 0 to 9999; `nil` for anything else, so
    /// text from the socket cannot overflow the day arithmetic.
    public static func date(_ text: String) -> Date? {
        let parts = text.split(whereSeparator: { "-T:Z".contains($0) }).compactMap { Int64($0) }
        guard parts.count == 6, text.hasSuffix("Z"), (0...9999).contains(parts[0]), (1...12).contains(parts[1]), (1...31).contains(parts[2]),
              (0...23).contains(parts[3]), (0...59).contains(parts[4]), (0...60).contains(parts[5])
        else { return nil }
        let days = daysSinceEpoch(year: parts[0], month: parts[1], day: parts[2])
        return Date(timeIntervalSince1970: Double(days * 86_400 + parts[3] * 3600 + parts[4] * 60 + parts[5]))
    }

    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    public static func decoder() -> JSONDecoder { JSONDecoder() }

    // Howard Hinnant's civil-from-days algorithm: exact for the proleptic Gregorian calendar.
    static func civilDate(daysSinceEpoch: Int64) -> (Int64, Int64, Int64) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func daysSinceEpoch(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}

extension WireJSON {
    /// A date as ``WireFormat/timestamp(_:)`` writes it, quoted, or `null`: written in place,
    /// without the string (the status of 10,000 integrations has 20,000 of them).
    public mutating func timestamp(_ date: Date?) {
        guard let date else { return null() }
        let (days, seconds) = WireFormat.civilParts(date)
        let (year, month, day) = WireFormat.civilDate(daysSinceEpoch: days)
        guard (0...9999).contains(year) else { return string(WireFormat.timestamp(date)) }
        appendQuoted(count: 20) { WireFormat.writeTimestamp(year: year, month: month, day: day, seconds: seconds, into: $0) }
    }
}
