/// A JSON document or config literal, as parsed from a response body.
///
/// Strings and member names compare by code points, as RFC 8259 §8.3 does, not by Swift's
/// canonical equivalence: `"é"` (U+00E9) is not `"e"` + U+0301. Numbers compare numerically.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([JSONKey: JSONValue])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case let (.bool(left), .bool(right)): left == right
        case let (.number(left), .number(right)): left == right
        case let (.string(left), .string(right)): JSONKey.sameCodePoints(left, right)
        case let (.array(left), .array(right)): left == right
        case let (.object(left), .object(right)): left == right
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null:
            hasher.combine(0)
        case .bool(let value):
            hasher.combine(1)
            hasher.combine(value)
        case .number(let value):
            hasher.combine(2)
            hasher.combine(value)
        case .string(let value):
            hasher.combine(3)
            hasher.combine(JSONKey(value))
        case .array(let items):
            hasher.combine(4)
            hasher.combine(items)
        case .object(let members):
            hasher.combine(5)
            hasher.combine(members)
        }
    }
}

extension JSONValue: CustomStringConvertible {
    /// Compact JSON text, as shown in reasons: `"ok"`, `12000`, `true`, `null`.
    public var description: String {
        switch self {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .number(let value):
            if value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
            return String(value)
        case .string(let value): return JSONValue.quoted(value)
        case .array(let items): return "[" + items.map(\.description).joined(separator: ",") + "]"
        case .object(let members):
            let body = members.keys.sorted().map { JSONValue.quoted($0.text) + ":" + (members[$0]?.description ?? "null") }
            return "{" + body.joined(separator: ",") + "}"
        }
    }

    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
