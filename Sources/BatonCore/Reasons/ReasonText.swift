/// Small pieces of wording shared by the compact and the plain-word forms of reasons.
public enum ReasonText {
    /// Longest value shown in a reason, in characters: a reason must fit one status line.
    public static let longestShownValue = 60

    /// `text` cut to ``longestShownValue`` characters, ending in `…` when cut.
    public static func truncated(_ text: String) -> String {
        // Counting characters walks grapheme clusters; the UTF-8 length bounds it for free.
        guard text.utf8.count > longestShownValue, text.count > longestShownValue else { return text }
        return text.prefix(longestShownValue - 1) + "…"
    }

    /// `text` as a JSON string literal, cut to fit a status line: `"ok"`.
    public static func quoted(_ text: String) -> String {
        truncated(JSONValue.quoted(text))
    }

    /// `200`, `200 or 204`, `200, 201 or 204`.
    public static func alternatives(_ items: [String]) -> String {
        guard let last = items.last, items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " or " + last
    }

    /// `1 day`, `5 days`.
    public static func count(_ value: Int, _ one: String, _ many: String) -> String {
        "\(value) \(value == 1 ? one : many)"
    }
}
