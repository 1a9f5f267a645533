extension YAMLReader {
    /// A YAML value as the JSON value it stands for in `equals:` / `not_equals:`.
    ///
    /// Plain scalars resolve by the YAML 1.2 core schema (`ok` is a string, `5` a number,
    /// `true` a bool, `null` null); quoted scalars always stay strings, so `"5"` compares
    /// with the JSON string "5". Strings are interpolated like any other config text.
    func jsonValue(_ node: YAMLNode, _ key: String) -> JSONValue? {
        switch node {
        case .scalar(let scalar):
            return jsonValue(scalar, node, key)
        case .sequence(let sequence):
            var items: [JSONValue] = []
            for item in sequence {
                guard let value = jsonValue(item, key) else { return nil }
                items.append(value)
            }
            return .array(items)
        case .mapping(let mapping):
            var members: [JSONKey: JSONValue] = [:]
            for (keyNode, valueNode) in mapping {
                guard let name = keyNode.scalar?.string else {
                    report("\(key): object keys must be plain text", at: keyNode)
                    return nil
                }
                guard let value = jsonValue(valueNode, key) else { return nil }
                guard members.updateValue(value, forKey: JSONKey(name)) == nil else {
                    let first = mapping.first { $0.key.scalar?.string == name }?.key.mark
                    reportDuplicate(name, in: key, firstAt: first, at: keyNode)
                    return nil
                }
            }
            return .object(members)
        }
    }

    private func jsonValue(_ scalar: YAMLNode.Scalar, _ node: YAMLNode, _ key: String) -> JSONValue? {
        switch CoreSchemaScalar(scalar) {
        case .text: return string(node, key).map(JSONValue.string)
        case .null: return .null
        case .bool(let value): return .bool(value)
        case .number(let number): return .number(number)
        }
    }
}

/// What a YAML scalar stands for under the YAML 1.2 core schema.
enum CoreSchemaScalar: Equatable {
    case text
    case null
    case bool(Bool)
    case number(Double)

    init(_ scalar: YAMLNode.Scalar) {
        // Quoted and block scalars count as `!!str`; only untagged plain ones are resolved.
        if scalar.tag == .string || scalar.tag == .nonSpecific {
            self = .text
            return
        }
        let text = scalar.string
        if ["", "~", "null", "Null", "NULL"].contains(text) {
            self = .null
        } else if ["true", "True", "TRUE"].contains(text) {
            self = .bool(true)
        } else if ["false", "False", "FALSE"].contains(text) {
            self = .bool(false)
        } else if let number = CoreSchemaNumber.parse(text) {
            self = .number(number)
        } else {
            self = .text
        }
    }
}

/// Numbers as the YAML 1.2 core schema writes them: `5`, `-3`, `0x1F`, `0o17`, `1.5`, `2e3`.
///
/// Checked by hand: this runs for every `equals:` value of every integration, and a
/// regular expression built per call made loading 10,000 integrations take seconds.
enum CoreSchemaNumber {
    static func parse(_ text: String) -> Double? {
        if text.hasPrefix("0x"), let value = Int(text.dropFirst(2), radix: 16) { return Double(value) }
        if text.hasPrefix("0o"), let value = Int(text.dropFirst(2), radix: 8) { return Double(value) }
        guard isDecimal(Array(text.utf8)) else { return nil }
        return Double(text)
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
    static func isDecimal(_ bytes: [UInt8]) -> Bool {
        var index = 0
        func digits() -> Int {
            let start = index
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            return index - start
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { return false }
        } else {
            guard digits() > 0 else { return false }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                _ = digits()
            }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
            guard digits() > 0 else { return false }
        }
        return index == bytes.count
    }
}
