/// Makes requests for the control socket (SPEC.md "API"): every route, with wrong methods,
/// hostile ids and query values, bodies of the wrong JSON types, bad UTF-8, and malformed
/// HTTP/1.1 (request lines, versions, Content-Length, chunking, header syntax).
public enum ControlRequestFuzzer {
    /// One request as bytes, and whether a server may rightly wait for more before answering
    /// (a body shorter than its length, chunks without their end, a head without its blank line).
    public struct Request: Sendable {
        public var bytes: [UInt8]
        public var mayWait: Bool
        public var recipe: String
    }

    /// The control API's routes: method and path, `{id}` and `{n}` to be filled.
    public static let routes: [(method: String, path: String)] = [
        ("GET", "/v1/status"), ("GET", "/v1/integrations/{id}"), ("POST", "/v1/integrations/{id}/check"),
        ("GET", "/v1/incidents"), ("POST", "/v1/incidents/{n}/ack"), ("GET", "/v1/silences"), ("POST", "/v1/silences"),
        ("DELETE", "/v1/silences/{n}"), ("GET", "/v1/report"), ("POST", "/v1/channels/{id}/test"), ("POST", "/v1/reload"),
    ]

    /// Query parameters each route reads, and the unknown one everybody gets.
    static let queries = ["state", "owner", "tag", "since", "format", "width", "all", "x"]

    static let ids = [
        "int-0", "int-1", "ch-0", "team-0", "nope", "", "%00", "%2F", "..", "%2e%2e", "%ZZ", "%", "%E9", "%C0%80", "%FF",
        "9223372036854775808", "-1", "0", "1", "#1", "%231", "0x10", "1e3", "+1", " 1", "1.5", "١", "%20", "a%0d%0aX-Injected:%201",
        String(repeating: "a", count: 5_000), String(repeating: "9", count: 400), "int-0/extra", "int-0;x", "int-0?", "int-0#frag",
    ]

    static let queryValues = [
        "open", "all", "healthy", "down", "nope", "", "7d", "0s", "-1d", "400d", "401d", "99999999999999999999d", "1e9d",
        "9223372036854775807s", "json", "table", "csv", "markdown", "xml", "40", "0", "-1", "9223372036854775808", "1e3",
        "true", "1", "%", "%00", "%FF", String(repeating: "x", count: 10_000), "a&b", "a%26b", "%E9",
    ]

    /// A JSON value of any type, sometimes the expected one.
    static func jsonValue(_ random: inout SplitMix64, expecting text: [String]) -> String {
        switch random.below(14) {
        case 0, 1, 2, 3: return "\"" + random.pick(text) + "\""
        case 4: return random.pick(["0", "-1", "1e999", "-0", "9223372036854775808", "1.5", "NaN"])
        case 5: return random.pick(["true", "false", "null"])
        case 6: return random.pick(["[]", "{}", "[\"2h\"]", "{\"a\":1}"])
        case 7: return "\"" + String(repeating: "x", count: random.size(upTo: 70_000)) + "\""
        case 8: return random.pick(["\"\\ud800\"", "\"\\u0000\"", "\"a\\u202Eb\"", "\"\\x41\"", "\"\u{1}\"", "\"\\", "\""])
        case 9: return String(repeating: "[", count: random.size(upTo: 5_000)) + String(repeating: "]", count: random.size(upTo: 5_000))
        default: return "\"" + random.pick(text) + "\""
        }
    }

    static func silenceBody(_ random: inout SplitMix64) -> [UInt8] {
        var members: [String] = []
        let selectors = ["integration": ["int-0", "int-9", ""], "tag": ["crm", "nope"], "owner": ["team-0", "nope"]]
        for name in ["integration", "tag", "owner"] where random.chance(name == "integration" ? 60 : 25) {
            members.append("\"\(name)\":" + jsonValue(&random, expecting: selectors[name] ?? []))
        }
        if random.chance(90) { members.append("\"for\":" + jsonValue(&random, expecting: ["2h", "0s", "-1h", "367d", "366d", "99999999999d", "1e3h", "5 m", ""])) }
        if random.chance(90) { members.append("\"reason\":" + jsonValue(&random, expecting: ["fuzz", "", "   ", "\\n"])) }
        if random.chance(15) { members.append(random.pick(["\"for\":\"1h\"", "\"x\":1", "\"integration\":null"])) }
        var order: [String] = []
        while !members.isEmpty { order.append(members.remove(at: random.below(members.count))) }
        return Array(("{" + order.joined(separator: ",") + "}").utf8)
    }

    static func body(for route: (method: String, path: String), _ random: inout SplitMix64) -> [UInt8] {
        switch random.weighted([60, 10, 10, 10, 10]) {
        case 0:
            if route.path == "/v1/silences" { return silenceBody(&random) }
            if route.path.hasSuffix("/ack") { return Array(("{\"note\":" + jsonValue(&random, expecting: ["ticket 1234", ""]) + "}").utf8) }
            return random.chance(50) ? [] : Array("{}".utf8)
        case 1: return Array(random.pick(["[]", "\"x\"", "1", "null", "{", "{\"a\":", "}", "{}{}", ""]).utf8)
        case 2: return [0xEF, 0xBB, 0xBF] + Array("{\"reason\":\"x\"}".utf8)
        case 3: return Array("{\"reason\":\"".utf8) + random.pick(HostileValues.badBytes) + Array("\",\"for\":\"1h\",\"integration\":\"int-0\"}".utf8)
        default: return random.bytes(random.size(upTo: 2_000))
        }
    }

