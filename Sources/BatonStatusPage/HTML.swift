/// An HTML document being written: markup goes in raw, text always escaped.
struct HTML {
    private(set) var output = ""

    mutating func raw(_ markup: String) { output += markup }

    mutating func text(_ text: String) { output += Self.escape(text) }

    /// User-written text (a name, a reason) in its own `<bdi>`, escaped: a right-to-left
    /// override inside it reorders only itself, never the markup or text around it.
    mutating func isolated(_ text: String) {
        output += "<bdi>"
        output += Self.escape(text)
        output += "</bdi>"
    }

    /// User-written text for places that hold no elements (an SVG `<title>` tooltip),
    /// isolated with FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE instead of `<bdi>`.
    static func isolatedPlain(_ text: String) -> String {
        "\u{2068}" + text + "\u{2069}"
    }

    /// Escapes the five characters that matter in text and in quoted attribute values.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
