/// A five-field cron schedule (minute hour day-of-month month day-of-week), names allowed.
public struct CronSchedule: Sendable, Hashable, CustomStringConvertible {
    /// The expression as written.
    public let expression: String

    public init(parsing expression: String) throws(CronSyntaxError) {
        self.expression = expression
    }

    public var description: String { expression }
}

/// Why a cron expression could not be parsed.
public struct CronSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
