/// The entries of one YAML mapping, after duplicate, merge-key (`<<`) and unknown-key checks.
struct ConfigMapping {
    /// One `key: value` pair.
    struct Entry {
        var key: String
        var keyNode: YAMLNode
        var value: YAMLNode
    }

    /// Where the mapping starts.
    let location: SourceLocation
    /// Accepted entries in the order written (merged entries after the mapping's own).
    let entries: [Entry]

    /// The value of `key`; `nil` when absent or written as an empty value / `null`, which
    /// both mean "not set" (so a section whose entries are all commented out is fine).
    subscript(key: String) -> YAMLNode? {
        guard let entry = entries.first(where: { $0.key == key }), !entry.value.isNullScalar else { return nil }
        return entry.value
    }

    /// The entry of `key`, for errors about the key itself; `nil` like the subscript.
    func entry(_ key: String) -> Entry? {
        guard let entry = entries.first(where: { $0.key == key }), !entry.value.isNullScalar else { return nil }
        return entry
    }
}

extension YAMLNode {
    /// True for an untagged plain `null`, `~` or empty value, and anything tagged `!!null`.
    var isNullScalar: Bool {
        guard case .scalar(let scalar) = self else { return false }
        if scalar.tag == .null { return true }
        guard scalar.tag == .implicit, scalar.style == .plain || scalar.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }
}

extension YAMLReader {
    /// `node` as a mapping that may hold only `allowed` keys (any key when `nil`, for maps keyed by id).
    ///
    /// Reports a node that is not a mapping, non-scalar keys, duplicate keys and unknown
    /// keys (with a suggestion); an empty value counts as an empty mapping.
    func mapping(_ node: YAMLNode, _ what: String, allowed: [String]?) -> ConfigMapping? {
        if node.isNullScalar { return ConfigMapping(location: location(of: node), entries: []) }
        guard case .mapping(let mapping) = node else {
            report("\(what): expected a mapping, found \(describe(node))", at: node)
            return nil
        }
        var entries: [ConfigMapping.Entry] = []
        var merged: [ConfigMapping.Entry] = []
        // Keys found by hashing once a mapping is big (a map of thousands of teams, or of duplicates).
        var positions: [String: Int]? = mapping.count > 16 ? [:] : nil
        for (keyNode, value) in mapping {
            guard case .scalar(let keyScalar) = keyNode else {
                report("\(what): expected a plain key, found \(describe(keyNode))", at: keyNode)
                continue
            }
            if keyScalar.string == "<<" && keyScalar.style == .plain {
                merged += mergeEntries(value, what, allowed: allowed)
                continue
            }
            let key = keyScalar.string
            let earlier = positions.map { $0[key] } ?? entries.firstIndex { $0.key == key }
            if let earlier {
                reportDuplicate(key, in: what, firstAt: entries[earlier].keyNode.mark, at: keyNode)
                continue
            }
            if let allowed, !allowed.contains(key) {
                report("unknown key `\(key)` in \(what)\(DidYouMean.hint(for: key, among: allowed))", at: keyNode)
                continue
            }
            positions?[key] = entries.count
            entries.append(.init(key: key, keyNode: keyNode, value: value))
        }
        // YAML merge keys: the mapping's own keys win over merged ones, earlier merges over later.
        if !merged.isEmpty {
            var present = Set(entries.map(\.key))
            for entry in merged where present.insert(entry.key).inserted {
                entries.append(entry)
            }
        }
        return ConfigMapping(location: location(of: node), entries: entries)
    }

    /// Reports duplicate `key` where it is written, within the file's limit of duplicate reports.
    func reportDuplicate(_ key: String, in what: String, firstAt first: YAMLNode.Mark?, at keyNode: YAMLNode) {
        var message = "duplicate key `\(key)` in \(what)"
        if let first { message += " (first at line \(first.line), column \(first.column))" }
        guard let error = document.duplicateKeys.error(for: key, line: keyNode.mark.line, message: message) else { return }
        report(error, at: keyNode)
    }

    private func mergeEntries(_ value: YAMLNode, _ what: String, allowed: [String]?) -> [ConfigMapping.Entry] {
        switch value {
        case .mapping:
            return mapping(value, what, allowed: allowed)?.entries ?? []
        case .sequence(let sources):
            return sources.flatMap { mergeEntries($0, what, allowed: allowed) }
        default:
            report("`<<` in \(what): expected a mapping or a list of mappings to merge, found \(describe(value))", at: value)
            return []
        }
    }

    /// Reports `key` missing from `mapping` when it is absent; returns its value otherwise.
    func required(_ key: String, in mapping: ConfigMapping, _ what: String) -> YAMLNode? {
        guard let value = mapping[key] else {
            diagnostics.report("missing required key `\(key)` in \(what)", at: mapping.location)
            return nil
        }
        return value
    }
}
