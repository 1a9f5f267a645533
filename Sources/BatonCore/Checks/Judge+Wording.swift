extension Judge {
    /// Longest value shown in a reason, in characters: a reason must fit one status line.
    static let longestShownValue = 60

    /// A value as JSON text (`"ok"`, `12000`), cut to ``longestShownValue`` characters with `…`.
    static func shown(_ value: JSONValue) -> String {
        truncated(value.description)
    }

    static func truncated(_ text: String) -> String {
        // Counting characters walks grapheme clusters; the UTF-8 length bounds it for free.
        guard text.utf8.count > longestShownValue, text.count > longestShownValue else { return text }
        return text.prefix(longestShownValue - 1) + "…"
    }

    /// `200`, `200 or 204`, `200, 201 or 204`.
    static func alternatives(_ items: [String]) -> String {
        guard let last = items.last, items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " or " + last
    }

    /// An age in whole seconds, compact: `3h12m`, `45m`, `5s`; under a second reads `0s`.
    ///
    /// Whole seconds because sources stamp to the second while probes measure to the
    /// millisecond: `4m0.35s` would be noise.
    static func age(_ seconds: Double) -> String {
        guard seconds >= 1 else { return "0s" }
        return Duration.seconds(Int64(min(seconds, 1e15).rounded(.down))).compact
    }

    /// An age just past `limit`, shown precisely enough to differ from it:
    /// `2h0m1s old (error after 2h)`, never the puzzling `2h old (error after 2h)`.
    static func age(_ seconds: Double, beyond limit: Duration) -> String {
        let compact = age(seconds)
        guard compact == limit.compact else { return compact }
        var remaining = Int64(min(seconds, 1e15).rounded(.down))
        var parts: [String] = []
        for (name, size) in [("d", Int64(86_400)), ("h", 3600), ("m", 60), ("s", 1)] where !parts.isEmpty || remaining >= size {
            parts.append("\(remaining / size)\(name)")
            remaining %= size
        }
        return parts.joined()
    }
}
