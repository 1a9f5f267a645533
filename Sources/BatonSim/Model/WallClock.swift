#if canImport(Glibc)
import Glibc
#endif

/// Wall-clock timestamps in the formats integrations use, without Foundation formatters.
struct WallClock: Equatable {
    /// Seconds since the Unix epoch, with a fraction.
    var secondsSinceEpoch: Double

    static func now() -> WallClock {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return WallClock(secondsSinceEpoch: Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9)
    }

    func advanced(bySeconds seconds: Double) -> WallClock {
        WallClock(secondsSinceEpoch: secondsSinceEpoch + seconds)
    }

    private var brokenDown: tm {
        var seconds = time_t(secondsSinceEpoch.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return parts
    }

    /// `2026-11-23T10:00:00Z`, or with milliseconds: `2026-11-23T10:00:00.123Z`.
    func rfc3339(withFraction: Bool = false) -> String {
        let t = brokenDown
        var text = "\(t.tm_year + 1900)-\(pad(t.tm_mon + 1))-\(pad(t.tm_mday))T\(pad(t.tm_hour)):\(pad(t.tm_min)):\(pad(t.tm_sec))"
        if withFraction {
            let millis = Int((secondsSinceEpoch - secondsSinceEpoch.rounded(.down)) * 1000) % 1000
            text += "." + String(repeating: "0", count: millis < 10 ? 2 : millis < 100 ? 1 : 0) + "\(millis)"
        }
        return text + "Z"
    }

    /// The HTTP date of RFC 9110: `Sun, 06 Nov 1994 08:49:37 GMT`.
    var httpDate: String {
        let t = brokenDown
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(days[Int(t.tm_wday)]), \(pad(t.tm_mday)) \(months[Int(t.tm_mon)]) \(t.tm_year + 1900) \(pad(t.tm_hour)):\(pad(t.tm_min)):\(pad(t.tm_sec)) GMT"
    }

    private func pad(_ value: Int32) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
