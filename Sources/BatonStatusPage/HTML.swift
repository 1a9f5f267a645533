/// An HTML document being written: markup goes in raw, text always escaped.
struct HTML {
    private(set) var output = ""

    mutating func raw(_ markup: String) { output += markup }

    mutating func text(_ text: String) { output += Self.escape(text) }

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
