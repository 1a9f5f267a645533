import Yams

extension YAMLReader {
    static let expectKeys = ["status", "max_latency", "json", "body_contains"]
    static let conditionKeys = ["pointer", "equals", "not_equals", "less_than", "greater_than", "exists"]
    static let freshnessKeys = ["pointer", "header", "warn_after", "error_after"]

    /// `expect:`; an absent `status` means any 2xx.
    func expectations(_ node: Node) -> Expectations? {
        guard let map = mapping(node, "`expect`", allowed: Self.expectKeys) else { return nil }
        let before = diagnostics.errors.count
        var status: [Int]?
        if let value = map["status"] {
            status = items(value, "status").compactMap { int($0, "status", atLeast: 100, atMost: 599) }
            if case .sequence(let list) = value, list.isEmpty {
                report("status: expected at least one status code; leave `status` out to accept any 2xx", at: value)
            }
        }
        let maxLatency = map["max_latency"].flatMap { duration($0, "max_latency") }
        let json = map["json"].map { items($0, "json").compactMap(jsonCondition) } ?? []
        let bodyContains = map["body_contains"].flatMap { name($0, "body_contains") }?.value
        guard diagnostics.errors.count == before else { return nil }
        return Expectations(status: status, maxLatency: maxLatency, json: json, bodyContains: bodyContains)
    }

    /// One `json:` condition: a pointer and exactly one test.
    private func jsonCondition(_ node: Node) -> JSONCondition? {
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

    private func jsonPointer(_ node: Node) -> JSONPointer? {
        guard let text = string(node, "pointer") else { return nil }
        do {
            return try JSONPointer(parsing: text)
        } catch {
            report("pointer: \(error.description)", at: node)
            return nil
        }
    }

    /// `freshness:`: where the last sync time is read, and how old it may get.
    func freshnessRule(_ node: Node) -> FreshnessRule? {
        guard let map = mapping(node, "`freshness`", allowed: Self.freshnessKeys) else { return nil }
        var source: FreshnessRule.Source?
        switch (map["pointer"], map["header"]) {
        case (let pointer?, nil):
            source = jsonPointer(pointer).map(FreshnessRule.Source.pointer)
        case (nil, let header?):
            if let name = name(header, "header") {
                if HTTPToken.isValid(name.value) {
                    source = .header(name.value)
                } else {
                    report("header: `\(name.value)` is not a valid header name", at: header)
                }
            }
        case (_?, let header?):
            report("header: freshness reads `pointer` or `header`, not both", at: header)
        case (nil, nil):
            diagnostics.report("`freshness` needs `pointer` (a timestamp in the JSON body) or `header` (like Last-Modified)", at: map.location)
        }
        let errorAfter = required("error_after", in: map, "`freshness`").flatMap { duration($0, "error_after") }
        let warnNode = map["warn_after"]
        let warnAfter = warnNode.flatMap { duration($0, "warn_after") }
        if let warnNode, let warnAfter, let errorAfter, warnAfter >= errorAfter {
            report("warn_after: must be shorter than error_after (\(errorAfter.compact)), found \(warnAfter.compact)", at: warnNode)
            return nil
        }
        guard let source, let errorAfter, warnNode == nil || warnAfter != nil else { return nil }
        return FreshnessRule(source: source, warnAfter: warnAfter, errorAfter: errorAfter)
    }
}
