/// Durations as a person reads them in a notice: `3 h 12 min`, `2 d 4 h`, `45 s`.
public enum PlainDuration {
    private static let units: [(name: String, seconds: Int)] = [("d", 86_400), ("h", 3600), ("min", 60), ("s", 1)]

    /// Whole seconds in the two largest units that are not zero: `4320` → `1 h 12 min`.
    ///
    /// Like Baton's compact form (`1h12m`), a second unit is shown only when it is not zero.
    public static func words(seconds: Int) -> String {
        guard seconds > 0 else { return "0 s" }
        guard let first = units.firstIndex(where: { seconds >= $0.seconds }) else { return "0 s" }
        var parts = ["\(seconds / units[first].seconds) \(units[first].name)"]
        if first + 1 < units.count {
            let next = (seconds % units[first].seconds) / units[first + 1].seconds
            if next > 0 { parts.append("\(next) \(units[first + 1].name)") }
        }
        return parts.joined(separator: " ")
    }

    /// Baton's compact form in words: `3h12m` → `3 h 12 min`, `2.4s` → `2.4 s`, `500ms` → `500 ms`;
    /// `nil` when `compact` is not one.
    ///
    /// Zero parts are left out (`2h0m1s` → `2 h 1 s`) unless every part is zero.
    public static func words(compact: some StringProtocol) -> String? {
        var parts: [(number: Substring, unit: String)] = []
        var rest = Substring(compact)
        while !rest.isEmpty {
            let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !number.isEmpty, number.first != ".", number.last != ".", number.filter({ $0 == "." }).count <= 1 else { return nil }
            rest = rest.dropFirst(number.count)
            let letters = rest.prefix { $0.isASCII && $0.isLetter }
            guard let unit = unitName(letters) else { return nil }
            rest = rest.dropFirst(letters.count)
            parts.append((number, unit))
        }
        guard !parts.isEmpty else { return nil }
        let shown = parts.filter { !isZero($0.number) }
        return (shown.isEmpty ? [parts[0]] : shown).map { "\($0.number) \($0.unit)" }.joined(separator: " ")
    }

    private static func unitName(_ letters: Substring) -> String? {
        switch letters {
        case "d": "d"
        case "h": "h"
        case "m": "min"
        case "s": "s"
        case "ms": "ms"
        default: nil
        }
    }

    private static func isZero(_ number: Substring) -> Bool {
        number.allSatisfy { $0 == "0" || $0 == "." }
    }
}
