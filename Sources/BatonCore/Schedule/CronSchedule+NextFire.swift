import Foundation

extension CronSchedule {
    /// The next minute the schedule fires strictly after `after`, read on the wall clock of `timeZone`.
    ///
    /// Daylight saving time, where a wall-clock time does not map to exactly one instant:
    /// - A time that does not exist (skipped when clocks spring forward) fires once, at the
    ///   first instant after the gap: `30 2 * * *` in Berlin fires at 03:00 CEST on the
    ///   spring-forward Sunday. Several skipped times collapse into that one firing.
    /// - A time that occurs twice (when clocks fall back) fires once, at its first
    ///   occurrence. This holds for every minute, so `*/15 * * * *` is silent during the
    ///   repeated hour rather than firing twice.
    ///
    /// Returns `nil` when nothing fires within nine years, which the parser's checks leave no
    /// room for in practice, and for an `after` beyond about 285,000 years either side of 1970
    /// (``Date/unixMillisecondsLimit``), where the day arithmetic would leave `Int64`.
    public func nextFire(after: Date, in timeZone: TimeZone) -> Date? {
        let afterSeconds = after.timeIntervalSince1970
        let limit = Double(Date.unixMillisecondsLimit / 1000)
        guard afterSeconds.isFinite, abs(afterSeconds) <= limit else { return nil }
        let start = Int64(afterSeconds.rounded(.down))
        // The wall clock at `after`, as seconds since 1970-01-01 00:00 on that clock.
        let wallStart = start + Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(start))))
        let startMinute = Self.floorDivide(wallStart, 60) * 60
        let firstDay = Self.floorDivide(startMinute, 86_400)
        // Nine years covers the longest gap between two February 29ths (across 2100).
        for day in firstDay..<(firstDay + 9 * 366) {
            let (_, month, dayOfMonth) = Self.civilDate(fromDays: day)
            let weekday = Int(((day % 7) + 11) % 7)  // 1970-01-01 was a Thursday (4)
            guard matchesDay(month: month, day: dayOfMonth, weekday: weekday) else { continue }
            // On the first day, start at `after`'s minute: walking the day from midnight made
            // each call cost up to 1,440 steps, and a month of an every-minute window 40,000 calls.
            let firstMinute = day == firstDay ? Int((startMinute - day * 86_400) / 60) : 0
            for minuteOfDay in firstMinute..<1_440 where matchesTime(hour: minuteOfDay / 60, minute: minuteOfDay % 60) {
                let wall = day * 86_400 + Int64(minuteOfDay * 60)
                let instant = Self.instant(forWall: wall, in: timeZone)
                if Double(instant) > afterSeconds { return Date(timeIntervalSince1970: Double(instant)) }
            }
        }
        return nil
    }

    /// The instant a wall-clock time denotes: the earliest when it occurs twice, the end of
    /// the gap when it does not occur at all.
    static func instant(forWall wall: Int64, in timeZone: TimeZone) -> Int64 {
        func offset(_ instant: Int64) -> Int64 {
            Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(instant))))
        }
        // Offsets in force around the time; a zone changes at most once within a day of it.
        let offsets = Set([offset(wall - 86_400), offset(wall), offset(wall + 86_400)])
        let valid = offsets.map { wall - $0 }.filter { offset($0) == wall - $0 }
        if let earliest = valid.min() { return earliest }
        // In a gap: find the first instant whose wall clock is past `wall`, which is the transition.
        guard let smallest = offsets.min(), let largest = offsets.max() else { return wall }
        var low = wall - largest   // wall clock still before the gap
        var high = wall - smallest // wall clock already after it
        while high - low > 1 {
            let middle = low + (high - low) / 2
            if middle + offset(middle) > wall { high = middle } else { low = middle }
        }
        return high
    }

    /// Year, month and day of a count of days since 1970-01-01 (proleptic Gregorian).
    ///
    /// Howard Hinnant's `civil_from_days`: plain arithmetic, so the search needs no Calendar.
    static func civilDate(fromDays days: Int64) -> (year: Int64, month: Int, day: Int) {
        let z = days + 719_468
        let era = floorDivide(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, Int(month), Int(day))
    }

    static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
