/// Makes the judgement fuzzer's inputs: a check from the schema generator, and an answer that
/// is JSON near what the check reads (its pointers holding hostile timestamps, numbers and
/// text), JSON that is merely odd (deep, huge, escaped, duplicated), or bytes that are not JSON.
public enum JudgeFuzzer {
    public static func input(_ random: inout SplitMix64) -> FuzzInput {
        var generator = ConfigGenerator(random: SplitMix64(seed: random.next()))
        var tree = generator.judgedConfig()
        var recipe: [String] = []
        if random.chance(40) {
            var mutator = YAMLTreeMutator(random: SplitMix64(seed: random.next()))
            mutator.hostileScalar(&tree, tree.paths())
            recipe += mutator.applied
        }
        let config = YAMLEmitter.emit(tree)
        var json = JSONGenerator(random: SplitMix64(seed: random.next()))
        let pointers = Self.pointers(in: config)
        var body: [UInt8]
        switch random.weighted([45, 25, 15, 15]) {
        case 0:
            body = Array(json.document(reaching: pointers).utf8)
            recipe.append("JSON at the check's pointers")
        case 1:
            body = Array(json.value(depth: 0).utf8)
            recipe.append("odd JSON")
        case 2:
            body = json.hostileBytes()
            recipe.append("bytes")
        default:
            body = Array(json.document(reaching: pointers).utf8)
            var mutator = TextMutator(random: SplitMix64(seed: random.next()))
            mutator.mutate(&body, donor: "{\"a\": [1, 2, {\"b\": null}]}")
            recipe.append("JSON at the pointers, " + mutator.applied.joined(separator: ", "))
        }
        var judged = JudgeCase(config: config, status: 200, body: body)
        judged.status = random.chance(80) ? random.pick([200, 200, 204, 301, 404, 500, 503]) : random.pick([0, -1, 99, 600, 999, Int.max, Int.min, 100])
        if random.chance(50) {
            judged.headers.append(("last-modified", random.pick(JSONGenerator.httpDates)))
        }
        if random.chance(20) {
            judged.headers.append((random.pick(["content-type", "content-length", "date", "x-\u{202E}"]), random.pick(HostileValues.texts)))
        }
        judged.latencyMilliseconds = random.chance(90) ? Int64(random.int(in: 0...5000)) : random.pick([-1, Int64.max, Int64.min, 1 << 53])
        judged.observedAt = random.chance(90) ? 1_795_428_000 : random.pick([0, -1, 253_402_300_799, 1e12, -62_135_596_800])
        if random.chance(20) {
            let year = 31_556_952.0
            judged.certificate = (
                judged.observedAt + random.pick([-year, -100 * year, 0, 1e15, -1e15]),
                judged.observedAt + random.pick([-1, 0, 86_400, 30 * 86_400, 100 * year, 1e15, -1e15])
            )
        }
        if random.chance(25) {
            let name = random.pick(["leads_20261202.csv", "", "a\u{202E}vsc.exe", "x" + String(repeating: "y", count: 5000), "\u{1B}[31m.csv"])
            judged.file = (
                name, random.chance(30) ? nil : random.pick([0, 1, 1024, Int.max, -1, Int.min]),
                random.chance(30) ? nil : judged.observedAt - random.pick([0, 60, 86_400, 1e15, -1e15, -3600])
            )
        }
        return FuzzInput(bytes: judged.encoded(), recipe: recipe.joined(separator: ", "))
    }

    /// The JSON pointers a config's conditions and freshness rule read (as written: the
    /// generator writes them plain or double-quoted, on one line).
    static func pointers(in config: String) -> [String] {
        var found: [String] = []
        var rest = Substring(config)
        while let start = rest.range(of: "pointer: ") {
            rest = rest[start.upperBound...]
            var value = rest.prefix { $0 != "," && $0 != "}" && $0 != "\n" }
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = value.dropFirst().dropLast() }
            found.append(String(value))
        }
        return found
    }
}

/// JSON documents, from the plain to the hostile.
public struct JSONGenerator {
    public var random: SplitMix64

    public init(random: SplitMix64) {
        self.random = random
    }

