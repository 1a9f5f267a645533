/// A glob in the last path segment of a file drop's URL: `leads_*.csv`, `export-????.csv`,
/// `report_[0-9]*.xlsx`. `*` is any run of characters, `?` one character, `[…]` one of a set
/// (`[!…]` none of it). Names are compared by Unicode scalars; there is no `/` in a name.
public struct FileGlob: Sendable, Equatable {
    public let pattern: String
    private let scalars: [Unicode.Scalar]

    public init(_ pattern: String) {
        self.pattern = pattern
        scalars = Array(pattern.unicodeScalars)
    }

    /// True when `text` has a glob character (a URL path segment worth listing a folder for).
    public static func isPattern(_ text: some StringProtocol) -> Bool {
        text.contains { $0 == "*" || $0 == "?" || $0 == "[" }
    }

    /// The text before the first glob character: an S3 listing prefix.
    public var literalPrefix: String {
        String(String.UnicodeScalarView(scalars.prefix { $0 != "*" && $0 != "?" && $0 != "[" }))
    }

    public func matches(_ name: String) -> Bool {
        let text = Array(name.unicodeScalars)
        // Iterative matching with one backtrack point for the last `*`: linear in practice, never recursive.
        var p = 0, t = 0
        var star: (pattern: Int, text: Int)?
        while t < text.count {
            if p < scalars.count {
                switch scalars[p] {
                case "*":
                    star = (p, t)
                    p += 1
                    continue
                case "?":
                    p += 1
                    t += 1
                    continue
                case "[":
                    if let (matched, next) = matchSet(at: p, text[t]) {
                        if matched {
                            p = next
                            t += 1
                            continue
                        }
                    } else if text[t] == "[" {
                        p += 1
                        t += 1
                        continue
                    }
                default:
                    if scalars[p] == text[t] {
                        p += 1
                        t += 1
                        continue
                    }
                }
            }
            guard let resume = star else { return false }
            star = (resume.pattern, resume.text + 1)
            p = resume.pattern + 1
            t = resume.text + 1
        }
        while p < scalars.count, scalars[p] == "*" { p += 1 }
        return p == scalars.count
    }

    /// Whether `scalar` is in the set starting at `start` (`[`), and where the pattern goes on;
    /// `nil` when the `[` opens no set (no closing `]`): then it is a literal `[`.
    private func matchSet(at start: Int, _ scalar: Unicode.Scalar) -> (Bool, Int)? {
        var index = start + 1
        var negated = false
        if index < scalars.count, scalars[index] == "!" || scalars[index] == "^" {
            negated = true
            index += 1
        }
        var matched = false
        var first = true
        while index < scalars.count {
            let current = scalars[index]
            if current == "]" && !first { return (matched != negated, index + 1) }
            first = false
            if index + 2 < scalars.count, scalars[index + 1] == "-", scalars[index + 2] != "]" {
                if current.value <= scalar.value && scalar.value <= scalars[index + 2].value { matched = true }
                index += 3
            } else {
                if current == scalar { matched = true }
                index += 1
            }
        }
        return nil
    }
}
