extension YAMLReader {
    static let expectKeys = ["status", "max_latency", "json", "body_contains", "certificate", "min_size"]
    static let conditionKeys = ["pointer", "equals", "not_equals", "less_than", "greater_than", "exists"]
    static let freshnessKeys = ["pointer", "header", "file_time", "warn_after", "error_after"]
    static let freshnessSources = ["pointer", "header", "file_time"]

    /// `expect:`; an absent `status` means any 2xx. Also returns the mapping, for the rules
    /// between its keys and the check's URL.
    func expectations(_ node: YAMLNode) -> (Expectations?, ConfigMapping?) {
        guard let map = mapping(node, "`expect`", allowed: Self.expectKeys) else { return (nil, nil) }
        let before = diagnostics.errors.count
        var status: [Int]?
        if let value = map["status"] {
            status = items(value, "status").compactMap { int($0, "status", in: ConfigLimits.status) }
            if case .sequence(let list) = value, list.isEmpty {
                report("status: expected at least one status code; leave `status` out to accept any 2xx", at: value)
            }
        }
        let maxLatency = map["max_latency"].flatMap { duration($0, "max_latency", in: ConfigLimits.maxLatency) }
        let json = map["json"].map { items($0, "json").compactMap(jsonCondition) } ?? []
        let bodyContains = map["body_contains"].flatMap { name($0, "body_contains") }?.value
        let certificate = map["certificate"].flatMap(certificateExpectation)
        let minSize = map["min_size"].flatMap { byteSize($0, "min_size", in: ConfigLimits.minSize) }
        guard diagnostics.errors.count == before else { return (nil, map) }
        let expectations = Expectations(
            status: status, maxLatency: maxLatency, json: json, bodyContains: bodyContains, certificate: certificate, minSize: minSize
        )
        return (expectations, map)
    }

    /// One `json:` condition: a pointer and exactly one test.
    private func jsonCondition(_ node: YAMLNode) -> JSONCondition? {
        guard let map = mapping(node, "a json condition", allowed: Self.conditionKeys) else { return nil }
        let pointer = required("pointer", in: map, "a json condition").flatMap(jsonPointer)
        let tests = map.entries.filter { $0.key != "pointer" }
        guard let first = tests.first else {
            diagnostics.report("a json condition needs one of equals, not_equals, less_than, greater_than or exists", at: map.location)
            return nil
        }
        for extra in tests.dropFirst() {
            report("\(extra.key): a json condition tests one thing; `\(first.key)` is already given (write another condition)", at: extra.keyNode)
        }
        var test: JSONTest?
        switch first.key {
        case "equals": test = jsonValue(first.value, "equals").map(JSONTest.equals)
        case "not_equals": test = jsonValue(first.value, "not_equals").map(JSONTest.notEquals)
        case "less_than": test = number(first.value, "less_than").map(JSONTest.lessThan)
        case "greater_than": test = number(first.value, "greater_than").map(JSONTest.greaterThan)
        default: test = bool(first.value, "exists").map(JSONTest.exists)
        }
        guard tests.count == 1, let pointer, let test else { return nil }
        return JSONCondition(pointer: pointer, test: test)
    }

    private func jsonPointer(_ node: YAMLNode) -> JSONPointer? {
        guard let text = string(node, "pointer") else { return nil }
        do {
            return try JSONPointer(parsing: text)
        } catch {
            report("pointer: \(error.description)", at: node)
            return nil
        }
    }

    /// `freshness:`: where the last sync time is read (exactly one of `pointer`, `header` and
    /// `file_time`), and how old it may get. Also returns the mapping, for the rules between
    /// its source and the check's URL.
    func freshnessRule(_ node: YAMLNode) -> (FreshnessRule?, ConfigMapping?) {
        guard let map = mapping(node, "`freshness`", allowed: Self.freshnessKeys) else { return (nil, nil) }
        let sources = map.entries.filter { Self.freshnessSources.contains($0.key) && !$0.value.isNullScalar }
        var source: FreshnessRule.Source?
        if let first = sources.first {
            for extra in sources.dropFirst() {
                report("\(extra.key): freshness reads one of `pointer`, `header` or `file_time`; `\(first.key)` is already given", at: extra.keyNode)
            }
            source = freshnessSource(first)
        } else {
            diagnostics.report(
                "`freshness` needs `pointer` (a timestamp in the JSON body), `header` (like Last-Modified) or `file_time: true` (a file's modification time)",
                at: map.location
            )
        }
        let errorAfter = required("error_after", in: map, "`freshness`").flatMap { duration($0, "error_after", in: ConfigLimits.freshness) }
        let warnNode = map["warn_after"]
        let warnAfter = warnNode.flatMap { duration($0, "warn_after", in: ConfigLimits.freshness) }
        if let warnNode, let warnAfter, let errorAfter, warnAfter >= errorAfter {
            report("warn_after: must be shorter than error_after (\(errorAfter.compact)), found \(warnAfter.compact)", at: warnNode)
            return (nil, map)
        }
        guard sources.count == 1, let source, let errorAfter, warnNode == nil || warnAfter != nil else { return (nil, map) }
        return (FreshnessRule(source: source, warnAfter: warnAfter, errorAfter: errorAfter), map)
    }

    private func freshnessSource(_ entry: ConfigMapping.Entry) -> FreshnessRule.Source? {
        switch entry.key {
        case "pointer":
            return jsonPointer(entry.value).map(FreshnessRule.Source.pointer)
        case "header":
            guard let name = name(entry.value, "header") else { return nil }
            guard HTTPToken.isValid(name.value) else {
                report("header: `\(name.value)` is not a valid header name", at: entry.value)
                return nil
            }
            return .header(name.value)
        default:
            guard let on = bool(entry.value, "file_time") else { return nil }
            guard on else {
                report("file_time: write `file_time: true` to read the file's modification time, or leave it out", at: entry.value)
                return nil
            }
            return .fileTime
        }
    }
}
