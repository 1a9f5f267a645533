extension Judge {
    /// `HTTP 200`; `HTTP 503` when any 2xx was acceptable; `HTTP 503 (expected 200 or 204)` against a list.
    static func status(_ code: Int, accepted: [Int]?) -> Finding {
        guard let accepted else {
            return Finding(level: (200...299).contains(code) ? .pass : .fail, text: "HTTP \(code)")
        }
        if accepted.contains(code) { return Finding(level: .pass, text: "HTTP \(code)") }
        return Finding(level: .fail, text: "HTTP \(code) (expected \(alternatives(accepted.map(String.init))))")
    }

    /// `body contains "ok"` or `body does not contain "ok"`, matching bytes exactly.
    static func body(_ body: [UInt8], contains needle: String) -> Finding {
        let found = contains(body, Array(needle.utf8))
        let shown = truncated(JSONValue.quoted(needle))
        return found
            ? Finding(level: .pass, text: "body contains \(shown)")
            : Finding(level: .fail, text: "body does not contain \(shown)")
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first else { return true }
        guard haystack.count >= needle.count else { return false }
        var start = 0
        let lastStart = haystack.count - needle.count
        while start <= lastStart {
            // Skipping to the first byte keeps the common case a tight scan.
            if haystack[start] == first, haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
            start += 1
        }
        return false
    }
}
