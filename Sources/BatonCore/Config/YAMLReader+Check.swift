extension YAMLReader {
    static let checkKeys = [
        "url", "method", "headers", "interval", "timeout", "max_body", "expect", "freshness", "auth", "body", "tls", "endpoint",
    ]
    static let heartbeatKeys = ["token", "period", "grace"]
    static let methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]

    /// `check:`; `interval`, `timeout` and `max_body` stay `nil` when left to `defaults:`.
    ///
    /// A check with a `body` and no `method` sends POST: a GET with a body means nothing to most servers.
    func check(_ node: YAMLNode) -> CheckDraft? {
        guard let map = mapping(node, "`check`", allowed: Self.checkKeys) else { return nil }
        var parts = CheckParts(map: map)
        var url: SecretText?
        if let value = required("url", in: map, "`check`"), let text = text(value, "url") {
            switch CheckURL.parse(text.revealed) {
            case .success(let parsed):
                url = text
                parts.url = parsed
            case .failure(let problem):
                report(CheckURL.message(problem, written: value.scalar?.string ?? text.redacted), at: value)
            }
        }
        var method: String? = "GET"
        if let value = map["method"], let text = string(value, "method") {
            // Methods are case-sensitive in HTTP, but `get` in a config can only mean GET.
            method = Self.methods.contains(text.uppercased()) ? text.uppercased() : nil
            if method == nil {
                report("method: unknown method `\(text)`; expected one of \(Self.methods.joined(separator: ", "))", at: value)
            }
        }
        parts.method = method
        let headers = map["headers"].map(headerFields) ?? []
        let interval = map["interval"].flatMap { duration($0, "interval", in: ConfigLimits.interval) }
        let timeout = map["timeout"].flatMap { duration($0, "timeout", in: ConfigLimits.timeout) }
        let maxBody = map["max_body"].flatMap { byteSize($0, "max_body", in: ConfigLimits.maxBody) }
        var expect: Expectations? = Expectations()
        if let value = map["expect"] { (expect, parts.expect) = expectations(value) }
        var freshness: FreshnessRule?
        if let value = map["freshness"] { (freshness, parts.freshness) = freshnessRule(value) }
        parts.auth = map["auth"].flatMap(checkAuth)
        let body = map["body"].flatMap(requestBody)
        var tls: CheckTLS?
        if let value = map["tls"], let read = checkTLS(value) {
            (tls, parts.tls) = read
        }
        var endpoint: String?
        if let value = map["endpoint"], let text = string(value, "endpoint") {
            if HTTPURLCheck.isValid(text) {
                endpoint = text
                parts.endpoint = text
            } else {
                report(HTTPURLCheck.problem("endpoint", written: value.scalar?.string ?? text), at: value)
            }
        }
        reportCombinations(parts)
        if body != nil, map["method"] == nil { method = "POST" }
        guard let url, let method, let expect else { return nil }
        return CheckDraft(
            url: url, method: method, headers: headers, interval: interval, timeout: timeout,
            maxBodyBytes: maxBody, expect: expect, freshness: freshness,
            auth: parts.auth?.auth, body: body, tls: tls, endpoint: endpoint
        )
    }

    /// `headers:` in the order written; values may carry secrets (`Bearer ${env:TOKEN}`).
    private func headerFields(_ node: YAMLNode) -> [HTTPHeaderField] {
        guard let map = mapping(node, "`headers`", allowed: nil) else { return [] }
        var seen: [String: SourceLocation] = [:]
        return map.entries.compactMap { entry in
            guard HTTPToken.isValid(entry.key) else {
                report("headers: `\(entry.key)` is not a valid header name", at: entry.keyNode)
                return nil
            }
            let place = location(of: entry.keyNode)
            if let first = seen[entry.key.lowercased()] {
                report("headers: `\(entry.key)` is already set at line \(first.line) (header names ignore case)", at: entry.keyNode)
                return nil
            }
            seen[entry.key.lowercased()] = place
            guard let value = text(entry.value, entry.key) else { return nil }
            // A line break in a header value would let it inject further headers.
            guard !value.revealed.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else {
                report("headers: the value of `\(entry.key)` contains a line break", at: entry.value)
                return nil
            }
            return HTTPHeaderField(name: entry.key, value: value)
        }
    }

    /// `heartbeat:`; returns the token's place too, to report a token used twice.
    func heartbeat(_ node: YAMLNode) -> (Heartbeat, SourceLocation)? {
        guard let map = mapping(node, "`heartbeat`", allowed: Self.heartbeatKeys) else { return nil }
        var token: SecretText?
        let tokenNode = required("token", in: map, "`heartbeat`")
        if let tokenNode, let text = text(tokenNode, "token") {
            // The token is the last segment of /ping/<token>; other characters would need escaping.
            if !text.revealed.isEmpty, text.revealed.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.~".contains($0)) }) {
                token = text
            } else {
                report("token: expected letters, digits, `-`, `_`, `.` or `~` (it is part of the /ping/<token> URL)", at: tokenNode)
            }
        }
        let period = required("period", in: map, "`heartbeat`").flatMap { duration($0, "period", in: ConfigLimits.heartbeatPeriod) }
        var grace: Duration? = Heartbeat.defaultGrace
        if let value = map["grace"] { grace = duration(value, "grace", in: ConfigLimits.heartbeatGrace) }
        guard let tokenNode, let token, let period, let grace else { return nil }
        return (Heartbeat(token: token, period: period, grace: grace), location(of: tokenNode))
    }
}

/// RFC 9110 `token` characters, which header names are made of.
enum HTTPToken {
    static func isValid(_ name: String) -> Bool {
        !name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "!#$%&'*+-.^_`|~".contains($0)) }
    }
}
