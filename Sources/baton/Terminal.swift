import BatonCore
import Foundation

/// What the output terminal can do: colour only on a TTY and without NO_COLOR, width for tables.
struct Terminal {
    let isTTY: Bool
    let colour: Bool
    /// Columns available; `nil` when writing to a pipe or file (lines are never cut there).
    let width: Int?

    static let current: Terminal = {
        let tty = isatty(STDOUT_FILENO) == 1
        let environment = ProcessInfo.processInfo.environment
        let noColour = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        var width: Int?
        if tty {
            var size = winsize()
            if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
                width = Int(size.ws_col)
            } else {
                width = environment["COLUMNS"].flatMap(Int.init) ?? 80
            }
        }
        return Terminal(isTTY: tty, colour: tty && !noColour && environment["TERM"] != "dumb", width: width)
    }()

    enum Colour: String {
        case green = "32", yellow = "33", red = "31", magenta = "35", cyan = "36", dim = "2", bold = "1"
    }

    func paint(_ text: String, _ colour: Colour) -> String {
        self.colour ? "\u{1B}[\(colour.rawValue)m\(text)\u{1B}[0m" : text
    }

    /// A state name in its colour.
    func state(_ name: String) -> String {
        switch name {
        case "healthy": paint(name, .green)
        case "degraded": paint(name, .yellow)
        case "stale": paint(name, .magenta)
        case "down": paint(name, .red)
        case "blocked": paint(name, .cyan)
        default: paint(name, .dim)
        }
    }
}

extension String {
    /// Config values are user input: never let them move the cursor, change colours or
    /// reorder the line (``TerminalText/escaped(_:)``).
    var printable: String {
        TerminalText.escaped(self)
    }

    /// Cut to `width` characters with an ellipsis.
    func truncated(to width: Int) -> String {
        guard count > width else { return self }
        guard width > 1 else { return String(prefix(width)) }
        return String(prefix(width - 1)) + "…"
    }

    func padded(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
