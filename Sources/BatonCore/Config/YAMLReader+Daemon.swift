extension YAMLReader {
    static let daemonKeys = ["http", "max_concurrency", "retention", "public_url", "node_name", "heartbeat_url"]
    static let storageKeys = ["postgres"]
    static let postgresKeys = ["url", "password", "lease"]
    static let defaultsKeys = ["interval", "timeout", "failure_threshold", "success_threshold", "escalation", "max_body"]

    /// The `daemon:` section.
    func daemon(_ node: YAMLNode) -> DaemonDraft {
        var draft = DaemonDraft()
        guard let map = mapping(node, "`daemon`", allowed: Self.daemonKeys) else { return draft }
        if let value = map["http"], let text = string(value, "http") {
            switch ListenAddressParser.parse(text) {
            case .success(let address): draft.http = address
            case .failure(let problem): report("http: \(problem.message)", at: value)
            }
        }
        if let value = map["max_concurrency"] {
            draft.maxConcurrency = int(value, "max_concurrency", in: ConfigLimits.maxConcurrency)
        }
        if let value = map["retention"] { draft.retention = duration(value, "retention", in: ConfigLimits.retention) }
        if let value = map["public_url"], let text = string(value, "public_url") {
            if HTTPURLCheck.isValid(text) {
                draft.publicURL = text
            } else {
                report(HTTPURLCheck.problem("public_url", written: value.scalar?.string ?? text), at: value)
            }
        }
        if let value = map["node_name"], let name = name(value, "node_name") {
            if IDSyntax.isValidName(name.value) {
                draft.nodeName = name.value
            } else {
                report("node_name: `\(name.value)` is not a valid name: use letters, digits, `-`, `_` and `.`", at: value)
            }
        }
        if let value = map["heartbeat_url"], let url = text(value, "heartbeat_url") {
            if HTTPURLCheck.isValid(url.revealed) {
                draft.heartbeatURL = url
            } else {
                report(HTTPURLCheck.problem("heartbeat_url", written: value.scalar?.string ?? url.redacted), at: value)
            }
        }
        return draft
    }

    /// The `storage:` section: SQLite in the state directory unless `postgres:` says otherwise.
    func storage(_ node: YAMLNode) -> StorageSettings? {
        guard let map = mapping(node, "`storage`", allowed: Self.storageKeys) else { return nil }
        guard let value = map["postgres"] else { return StorageSettings() }
        guard let postgres = mapping(value, "`storage.postgres`", allowed: Self.postgresKeys) else { return nil }
        guard let urlNode = required("url", in: postgres, "`storage.postgres`"), let url = text(urlNode, "url") else { return nil }
        let scheme = url.revealed.split(separator: ":", maxSplits: 1).first.map(String.init)
        guard scheme == "postgres" || scheme == "postgresql" else {
            report("url: expected a PostgreSQL URL such as postgres://baton@db1.internal:5432/baton", at: urlNode)
            return nil
        }
        let password = postgres["password"].flatMap { text($0, "password") }
        var lease = PostgresStorage.defaultLease
        // A standby waits this long before it takes over.
        if let leaseNode = postgres["lease"], let parsed = duration(leaseNode, "lease", in: ConfigLimits.lease) {
            lease = parsed
        }
        return StorageSettings(postgres: PostgresStorage(url: url, password: password, lease: lease))
    }

    /// The `defaults:` section.
    func defaults(_ node: YAMLNode) -> DefaultsDraft {
        var draft = DefaultsDraft()
        guard let map = mapping(node, "`defaults`", allowed: Self.defaultsKeys) else { return draft }
        if let value = map["interval"] { draft.interval = duration(value, "interval", in: ConfigLimits.interval) }
        if let value = map["timeout"] { draft.timeout = duration(value, "timeout", in: ConfigLimits.timeout) }
        if let value = map["failure_threshold"] { draft.failureThreshold = int(value, "failure_threshold", in: ConfigLimits.threshold) }
        if let value = map["success_threshold"] { draft.successThreshold = int(value, "success_threshold", in: ConfigLimits.threshold) }
        if let value = map["escalation"] { draft.escalation = name(value, "escalation") }
        if let value = map["max_body"] { draft.maxBodyBytes = byteSize(value, "max_body", in: ConfigLimits.maxBody) }
        return draft
    }
}
