/// The parts of a URL that are safe to show: scheme, host and port (never userinfo, path or query).
struct URLAuthority: Equatable {
    var scheme: String
    var host: String
    var port: Int?

    /// `host:port` with the scheme's default port filled in, e.g. `127.0.0.1:80`.
    var hostAndPort: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        if let port = port ?? URLAuthority.defaultPort(scheme) { return "\(shownHost):\(port)" }
        return shownHost
    }

    /// `scheme://host:port` with the default port filled in: one key per server.
    var originKey: String { "\(scheme)://\(hostAndPort)" }

    /// `scheme://host[:port]` as given.
    var origin: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return port.map { "\(scheme)://\(shownHost):\($0)" } ?? "\(scheme)://\(shownHost)"
    }

    static func defaultPort(_ scheme: String) -> Int? {
        switch scheme {
        case "http": 80
        case "https": 443
        case "ftp", "ftps": 21
        case "sftp": 22
        default: nil
        }
    }

    /// Parses `scheme://[userinfo@]host[:port][/path][?query][#fragment]`; nil when there is no `://`.
    init?(_ url: Substring) {
        guard let separator = url.firstRange(of: "://") else { return nil }
        scheme = url[..<separator.lowerBound].lowercased()
        let rest = url[separator.upperBound...]
        let authorityEnd = rest.firstIndex(where: { "/?#".contains($0) }) ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        if let at = authority.lastIndex(of: "@") {
            authority = authority[authority.index(after: at)...]
        }
        var portText: Substring?
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            host = String(authority[authority.index(after: authority.startIndex)..<close])
            let afterClose = authority[authority.index(after: close)...]
            if afterClose.hasPrefix(":") { portText = afterClose.dropFirst() }
        } else if let colon = authority.lastIndex(of: ":") {
            host = String(authority[..<colon])
            portText = authority[authority.index(after: colon)...]
        } else {
            host = String(authority)
        }
        port = portText.flatMap { Int($0) }
    }

    init?(_ url: String) {
        self.init(url[...])
    }
}

/// Replaces every URL in `text` by its origin, so messages never leak paths, queries or credentials.
func redactingURLs(in text: String) -> String {
    guard text.contains("://") else { return text }
    var result = ""
    var remaining = text[...]
    while let separator = remaining.firstRange(of: "://") {
        // The URL starts at the scheme: letters, digits, '+', '-', '.' right before "://".
        var start = separator.lowerBound
        while start > remaining.startIndex {
            let previous = remaining.index(before: start)
            let character = remaining[previous]
            guard character.isASCII, character.isLetter || character.isNumber || "+-.".contains(character) else { break }
            start = previous
        }
        let end = remaining[separator.upperBound...].firstIndex(where: { $0.isWhitespace || "'\"<>".contains($0) })
            ?? remaining.endIndex
        result += remaining[..<start]
        if let authority = URLAuthority(remaining[start..<end]) {
            result += authority.origin
        }
        remaining = remaining[end...]
    }
    result += remaining
    return result
}
