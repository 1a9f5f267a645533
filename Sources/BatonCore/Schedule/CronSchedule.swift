/// A five-field cron schedule (minute hour day-of-month month day-of-week), names allowed.
///
/// Fields take `*`, numbers, lists (`1,15`), ranges (`1-5`), steps (`*/15`, `1-5/2`, and
/// `5/15` meaning `5-59/15`) and names (`JAN`–`DEC`, `SUN`–`SAT`, any case, also in ranges
/// like `MON-FRI`). Day-of-week takes 0–7, where 0 and 7 are both Sunday. The aliases
/// `@hourly`, `@daily` (`@midnight`), `@weekly`, `@monthly` and `@yearly` (`@annually`) work too.
///
/// When both day fields are restricted, a day matches if *either* does (Vixie cron):
/// `0 9 1 * MON` fires on the 1st and on every Monday. As in Vixie cron, a field that starts
/// with `*` (even `*/2`) counts as unrestricted.
public struct CronSchedule: Sendable, Hashable, CustomStringConvertible {
    /// The expression as written.
    public let expression: String

    /// One bit per allowed value: minutes 0–59, hours 0–23, days 1–31, months 1–12, weekdays 0–6 (Sunday 0).
    let minutes: UInt64
    let hours: UInt64
    let daysOfMonth: UInt64
    let months: UInt64
    let daysOfWeek: UInt64
    /// True when both day fields are restricted, so either may match.
    let eitherDayMatches: Bool

    public init(parsing expression: String) throws(CronSyntaxError) {
        self.expression = expression
        let trimmed = expression.trimmingWhitespace
        let fields = try Self.fields(of: trimmed)
        minutes = try CronField.minute.parse(fields[0])
        hours = try CronField.hour.parse(fields[1])
        daysOfMonth = try CronField.dayOfMonth.parse(fields[2])
        months = try CronField.month.parse(fields[3])
        var weekdays = try CronField.dayOfWeek.parse(fields[4])
        if weekdays & (1 << 7) != 0 { weekdays = (weekdays | 1) & ~(1 << 7) }
        daysOfWeek = weekdays
        let dayOfMonthRestricted = !fields[2].hasPrefix("*")
        let dayOfWeekRestricted = !fields[4].hasPrefix("*")
        eitherDayMatches = dayOfMonthRestricted && dayOfWeekRestricted
        if dayOfMonthRestricted && !dayOfWeekRestricted { try checkDaysExist() }
    }

    public var description: String { expression }

    /// True when the schedule fires on this day (weekday 0 is Sunday).
    func matchesDay(month: Int, day: Int, weekday: Int) -> Bool {
        guard months.has(month) else { return false }
        let dayOfMonth = daysOfMonth.has(day), dayOfWeek = daysOfWeek.has(weekday)
        return eitherDayMatches ? (dayOfMonth || dayOfWeek) : (dayOfMonth && dayOfWeek)
    }

    /// True when the schedule fires at this time of a matching day.
    func matchesTime(hour: Int, minute: Int) -> Bool {
        hours.has(hour) && minutes.has(minute)
    }

    /// The five fields, after expanding an alias.
    private static func fields(of text: String) throws(CronSyntaxError) -> [String] {
        if text.hasPrefix("@") {
            switch text.lowercased() {
            case "@yearly", "@annually": return ["0", "0", "1", "1", "*"]
            case "@monthly": return ["0", "0", "1", "*", "*"]
            case "@weekly": return ["0", "0", "*", "*", "0"]
            case "@daily", "@midnight": return ["0", "0", "*", "*", "*"]
            case "@hourly": return ["0", "*", "*", "*", "*"]
            case "@reboot": throw CronSyntaxError("@reboot is not supported: Baton schedules by the clock only")
            default: throw CronSyntaxError("unknown alias `\(text)`; expected @hourly, @daily, @weekly, @monthly or @yearly")
            }
        }
        let fields = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard !fields.isEmpty else { throw CronSyntaxError("empty cron expression; expected 5 fields like \"0 9 * * MON-FRI\"") }
        guard fields.count == 5 else {
            throw CronSyntaxError("expected 5 fields (minute hour day-of-month month day-of-week), found \(fields.count)")
        }
        return fields
    }

