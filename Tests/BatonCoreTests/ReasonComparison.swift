@testable import BatonCore

/// Tests state reasons as `baton status` shows them: a typed reason equals the compact text it renders.
func == (reason: Reason, text: String) -> Bool {
    reason.compact == text
}

/// A finding as `baton check` lists it: its level and its compact text.
struct Shown: Equatable, CustomStringConvertible {
    var level: VerdictLevel
    var text: String

    init(level: VerdictLevel, text: String) {
        self.level = level
        self.text = text
    }

    var description: String { "\(level): \(text)" }
}

extension Finding {
    var shown: Shown { Shown(level: level, text: reason.compact) }
}