    public static let timestamps = [
        "\"2026-11-23T10:00:00Z\"", "\"2026-11-23T09:58:11.000+0000\"", "\"2026-11-23T10:00:60Z\"", "\"2026-12-31T23:59:60Z\"",
        "\"2026-02-30T00:00:00Z\"", "\"0000-01-01T00:00:00Z\"", "\"9999-12-31T23:59:59.999999999Z\"", "\"+10000-01-01T00:00:00Z\"",
        "\"2026-11-23T10:00:00.00000000000000000000000000001Z\"", "\"2026-11-23T10:00:00+99:99\"", "\"2026-11-23T10:00:00-00:00\"",
        "\"2026-11-23t10:00:00z\"", "\"2026-11-23 10:00:00Z\"", "\"2026-11-23T10:00Z\"", "\"2026-11-23\"", "\"20261123T100000Z\"",
        "\"2026-11-23T10:00:00+14:00\"", "\"2026-11-23T10:00:00-23:59\"", "\"1970-01-01T00:00:00Z\"", "\"yesterday\"", "\"\"",
        "\"2026-11-23T10:00:00\\u0000Z\"", "\"٢٠٢٦-11-23T10:00:00Z\"", "\"2026-11-23T24:00:00Z\"", "\"2026-13-01T00:00:00Z\"",
        "0", "-1", "1e300", "-1e300", "1795428000", "1795428000000", "1795428000000000", "1795428000000000000", "9223372036854775807",
        "9223372036854775808", "-9223372036854775809", "1.5e12", "1795428000.999", "\"1795428000\"", "1e-300", "-0", "true", "null", "[]",
        "{}", "253402300800", "-62135596801", "18446744073709551616",
    ]

    public static let httpDates = [
        "Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994", "Mon, 23 Nov 2026 10:00:00 GMT",
        "Sun, 31 Feb 2026 25:61:61 GMT", "Sun, 06 Nov 99999999999 08:49:37 GMT", "Sun, 06 Nov -1 08:49:37 GMT", "garbage", "",
        "Mon, 23 Nov 2026 10:00:60 GMT", "Mon, 23 Nov 2026 10:00:00 +0200", "Thu, 01 Jan 1970 00:00:00 GMT", "Fri, 31 Dec 9999 23:59:59 GMT",
        "Mon, 23 Nov 2026 10:00:00 GMT\u{0}", "Mon,  23 Nov 2026 10:00:00 GMT", String(repeating: "Mon, ", count: 2000),
    ]

    static let numbers = [
        "0", "-0", "1", "-1", "1.5", "1e999999", "-1e999999", "0.0e-99999", "123456789012345678901234567890", "1E+2", "1e-400",
        "9223372036854775807", "9223372036854775808", "-9223372036854775809", "18446744073709551616", "4.9e-324", "1.7976931348623157e308",
        "10000", "9999.999999999999999", "10000.0000000000001", "1" + String(repeating: "0", count: 400), "0." + String(repeating: "0", count: 400) + "1",
    ]

    static let badNumbers = ["01", "1.", ".1", "+1", "NaN", "Infinity", "-Infinity", "0x10", "1e", "--1", "1_000"]

    static let strings = [
        "\"ok\"", "\"error\"", "\"\"", "\"\\u0000\"", "\"\\ud800\"", "\"\\udc00\"", "\"\\ud83e\\udd86\"", "\"\\u00e9\"", "\"e\\u0301\"",
        "\"\u{E9}\"", "\"\\x41\"", "\"\\q\"", "\"\u{1}\"", "\"\\\"\"", "\"\\/\"", "\"\\uD800\\u0041\"", "\"\\u\"", "\"\\u12\"",
        "\"\u{202E}ok\"", "\"ok\\n\"", "\"true\"", "\"0\"", "\"null\"",
    ]

