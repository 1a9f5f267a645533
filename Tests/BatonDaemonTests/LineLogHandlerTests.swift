@testable import BatonDaemon
import Logging
import Testing

/// One event per line, journald-friendly under systemd.
struct LineLogHandlerTests {
    /// Under systemd ($JOURNAL_STREAM) each line starts with the sd-daemon priority and carries no timestamp.
    @Test(arguments: [(Logger.Level.error, "<3>"), (.warning, "<4>"), (.notice, "<5>"), (.info, "<6>"), (.debug, "<7>"), (.critical, "<2>")])
    func journalPriorities(level: Logger.Level, prefix: String) {
        let handler = LineLogHandler(label: "batond", level: .trace, journal: true)
        #expect(handler.line(level: level, message: "lead-sync: healthy → stale", metadata: nil) == "\(prefix)lead-sync: healthy → stale\n")
    }

    /// By hand: a UTC timestamp and the level; a newline inside a message never splits the event.
    @Test func plainLinesStayOneLine() {
        let handler = LineLogHandler(label: "batond", level: .trace, journal: false)
        let line = handler.line(level: .warning, message: "first\nsecond", metadata: ["integration": "lead-sync"])
        #expect(line.hasSuffix(" warning first ⏎ second integration=lead-sync\n"))
        #expect(line.filter { $0 == "\n" }.count == 1)
        #expect(line.hasPrefix("20"))
    }
}
