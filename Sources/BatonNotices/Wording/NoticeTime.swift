import BatonCore
import Foundation

/// Times in notices: UTC, so every reader, wherever they are, sees the same numbers.
enum NoticeTime {
    /// `23 Nov 2026, 08:48 UTC`.
    static func human(_ date: Date) -> String { UTCTime.human(date) }

    /// `2026-11-23T08:48:05Z`: RFC 3339 in whole seconds.
    static func rfc3339(_ date: Date) -> String { UTCTime.rfc3339(date) }

    /// Whole Unix seconds, rounded down.
    static func unixSeconds(_ date: Date) -> Int {
        Int(date.unixSeconds)
    }
}