    /// Rejects a day-of-month that no chosen month has (`0 0 30 FEB *`): it would never fire.
    private func checkDaysExist() throws(CronSyntaxError) {
        let longest = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        let possible = (1...12).contains { month in
            months.has(month) && (1...longest[month]).contains { daysOfMonth.has($0) }
        }
        if !possible {
            throw CronSyntaxError("day-of-month field: no chosen month has that day, so the schedule would never fire")
        }
    }
}

/// Why a cron expression could not be parsed.
public struct CronSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}

/// One of the five fields: its name in errors, its range, and the names it accepts.
struct CronField {
    let name: String
    let range: ClosedRange<Int>
    let names: [String]
    /// The value of `names[0]`.
    let firstNameValue: Int

    static let minute = CronField(name: "minute", range: 0...59, names: [], firstNameValue: 0)
    static let hour = CronField(name: "hour", range: 0...23, names: [], firstNameValue: 0)
    static let dayOfMonth = CronField(name: "day-of-month", range: 1...31, names: [], firstNameValue: 1)
    static let month = CronField(
        name: "month", range: 1...12,
        names: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"], firstNameValue: 1
    )
    static let dayOfWeek = CronField(
        name: "day-of-week", range: 0...7, names: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"], firstNameValue: 0
    )

    /// The field as a bit set of allowed values.
    func parse(_ text: String) throws(CronSyntaxError) -> UInt64 {
        var bits: UInt64 = 0
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard !item.isEmpty else { throw error("empty item in the list `\(text)`") }
            let parts = item.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count <= 2 else { throw error("more than one `/` in `\(item)`") }
            var step = 1
            if parts.count == 2 {
                guard let value = Int(parts[1]), value > 0 else {
                    throw error("step `\(parts[1])` in `\(item)` must be a whole number above 0")
                }
                step = value
            }
            let bounds = try self.bounds(of: parts[0], hasStep: parts.count == 2)
            for value in stride(from: bounds.lowerBound, through: bounds.upperBound, by: step) {
                bits |= 1 << UInt64(value)
            }
        }
        return bits
    }

    private func bounds(of text: Substring, hasStep: Bool) throws(CronSyntaxError) -> ClosedRange<Int> {
        if text == "*" { return range }
        let ends = text.split(separator: "-", omittingEmptySubsequences: false)
        switch ends.count {
        case 1:
            let value = try self.value(ends[0])
            // `5/15` is read as `5-59/15`, as most crons do.
            return hasStep ? value...range.upperBound : value...value
        case 2:
            let low = try value(ends[0]), high = try value(ends[1])
            guard low <= high else { throw error("range `\(text)` runs backwards; write the smaller value first") }
            return low...high
        default:
            throw error("`\(text)` is not a value or a range like 1-5")
        }
    }

    private func value(_ text: Substring) throws(CronSyntaxError) -> Int {
        if let number = Int(text), text.allSatisfy(\.isASCII) {
            guard range.contains(number) else {
                throw error("\(number) is out of range \(range.lowerBound)–\(range.upperBound)")
            }
            return number
        }
        if let index = names.firstIndex(of: text.uppercased()) { return index + firstNameValue }
        let accepted = names.isEmpty
            ? "a number \(range.lowerBound)–\(range.upperBound)"
            : "a number \(range.lowerBound)–\(range.upperBound) or a name \(names[0])–\(names[names.count - 1])"
        throw error("`\(text)` is not \(accepted)")
    }

    private func error(_ why: String) -> CronSyntaxError {
        CronSyntaxError("\(name) field: \(why)")
    }
}

fileprivate extension UInt64 {
    /// True when bit `value` is set.
    func has(_ value: Int) -> Bool { value >= 0 && value < 64 && self & (1 << UInt64(value)) != 0 }
}

fileprivate extension String {
    var trimmingWhitespace: String {
        let characters = drop { $0.isWhitespace }
        return String(characters.reversed().drop { $0.isWhitespace }.reversed())
    }
}
