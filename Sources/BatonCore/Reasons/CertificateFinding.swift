import struct Foundation.Date

/// The server certificate's validity against `expect.certificate` (`warn_before`, `error_before`).
///
/// Days are counted by the judgement at probe time; the dates are the certificate's own, shown as UTC days.
public enum CertificateFinding: Sendable, Hashable, Codable {
    /// `certificate expires in 5 days (2026-12-07)`: passing, or a warning or breach when too soon.
    case expiresIn(days: Int, on: Date)
    /// `certificate expired 2 days ago (2026-11-30)`.
    case expired(daysAgo: Int, on: Date)
    /// `certificate not valid before 2026-12-07`.
    case notYetValid(from: Date)

    public var compact: String {
        switch self {
        case .expiresIn(let days, let date):
            let when = days <= 0 ? "today" : "in \(ReasonText.count(days, "day", "days"))"
            return "certificate expires \(when) (\(UTCTime.day(date)))"
        case .expired(let days, let date):
            let when = days <= 0 ? "today" : "\(ReasonText.count(days, "day", "days")) ago"
            return "certificate expired \(when) (\(UTCTime.day(date)))"
        case .notYetValid(let date):
            return "certificate not valid before \(UTCTime.day(date))"
        }
    }
}