    public static func request(_ random: inout SplitMix64) -> Request {
        var recipe: [String] = []
        let route = random.pick(routes)
        var method = route.method
        if random.chance(15) {
            method = random.pick(["GET", "POST", "DELETE", "PUT", "PATCH", "HEAD", "OPTIONS", "TRACE", "CONNECT", "get", "G E T", "", "\u{0}", "PRI", String(repeating: "A", count: 10_000)])
            recipe.append("method \(method.prefix(12))")
        }
        var path = route.path
        while let range = path.range(of: "{id}") ?? path.range(of: "{n}") {
            let isNumber = path[range] == "{n}"
            let value = random.chance(50) ? (isNumber ? String(random.int(in: 0...3)) : random.pick(["int-0", "int-1", "ch-0"])) : random.pick(ids)
            path.replaceSubrange(range, with: value)
        }
        if random.chance(50) {
            let count = random.int(in: 1...3)
            let pairs = (0..<count).map { _ in random.pick(queries) + "=" + random.pick(queryValues) }
            path += "?" + pairs.joined(separator: "&")
        }
        if random.chance(8) {
            path = random.pick(["*", "http://localhost" + path, "v1/status", "//v1/status", "/v1/status/../v1/status", "/v1//status", "/V1/STATUS",
                                "/" + String(repeating: "a", count: 70_000), "/v1/status\u{0}", "/v1/st atus", "/%", "/v1/status?" + String(repeating: "&", count: 5_000)])
            recipe.append("target \(path.prefix(20))")
        }
        var version = "HTTP/1.1"
        if random.chance(8) {
            version = random.pick(["HTTP/1.0", "", "HTTP/2.0", "HTTP/1.12", "HTTP/1.1 extra", "http/1.1", "HTTP/9.9", "HTTP/1.1\u{0}", "HTTP/"])
            recipe.append("version \(version)")
        }
        let ending = random.chance(92) ? "\r\n" : random.pick(["\n", "\r", "\n\r"])
        var body = ["POST", "PUT", "PATCH"].contains(method) || random.chance(10) ? body(for: route, &random) : []
        var headers = ["Host: localhost"]
        if !body.isEmpty { headers.append("Content-Type: " + (random.chance(85) ? "application/json" : random.pick(["text/plain", "", "application/json; charset=utf-16", "multipart/form-data; boundary=x"]))) }
        var mayWait = false
        switch random.weighted([70, 12, 10, 8]) {
        case 0:
            if !body.isEmpty || random.chance(20) { headers.append("Content-Length: \(body.count)") }
        case 1:
            let value = random.pick([
                "-1", "99999999999999999999", "12abc", " \(body.count)", "+\(body.count)", "\(body.count), \(body.count)", "0x10", "",
                String(body.count + random.int(in: 1...100)), "0", "1e3",
            ])
            headers.append("Content-Length: \(value)")
            if random.chance(30) { headers.append("Content-Length: \(body.count + 1)") }
            mayWait = true
            recipe.append("Content-Length \(value.prefix(20))")
        case 2:
            headers.append("Transfer-Encoding: " + random.pick(["chunked", "chunked", "gzip, chunked", "identity", "chunked, gzip", "Chunked"]))
            body = chunked(body, &random)
            if random.chance(20) { headers.append("Content-Length: \(body.count)") }
            mayWait = true
            recipe.append("chunked")
        default:
            headers += (0..<random.int(in: 1...3)).map { _ in
                random.pick([
                    "X-No-Colon", "X-Fold: a\(ending) b", "X-Nul: a\u{0}b", "X-Long: " + String(repeating: "v", count: random.size(upTo: 100_000)),
                    "Ünicode: x", " Leading: space", "Expect: 100-continue", "Upgrade: h2c", "Connection: upgrade", "Connection: close",
                    "Host: other", "Content-Type: application/json", ": empty-name", "X: \u{7F}",
                ])
            }
            if random.chance(30) { headers += (0..<random.size(upTo: 2_000)).map { "X-Many-\($0): v" } }
            if !body.isEmpty { headers.append("Content-Length: \(body.count)") }
            mayWait = true
            recipe.append("odd headers")
        }
        if random.chance(5) { headers.removeAll { $0.hasPrefix("Host:") } }
        var text = "\(method) \(path)" + (version.isEmpty ? "" : " " + version) + ending
        for header in headers { text += header + ending }
        var bytes = Array(text.utf8)
        if random.chance(95) {
            bytes += Array(ending.utf8)
        } else {
            mayWait = true
            recipe.append("no blank line")
        }
        bytes += body
        if ending != "\r\n" || method.isEmpty || method.contains(" ") || method.contains("\u{0}") { mayWait = true }
        if random.chance(3) {
            bytes = Array(bytes.prefix(random.below(bytes.count)))
            mayWait = true
            recipe.append("cut short")
        }
        recipe.insert("\(route.method) \(route.path)", at: 0)
        return Request(bytes: bytes, mayWait: mayWait, recipe: recipe.joined(separator: ", "))
    }

    static func chunked(_ body: [UInt8], _ random: inout SplitMix64) -> [UInt8] {
        var out: [UInt8] = []
        var rest = body[...]
        while !rest.isEmpty {
            let size = min(rest.count, random.int(in: 1...max(1, rest.count)))
            var header = String(size, radix: 16)
            if random.chance(10) { header = random.pick(["zz", "-1", "ffffffffffffffff", "1;ext=1", " 1", "", "100000000"]) }
            out += Array((header + "\r\n").utf8) + rest.prefix(size) + Array("\r\n".utf8)
            rest = rest.dropFirst(size)
        }
        if random.chance(85) { out += Array("0\r\n\r\n".utf8) }
        return out
    }
}