    /// Any JSON value, more nested near the top.
    public mutating func value(depth: Int) -> String {
        if depth > 6 || random.chance(30 + depth * 10) { return leaf() }
        switch random.below(10) {
        case 0:
            let nesting = random.size(upTo: 20_000) + 1
            let open = random.chance(50) ? "[" : "{\"a\":"
            let close = open == "[" ? "]" : "}"
            return String(repeating: open, count: nesting) + leaf() + String(repeating: close, count: random.chance(90) ? nesting : nesting / 2)
        case 1:
            let count = random.size(upTo: 20_000)
            return "[" + (0..<count).map { _ in random.pick(Self.numbers) }.joined(separator: ",") + "]"
        case 2:
            let key = random.pick(["\"a\"", "\"\"", "\"\\u0061\"", "\"a\\u0000\"", "\"\u{E9}\"", "\"e\\u0301\""])
            let count = random.size(upTo: 2_000) + 1
            return "{" + (0..<count).map { _ in key + ":" + leaf() }.joined(separator: ",") + "}"
        case 3, 4, 5:
            let count = random.int(in: 0...6)
            return "[" + (0..<count).map { _ in value(depth: depth + 1) }.joined(separator: random.pick([",", ", ", " ,\n"])) + "]"
        default:
            let count = random.int(in: 0...6)
            let members = (0..<count).map { _ in
                random.pick(["\"status\"", "\"last_sync\"", "\"data\"", "\"records\"", "\"a~1b\"", "\"a/b\"", "\"0\"", "\"\"", "\"-\""])
                    + ":" + value(depth: depth + 1)
            }
            return "{" + members.joined(separator: ",") + "}"
        }
    }

    private mutating func leaf() -> String {
        switch random.below(12) {
        case 0, 1, 2: return random.pick(Self.numbers)
        case 3: return random.pick(Self.badNumbers)
        case 4, 5, 6: return random.pick(Self.strings)
        case 7: return random.pick(Self.timestamps)
        case 8: return "\"" + String(repeating: random.pick(["a", "\\u00e9", "\\\\", "é", "\\ud83e\\udd86"]), count: random.size(upTo: 100_000)) + "\""
        default: return random.pick(["true", "false", "null", "tru", "nul", "[]", "{}"])
        }
    }

    /// A document that has something at each of `pointers` (RFC 6901), sometimes of the wrong type.
    public mutating func document(reaching pointers: [String]) -> String {
        var root = Node.object([])
        for pointer in pointers where pointer.hasPrefix("/") {
            let tokens = pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
                $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            }
            let leaf = random.chance(60) ? random.pick(Self.timestamps) : random.chance(50) ? random.pick(Self.numbers) : value(depth: 3)
            root.insert(leaf, at: tokens[...])
        }
        if random.chance(30) { root.insert(value(depth: 2), at: ["extra"]) }
        return root.text
    }

    /// Bytes that are not JSON, or not quite.
    public mutating func hostileBytes() -> [UInt8] {
        switch random.below(6) {
        case 0: return random.bytes(random.size(upTo: 100_000))
        case 1: return [0xEF, 0xBB, 0xBF] + Array("{\"status\":\"ok\"}".utf8)
        case 2: return Array("{\"status\":\"".utf8) + random.pick(HostileValues.badBytes) + Array("\"}".utf8)
        case 3: return Array(String(repeating: " ", count: random.size(upTo: 1 << 20)).utf8) + Array("{}".utf8)
        case 4: return Array("<html><body>502 Bad Gateway</body></html>".utf8)
        default: return Array(value(depth: 0).utf8.prefix(random.size(upTo: 1000)))
        }
    }

    /// A JSON tree being built along pointers.
    indirect enum Node {
        case object([(String, Node)])
        case array([Node])
        case raw(String)

        mutating func insert(_ leaf: String, at tokens: ArraySlice<String>) {
            guard let token = tokens.first else {
                self = .raw(leaf)
                return
            }
            if let index = Int(token), index >= 0, index < 50, token == String(index) {
                var items: [Node] = if case .array(let existing) = self { existing } else { [] }
                while items.count <= index { items.append(.raw("null")) }
                items[index].insert(leaf, at: tokens.dropFirst())
                self = .array(items)
                return
            }
            var members: [(String, Node)] = if case .object(let existing) = self { existing } else { [] }
            if let position = members.firstIndex(where: { $0.0 == token }) {
                members[position].1.insert(leaf, at: tokens.dropFirst())
            } else {
                var child = Node.object([])
                child.insert(leaf, at: tokens.dropFirst())
                members.append((token, child))
            }
            self = .object(members)
        }

        var text: String {
            switch self {
            case .raw(let text): text
            case .array(let items): "[" + items.map(\.text).joined(separator: ",") + "]"
            case .object(let members): "{" + members.map { JSONGenerator.quoted($0.0) + ":" + $0.1.text }.joined(separator: ",") + "}"
            }
        }
    }

    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
