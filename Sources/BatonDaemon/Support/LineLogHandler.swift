import BatonCore
import Foundation
import Logging
import Synchronization

/// One event per line on stderr: timestamped when run by hand, with the sd-daemon
/// priority prefix (`<4>`) and no timestamp under systemd, whose journal adds its own.
public struct LineLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    let label: String
    let journal: Bool

    /// - Parameters:
    ///   - journal: write priority prefixes for journald; default: when `$JOURNAL_STREAM` is set.
    public init(label: String, level: Logger.Level, journal: Bool = ProcessInfo.processInfo.environment["JOURNAL_STREAM"] != nil) {
        self.label = label
        self.logLevel = level
        self.journal = journal
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        Self.write(Self.scrubber.withLock { $0 }.scrub(line(level: event.level, message: event.message.description, metadata: event.metadata)))
    }

    /// The config's secrets: no log line carries one, whatever text it quotes (set at start and on reload).
    public static let scrubber = Mutex(SecretScrubber(secrets: []))

    /// The line written for one event, newline included.
    func line(level: Logger.Level, message: String, metadata extra: Logger.Metadata?) -> String {
        var text = message
        let merged = metadata.merging(extra ?? [:]) { _, new in new }
        if !merged.isEmpty {
            text += " " + merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        }
        // One event, one line: a newline inside a message would split it in the journal.
        text = text.replacingOccurrences(of: "\n", with: " ⏎ ")
        if journal {
            return "<\(Self.priority(level))>\(text)\n"
        }
        return "\(WallClock.logTimestamp()) \(level.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)) \(text)\n"
    }

    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    private static let lock = Mutex(())

    static func write(_ line: String) {
        lock.withLock { _ in
            var bytes = Array(line.utf8)
            bytes.withUnsafeMutableBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let written = Foundation.write(2, raw.baseAddress.map { $0 + offset }, raw.count - offset)
                    if written <= 0 { break }
                    offset += written
                }
            }
        }
    }
}

/// Wall-clock formatting for log lines.
enum WallClock {
    /// `2026-11-23T10:00:00.123Z`.
    static func logTimestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var seconds = time_t(now.tv_sec)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
            parts.tm_hour, parts.tm_min, parts.tm_sec, Int(now.tv_nsec / 1_000_000)
        )
    }
}
