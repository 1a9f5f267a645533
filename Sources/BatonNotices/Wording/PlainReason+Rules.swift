import Foundation

extension PlainReason {
    /// `blocked by sfdc-api (down)` → `waiting on sfdc-api, which is down`.
    static func blocked(_ text: String) -> String? {
        guard text.hasPrefix("blocked by ") else { return nil }
        let causes = text.dropFirst("blocked by ".count).components(separatedBy: ", ")
        var named: [String] = []
        for cause in causes {
            guard cause.hasSuffix(")"), let open = cause.range(of: " (", options: .backwards) else {
                return "waiting on " + text.dropFirst("blocked by ".count)
            }
            let state = cause[open.upperBound..<cause.index(before: cause.endIndex)]
            named.append("\(cause[..<open.lowerBound]), which is \(state)")
        }
        return "waiting on " + listed(named)
    }

    /// `last_sync 3h12m old (error after 2h)`, `… (warn after 30m)`, `last_sync 4m old`,
    /// `last_sync is 2h in the future (check the clock of the source)`.
    static func freshness(_ text: String) -> String? {
        for (marker, limitWords) in [(" old (error after ", "SLA is"), (" old (warn after ", "warning after")] {
            guard text.hasSuffix(")"), let range = text.range(of: marker, options: .backwards) else { continue }
            let limit = text[range.upperBound..<text.index(before: text.endIndex)]
            guard let (label, age) = labelAndAge(text[..<range.lowerBound]), let limit = PlainDuration.words(compact: limit) else {
                return nil
            }
            return "\(label) \(age) ago; \(limitWords) \(limit)"
        }
        if text.hasSuffix(" old"), let (label, age) = labelAndAge(text.dropLast(" old".count)) {
            return "\(label) \(age) ago"
        }
        let future = " in the future (check the clock of the source)"
        if text.hasSuffix(future), let range = text.range(of: " is ") {
            let label = text[..<range.lowerBound]
            guard !label.contains(" "), let ahead = PlainDuration.words(compact: text[range.upperBound...].dropLast(future.count)) else {
                return nil
            }
            return "\(humanised(label)) is \(ahead) in the future; check the clock of the source"
        }
        return nil
    }

    /// `HTTP 503`, `HTTP 404 (expected 200)`, `HTTP 200 in 12ms`.
    static func http(_ text: String) -> String? {
        guard text.hasPrefix("HTTP ") else { return nil }
        let rest = text.dropFirst("HTTP ".count)
        let code = rest.prefix { $0.isASCII && $0.isNumber }
        guard code.count == 3 else { return nil }
        let tail = rest.dropFirst(3)
        let answered = "the endpoint answered HTTP \(code)"
        if tail.isEmpty { return answered }
        if tail.hasPrefix(" (expected "), tail.hasSuffix(")") {
            return "\(answered) instead of \(tail.dropFirst(" (expected ".count).dropLast())"
        }
        if tail.hasPrefix(" in "), let latency = PlainDuration.words(compact: tail.dropFirst(" in ".count)) {
            return "\(answered) in \(latency)"
        }
        return nil
    }

    /// `timeout after 5s`, `connection refused (host:port)`.
    static func transport(_ text: String) -> String? {
        if text.hasPrefix("timeout after "), let limit = PlainDuration.words(compact: text.dropFirst("timeout after ".count)) {
            return "no answer within \(limit)"
        }
        if text.hasPrefix("connection refused ("), text.hasSuffix(")") {
            return "connection refused by \(text.dropFirst("connection refused (".count).dropLast())"
        }
        return nil
    }

    /// RFC 6901 conditions: `/status is "error", expected "ok"` → `status is "error" instead of "ok"`.
    static func jsonCondition(_ text: String) -> String? {
        guard text.hasPrefix("/"), let range = text.range(of: " is ") else { return nil }
        let path = text[text.index(after: text.startIndex)..<range.lowerBound]
        let field = path.isEmpty ? "the body" : String(path)
        let rest = text[range.upperBound...]
        if rest == "missing" { return "\(field) is missing" }
        if rest.hasPrefix("missing, expected ") { return "\(field) is missing; expected \(rest.dropFirst("missing, expected ".count))" }
        if rest == "present, expected it to be absent" { return "\(field) is present but should be absent" }
        if let unwanted = rest.range(of: ", expected anything but ", options: .backwards) {
            return "\(field) must not be \(rest[unwanted.upperBound...])"
        }
        if let expected = rest.range(of: ", expected ", options: .backwards) {
            return "\(field) is \(rest[..<expected.lowerBound]) instead of \(rest[expected.upperBound...])"
        }
        return nil
    }

    /// `body does not contain "ok"`, `body is not JSON: …`.
    static func body(_ text: String) -> String? {
        for prefix in ["body does not contain ", "body is not JSON"] where text.hasPrefix(prefix) {
            return "the answer" + text.dropFirst("body".count)
        }
        return nil
    }

    /// `slow: 2.4s (max 2s)` → `slow: answered in 2.4 s; limit is 2 s`.
    static func latency(_ text: String) -> String? {
        guard text.hasPrefix("slow: "), text.hasSuffix(")"), let range = text.range(of: " (max ") else { return nil }
        guard let took = PlainDuration.words(compact: text[text.index(text.startIndex, offsetBy: 6)..<range.lowerBound]),
            let limit = PlainDuration.words(compact: text[range.upperBound...].dropLast())
        else { return nil }
        return "slow: answered in \(took); limit is \(limit)"
    }

    /// `last_sync 3h12m` → (`last sync`, `3 h 12 min`), when the label is one word and the age a duration.
    private static func labelAndAge(_ text: Substring) -> (String, String)? {
        guard let space = text.lastIndex(of: " ") else { return nil }
        let label = text[..<space]
        guard !label.isEmpty, !label.contains(" "), let age = PlainDuration.words(compact: text[text.index(after: space)...]) else {
            return nil
        }
        return (humanised(label), age)
    }

    /// A field name as words: `last_sync` → `last sync`.
    private static func humanised(_ label: Substring) -> String {
        label.replacingOccurrences(of: "_", with: " ")
    }

    /// `a`, `a and b`, `a, b, and c`.
    private static func listed(_ items: [String]) -> String {
        guard let last = items.last, items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + ", and " + last
    }
}
