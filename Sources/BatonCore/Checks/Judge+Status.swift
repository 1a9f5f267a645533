extension Judge {
    /// `HTTP 200`; `HTTP 503` when any 2xx was acceptable; `HTTP 503 (expected 200 or 204)` against a list.
    static func status(_ code: Int, accepted: [Int]?) -> Finding {
        guard let accepted else {
            return Finding(level: (200...299).contains(code) ? .pass : .fail, reason: .httpStatus(HTTPStatusFinding(code: code)))
        }
        if accepted.contains(code) { return Finding(level: .pass, reason: .httpStatus(HTTPStatusFinding(code: code))) }
        return Finding(level: .fail, reason: .httpStatus(HTTPStatusFinding(code: code, expected: accepted)))
    }

    /// `body contains "ok"` or `body does not contain "ok"`, matching bytes exactly.
    static func body(_ body: [UInt8], contains needle: String) -> Finding {
        contains(body, Array(needle.utf8))
            ? Finding(level: .pass, reason: .body(.contains(needle: needle)))
            : Finding(level: .fail, reason: .body(.lacks(needle: needle)))
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
