/// Writes a ``YAMLTree`` as YAML text: block style where the tree says block, flow where it
/// says flow, scalars quoted only when needed (or as a mutation forces).
public enum YAMLEmitter {
    public static func emit(_ tree: YAMLTree) -> String {
        var out = ""
        switch tree {
        case .mapping(let entries, false) where !entries.isEmpty:
            block(tree, indent: 0, into: &out)
        case .sequence(let items, false) where !items.isEmpty:
            block(tree, indent: 0, into: &out)
        default:
            out = (inline(tree, inFlow: false) ?? "") + "\n"
        }
        return out
    }

    /// The value after `key:` or `-` (nothing written yet on that line after the indicator).
    private static func value(_ node: YAMLTree, indent: Int, afterDash: Bool, into out: inout String) {
        if let text = inline(node, inFlow: false) {
            out += " " + text + "\n"
            return
        }
        switch node {
        case .anchored(let name, let inner):
            out += " &" + name
            if let text = inline(inner, inFlow: false) {
                out += " " + text + "\n"
            } else {
                value(inner, indent: indent, afterDash: false, into: &out)
            }
        case .scalar(let text, _):
            // A literal block.
            out += " |2-\n"
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                out += spaces(indent + 2) + line + "\n"
            }
        case .mapping(let entries, _) where afterDash && !entries.isEmpty:
            // `- key: value` with the rest of the mapping under the first key.
            out += " "
            var first = true
            for entry in entries {
                if !first { out += spaces(indent + 2) }
                first = false
                out += key(entry) + ":"
                value(entry.value, indent: indent + 2, afterDash: false, into: &out)
            }
        default:
            out += "\n"
            block(node, indent: indent + 2, into: &out)
        }
    }

    /// A block collection starting on a new line at `indent`.
    private static func block(_ node: YAMLTree, indent: Int, into out: inout String) {
        switch node {
        case .mapping(let entries, _):
            for entry in entries {
                out += spaces(indent) + key(entry) + ":"
                value(entry.value, indent: indent, afterDash: false, into: &out)
            }
        case .sequence(let items, _):
            for item in items {
                out += spaces(indent) + "-"
                value(item, indent: indent, afterDash: true, into: &out)
            }
        default:
            out += spaces(indent) + (inline(node, inFlow: false) ?? "~") + "\n"
        }
    }

    /// The node on one line, or `nil` when it must be written as a block.
    private static func inline(_ node: YAMLTree, inFlow: Bool) -> String? {
        switch node {
        case .scalar(let text, let style):
            return scalar(text, style, inFlow: inFlow)
        case .alias(let name):
            return "*" + name
        case .anchored(let name, let inner):
            return inline(inner, inFlow: inFlow).map { "&\(name) \($0)" }
        case .sequence(let items, let flow):
            guard flow || inFlow || items.isEmpty else { return nil }
            return "[" + items.map { inline($0, inFlow: true) ?? "~" }.joined(separator: ", ") + "]"
        case .mapping(let entries, let flow):
            guard flow || inFlow || entries.isEmpty else { return nil }
            return "{" + entries.map { key($0) + ": " + (inline($0.value, inFlow: true) ?? "~") }.joined(separator: ", ") + "}"
        }
    }

    private static func key(_ entry: YAMLTree.Entry) -> String {
        entry.rawKey || isPlainSafe(entry.key, inFlow: true) ? entry.key : doubleQuoted(entry.key)
    }

    private static func scalar(_ text: String, _ style: YAMLTree.Style, inFlow: Bool) -> String? {
        switch style {
        case .auto: isPlainSafe(text, inFlow: inFlow) ? text : doubleQuoted(text)
        case .plain: text
        case .singleQuoted: "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
        case .doubleQuoted: doubleQuoted(text)
        case .literal: inFlow ? doubleQuoted(text) : nil
        }
    }

    /// Whether `text` written plain reads back as the same text.
    static func isPlainSafe(_ text: String, inFlow: Bool) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        if "-?:,[]{}#&*!|>'\"%@` \t".unicodeScalars.contains(first) || last == " " || last == "\t" { return false }
        if text.contains(": ") || text.contains(" #") || text.hasSuffix(":") { return false }
        if inFlow, text.unicodeScalars.contains(where: { ",[]{}".unicodeScalars.contains($0) }) { return false }
        return !text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0.value == 0xFEFF || $0 == "\u{2028}" || $0 == "\u{2029}" }
    }

    static func doubleQuoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\u{85}": out += "\\N"
            case "\u{2028}": out += "\\L"
            case "\u{2029}": out += "\\P"
            case "\u{FEFF}": out += "\\uFEFF"
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\x" + (hex.count < 2 ? "0" : "") + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    private static func spaces(_ count: Int) -> String { String(repeating: " ", count: count) }
}
