import Foundation

/// The file a file-drop check watches: the last segment of its URL's path, perhaps a glob
/// (`leads_*.csv`) that picks the newest matching file.
///
/// Glob characters are `*` (any run of characters), `?` (one character) and `[…]` (one of a
/// set: `[0-9]`, `[!.]` or `[^.]` for "not"); an unclosed `[` is an ordinary character.
public struct FileDropName: Sendable, Equatable {
    /// The last segment, percent-decoded: `leads_*.csv`.
    public var pattern: String
    /// True when ``pattern`` holds a glob character, so a listing is needed to find the file.
    public var isGlob: Bool

    /// The name at the end of a file-drop URL (`sftp://host/exports/leads_*.csv`), or `nil`
    /// when the path is empty or ends in `/`.
    public init?(url: String) {
        guard let separator = url.range(of: "://") else { return nil }
        let afterAuthority = url[separator.upperBound...].drop { $0 != "/" }
        guard let slash = afterAuthority.lastIndex(of: "/") else { return nil }
        let segment = afterAuthority[afterAuthority.index(after: slash)...]
        guard !segment.isEmpty else { return nil }
        self.isGlob = Self.hasGlob(segment)
        self.pattern = segment.removingPercentEncoding ?? String(segment)
    }

    /// True when `segment` holds `*`, `?`, or a `[` closed by a later `]`.
    static func hasGlob(_ segment: Substring) -> Bool {
        var open = false
        for character in segment {
            switch character {
            case "*", "?": return true
            case "[": open = true
            case "]" where open: return true
            default: break
            }
        }
        return false
    }

    /// A name as written (one path segment, percent-decoded), perhaps a glob.
    public init(name: String) {
        pattern = name
        isGlob = Self.hasGlob(name[...])
    }

    /// The text before the first glob character: what an S3 listing's `prefix=` can narrow by.
    public var literalPrefix: String {
        guard isGlob else { return pattern }
        return String(pattern.prefix { $0 != "*" && $0 != "?" && $0 != "[" })
    }

    /// True when `name` (one file name, no `/`) matches ``pattern``; without a glob, when it is the same name.
    public func matches(_ name: String) -> Bool {
        guard isGlob else { return name.unicodeScalars.elementsEqual(pattern.unicodeScalars) }
        return GlobMatcher(pattern).matches(name)
    }
}

/// Matches one file name against a glob, scalar by scalar, remembering only the last `*`
/// (linear in practice, and never exponential).
struct GlobMatcher {
    enum Token: Equatable {
        case star
        case any
        case scalar(Unicode.Scalar)
        case set(negated: Bool, ranges: [ClosedRange<UInt32>])

        func accepts(_ scalar: Unicode.Scalar) -> Bool {
            switch self {
            case .star, .any: return true
            case .scalar(let wanted): return wanted == scalar
            case .set(let negated, let ranges): return ranges.contains { $0.contains(scalar.value) } != negated
            }
        }
    }

    let tokens: [Token]

    init(_ pattern: String) {
        let scalars = Array(pattern.unicodeScalars)
        var tokens: [Token] = []
        var index = 0
        while index < scalars.count {
            switch scalars[index] {
            case "*":
                if tokens.last != .star { tokens.append(.star) }
                index += 1
            case "?":
                tokens.append(.any)
                index += 1
            case "[":
                if let (set, next) = Self.set(scalars, from: index + 1) {
                    tokens.append(set)
                    index = next
                } else {
                    tokens.append(.scalar("["))
                    index += 1
                }
            default:
                tokens.append(.scalar(scalars[index]))
                index += 1
            }
        }
        self.tokens = tokens
    }

    /// The set that starts after a `[` at `start`, and the index after its `]`; `nil` when unclosed.
    private static func set(_ scalars: [Unicode.Scalar], from start: Int) -> (Token, Int)? {
        var index = start
        var negated = false
        if index < scalars.count, scalars[index] == "!" || scalars[index] == "^" {
            negated = true
            index += 1
        }
        var ranges: [ClosedRange<UInt32>] = []
        var first = true
        while index < scalars.count {
            let scalar = scalars[index]
            // A `]` right after `[` or `[!` is a member, as in shells.
            if scalar == "]" && !first { return (.set(negated: negated, ranges: ranges), index + 1) }
            first = false
            if index + 2 < scalars.count, scalars[index + 1] == "-", scalars[index + 2] != "]" {
                let low = scalar.value, high = scalars[index + 2].value
                ranges.append(min(low, high)...max(low, high))
                index += 3
            } else {
                ranges.append(scalar.value...scalar.value)
                index += 1
            }
        }
        return nil
    }

    func matches(_ name: String) -> Bool {
        let scalars = Array(name.unicodeScalars)
        var t = 0, s = 0
        var star: (token: Int, scalar: Int)?
        while s < scalars.count {
            if t < tokens.count, tokens[t] == .star {
                star = (t, s)
                t += 1
            } else if t < tokens.count, tokens[t].accepts(scalars[s]) {
                t += 1
                s += 1
            } else if let last = star {
                // Let the last `*` swallow one more character and try again from there.
                t = last.token + 1
                s = last.scalar + 1
                star = (last.token, last.scalar + 1)
            } else {
                return false
            }
        }
        while t < tokens.count, tokens[t] == .star { t += 1 }
        return t == tokens.count
    }
}
