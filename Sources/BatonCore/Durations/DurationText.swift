/// A duration as Baton writes it for people: a few parts from the largest unit down.
///
/// One value gives both forms, so the CLI and the notices always show the same numbers:
/// ``compact`` for status lines, reasons, logs and config (`3h12m`, `2.4s`, `500ms`) and
/// ``words`` for chat (`3 h 12 min`, `2.4 s`, `500 ms`). Make one with ``init(_:)`` (at a
/// glance), ``age(seconds:)`` or ``age(seconds:beyond:)``; read config text with ``parse(_:)``.
public struct DurationText: Sendable, Hashable {
    /// The units Baton shows, largest first.
    public enum Unit: Sendable, Hashable, CaseIterable {
        case days, hours, minutes, seconds, milliseconds

        /// `d`, `h`, `m`, `s`, `ms`: the config and compact form.
        public var symbol: String {
            switch self {
            case .days: "d"
            case .hours: "h"
            case .minutes: "m"
            case .seconds: "s"
            case .milliseconds: "ms"
            }
        }

        /// `d`, `h`, `min`, `s`, `ms`: the plain-word form (`m` alone could read as metres or months).
        public var word: String {
            self == .minutes ? "min" : symbol
        }
    }

    /// One amount of one unit; the amount is already written (`12`, `2.4`).
    public struct Part: Sendable, Hashable {
        public var amount: String
        public var unit: Unit
        /// True when the amount is nought: left out of ``DurationText/words``.
        var isZero: Bool { amount.allSatisfy { $0 == "0" || $0 == "." } }
    }

    public var parts: [Part]
    public var isNegative: Bool

    public init(parts: [Part], isNegative: Bool = false) {
        self.parts = parts
        self.isNegative = isNegative
    }

    /// `3h12m`, `2h0m1s`, `2.4s`, `500ms`, `-5s`.
    public var compact: String {
        var text = isNegative ? "-" : ""
        for part in parts {
            text += part.amount
            text += part.unit.symbol
        }
        return text
    }

    /// `3 h 12 min`, `2 h 1 s`, `2.4 s`, `500 ms`: nought parts are left out unless all are.
    public var words: String {
        let shown = parts.filter { !$0.isZero }
        let kept = shown.isEmpty ? Array(parts.prefix(1)) : shown
        return (isNegative ? "-" : "") + kept.map { "\($0.amount) \($0.unit.word)" }.joined(separator: " ")
    }
}

extension DurationText: CustomStringConvertible {
    public var description: String { compact }
}
