/// Shows URLs without what could be a secret in them.
public enum URLDisplay {
    /// The URL with its user info and every query value replaced by `***`.
    ///
    /// Use on an already ``SecretText/redacted`` value: references are `***` there, and
    /// this also hides literal tokens written straight into a URL (`?api_key=abc`).
    public static func withoutCredentials(_ url: String) -> String {
        var text = Substring(url)
        var out = ""
        if let scheme = text.range(of: "://") {
            out += text[..<scheme.upperBound]
            text = text[scheme.upperBound...]
        }
        let authorityEnd = text.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? text.endIndex
        var authority = text[..<authorityEnd]
        if let at = authority.lastIndex(of: "@") {
            authority = "***@" + authority[authority.index(after: at)...]
        }
        out += authority
        text = text[authorityEnd...]
        guard let question = text.firstIndex(of: "?") else { return out + text }
        out += text[...question]
        let rest = text[text.index(after: question)...]
        let fragmentStart = rest.firstIndex(of: "#") ?? rest.endIndex
        let pairs = rest[..<fragmentStart].split(separator: "&", omittingEmptySubsequences: false).map { pair in
            guard let equals = pair.firstIndex(of: "=") else { return String(pair) }
            return pair[...equals] + "***"
        }
        return out + pairs.joined(separator: "&") + rest[fragmentStart...]
    }

    /// Scheme, host and port only: for webhook URLs, whose path is the secret.
    public static func originOnly(_ url: String) -> String {
        let text = withoutCredentials(url)
        guard let scheme = text.range(of: "://") else { return "***" }
        let rest = text[scheme.upperBound...]
        let end = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        return text[..<scheme.upperBound] + rest[..<end] + (end == rest.endIndex ? "" : "/***")
    }
}
