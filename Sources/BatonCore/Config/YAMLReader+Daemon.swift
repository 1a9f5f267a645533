import Yams

extension YAMLReader {
    static let daemonKeys = ["http", "max_concurrency", "retention", "public_url"]
    static let defaultsKeys = ["interval", "timeout", "failure_threshold", "success_threshold", "escalation", "max_body"]

    /// The `daemon:` section.
    func daemon(_ node: Node) -> DaemonDraft {
        var draft = DaemonDraft()
        guard let map = mapping(node, "`daemon`", allowed: Self.daemonKeys) else { return draft }
        if let value = map["http"], let text = string(value, "http") {
            switch ListenAddressParser.parse(text) {
            case .success(let address): draft.http = address
            case .failure(let problem): report("http: \(problem.message)", at: value)
            }
        }
        if let value = map["max_concurrency"] {
            draft.maxConcurrency = int(value, "max_concurrency", atLeast: 1, atMost: 10_000)
        }
        if let value = map["retention"] { draft.retention = duration(value, "retention") }
        if let value = map["public_url"], let text = string(value, "public_url") {
            if HTTPURLCheck.isValid(text) {
                draft.publicURL = text
            } else {
                report(HTTPURLCheck.problem("public_url", written: value.scalar?.string ?? text), at: value)
            }
        }
        return draft
    }

    /// The `defaults:` section.
    func defaults(_ node: Node) -> DefaultsDraft {
        var draft = DefaultsDraft()
        guard let map = mapping(node, "`defaults`", allowed: Self.defaultsKeys) else { return draft }
        if let value = map["interval"] { draft.interval = duration(value, "interval", minimum: .seconds(1)) }
        if let value = map["timeout"] { draft.timeout = duration(value, "timeout") }
        if let value = map["failure_threshold"] { draft.failureThreshold = int(value, "failure_threshold", atLeast: 1) }
        if let value = map["success_threshold"] { draft.successThreshold = int(value, "success_threshold", atLeast: 1) }
        if let value = map["escalation"] { draft.escalation = name(value, "escalation") }
        if let value = map["max_body"] { draft.maxBodyBytes = byteSize(value, "max_body") }
        return draft
    }
}
