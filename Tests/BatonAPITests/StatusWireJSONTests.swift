@testable import BatonAPI
import Foundation
import Testing

/// The status answer's hand-written JSON against Foundation's encoder with the wire format's
/// options: the same bytes, for every shape and every awkward character.
struct StatusWireJSONTests {
    /// What `JSONEncoder` writes, the contract the hand-written encoding keeps.
    static func encoded(_ answer: StatusResponse) throws -> [UInt8] {
        Array(try WireFormat.encoder().encode(answer))
    }

    /// Strings that need every escaping rule: quotes, backslashes, slashes (not escaped), each
    /// control character, DEL, and multi-byte UTF-8 up to four bytes (emoji, U+2028).
    static let awkward: [String] = [
        "",
        #"say "hi" \ back\slash"#,
        "https://example.com/a/b?c=d&e=f",
        String((0..<0x20).map { Character(Unicode.Scalar(UInt8($0))) }),
        "tab\there, line\nbreak, cr\r, bell\u{7}, nul\u{0}, esc\u{1B}, del\u{7F}",
        "Zürich — naïve café … 日本語 😀 👩‍💻 \u{2028}\u{2029} \u{FEFF}",
        "\\u0041 is not unescaped",
        "ends with a backslash \\",
    ]

    /// The compact words of each reason kind (ReasonCompactTests holds the full table).
    static let reasons: [String] = [
        "HTTP 200 in 12ms, last_sync 4m old", "leads_20261201.csv is 12 KiB, 3h old", "HTTP 404 (expected 200)",
        #"body does not contain "\"ok\"""#, "body does not contain \"" + String(repeating: "n", count: 58) + "…",
        #"/status is "error", expected "ok""#, "/queue_depth is 12000, expected less than 10000",
        "last_sync 3h12m old (error after 2h)", "last_sync is 11s in the future (check the clock of the source)",
        #"Last-Modified "yesterday" is not a timestamp (expected an HTTP date)"#, "slow: 2.4s (max 2s)",
        "connection refused (127.0.0.1:9480)", "no such socket (unix socket /run/baton/baton.sock)", "timeout after 1.5s",
        "TLS certificate not trusted: certificate has expired", "body larger than 1 MiB",
        "blocked by sfdc-api (down), consent-api (stale)", "last heartbeat 1d1h0m1s ago (expected every 1d, grace 1h)",
        "no probe yet", "HTTP 503 (failed probe 1 of 3)", "HTTP 200 in 45ms (recovering: 1 of 2 passing probes)",
        "token endpoint answered 401 invalid_client", "key file /etc/baton/keys/sa.json has no private_key",
        "certificate expires in 5 days (2026-12-07)", "no file matches leads_*.csv", "removed from the config", "",
    ]

    static let states = ["unknown", "healthy", "degraded", "stale", "down", "blocked"]

    /// SLA figures Foundation writes in different shapes: whole, fractional, negative zero, exponents, extremes.
    static let figures: [Double] = [
        99.5, 100, 0, -0.0, 99.99999999, 12_345_678.9, 1e-7, 1e16, 1e20, 0.1 + 0.2,
        .leastNonzeroMagnitude, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 123_456_789_012_345_683_968,
    ]

    static func line(_ index: Int) -> IntegrationStatus {
        let text = awkward[index % awkward.count]
        let state = states[index % states.count]
        return IntegrationStatus(
            id: "i\(index)-\(text)",
            name: text.isEmpty ? "Integration \(index)" : text,
            owner: index.isMultiple(of: 2) ? "marketing-ops" : text,
            accountable: index.isMultiple(of: 3) ? nil : "revops \(text)",
            tools: index.isMultiple(of: 4) ? [] : ["salesforce", text],
            tags: index.isMultiple(of: 5) ? [] : ["bench", "tier/1", text],
            journey: index.isMultiple(of: 2) ? [] : ["capture", "enrich"],
            state: state,
            silenced: index.isMultiple(of: 7),
            reason: reasons[index % reasons.count],
            since: index.isMultiple(of: 3) ? nil : "2026-12-07T10:0\(index % 10):00Z",
            lastProbeAt: index.isMultiple(of: 5) ? nil : "2026-12-07T10:00:59Z",
            dataAgeSeconds: [nil, 0, 240, -1, Int.max, Int.min][index % 6],
            latencyMs: [nil, 0, 12, 5000][index % 4],
            blockedBy: state == "blocked" ? ["sfdc-api", text] : [],
            incident: [nil, IncidentRef(id: index, step: 1, acknowledgedBy: nil), IncidentRef(id: Int.max, step: 3, acknowledgedBy: "ana \(text)")][index % 3],
            sla: index.isMultiple(of: 4)
                ? nil
                : SLAFigures(target: figures[index % figures.count], window: "30d", attainment: index.isMultiple(of: 3) ? nil : figures[(index + 5) % figures.count])
        )
    }

    static func answer(lines count: Int) -> StatusResponse {
        var summary = StateSummary()
        let lines = (0..<count).map(line)
        for line in lines { summary.count(line.state) }
        return StatusResponse(integrations: lines, summary: summary, generatedAt: "2026-12-07T10:01:00Z")
    }

    static let answers: [StatusResponse] = {
        var answers: [StatusResponse] = []
        // Nothing optional, nothing listed.
        answers.append(StatusResponse(integrations: [], summary: StateSummary(), generatedAt: "2026-12-07T10:01:00Z"))
        // Every optional of the answer present, with awkward text.
        for (index, text) in awkward.enumerated() {
            var answer = Self.answer(lines: index * 7 + 1)
            answer.configError = text
            answer.delivery = DeliveryStatus(pending: index, dead: index * 1000, disabledChannels: index.isMultiple(of: 2) ? [] : ["ops-slack", text])
            answer.cluster = index.isMultiple(of: 2)
                ? ClusterStatus(node: "node-\(text)", leader: nil, leaderSince: nil, role: "standby", shared: true)
                : ClusterStatus(node: "a", leader: text, leaderSince: "2026-12-07T09:00:00Z", role: "leader", shared: index.isMultiple(of: 3))
            answer.warnings = index.isMultiple(of: 3) ? [] : ["storage failing since 2026-12-07T09:00:00Z: disk I/O error", text]
            answers.append(answer)
        }
        // Each optional alone.
        var onlyError = answer(lines: 3)
        onlyError.configError = "line 4: unknown key \"intervall\""
        answers.append(onlyError)
        var onlyDelivery = answer(lines: 3)
        onlyDelivery.delivery = DeliveryStatus(pending: 0, dead: 0, disabledChannels: [])
        answers.append(onlyDelivery)
        var onlyCluster = answer(lines: 3)
        onlyCluster.cluster = ClusterStatus(node: "a", leader: "b", leaderSince: nil, role: "standby", shared: true)
        answers.append(onlyCluster)
        // Large enough for every combination of the line table.
        answers.append(answer(lines: 500))
        return answers
    }()

    /// Each answer's hand-written JSON is byte for byte what `WireFormat.encoder()` writes.
    @Test(arguments: answers.indices)
    func sameBytesAsJSONEncoder(index: Int) throws {
        let answer = Self.answers[index]
        let fast = try answer.wireJSON()
        let foundation = try Self.encoded(answer)
        #expect(fast == foundation, "first difference at byte \(zip(fast, foundation).prefix { $0 == $1 }.count)")
    }

    /// Written a line at a time, each answer is the same bytes again, its summary counted from the lines.
    @Test(arguments: answers.indices)
    func streamedLinesGiveTheSameBytes(index: Int) throws {
        var answer = Self.answers[index]
        var summary = StateSummary()
        for line in answer.integrations { summary.count(line.state) }
        answer.summary = summary
        var head = answer
        head.integrations = []
        head.summary = StateSummary()
        let streamed = try head.wireJSON(reservingCapacity: 0) { json, counted throws(WireJSON.NonConformingNumber) in
            for line in answer.integrations {
                json.element()
                try line.write(to: &json)
                counted.count(line.state)
            }
        }
        #expect(streamed == (try Self.encoded(answer)))
    }

    /// A figure JSON cannot hold is refused when streamed too.
    @Test func streamedNonConformingFigureIsRefused() {
        var line = Self.answer(lines: 1).integrations[0]
        line.sla = SLAFigures(target: 99, window: "30d", attainment: .nan)
        let head = StatusResponse(integrations: [], summary: StateSummary(), generatedAt: "x")
        #expect(throws: WireJSON.NonConformingNumber.self) {
            try head.wireJSON(reservingCapacity: 0) { json, _ throws(WireJSON.NonConformingNumber) in
                json.element()
                try line.write(to: &json)
            }
        }
    }

    /// Every single character from U+0000 to U+00FF, and a sample of wider ones, alone in a string.
    @Test func everyCharacterEscapesAlike() throws {
        let values: [UInt32] = Array(0...0xFF) + [0x2028, 0x2029, 0xD7FF, 0xE000, 0xFFFD, 0xFFFF, 0x10000, 0x1F600, 0x10FFFF]
        let scalars = values.compactMap { Unicode.Scalar($0) }
        for scalar in scalars {
            var answer = StatusResponse(integrations: [], summary: StateSummary(), generatedAt: "x")
            answer.configError = "a\(Character(scalar))b"
            #expect(try answer.wireJSON() == Self.encoded(answer), "U+\(String(scalar.value, radix: 16))")
        }
    }

    /// Random strings from an alphabet of troublemakers, many times, with a fixed seed.
    @Test func randomStringsEncodeAlike() throws {
        let alphabet: [Character] = ["a", "\"", "\\", "/", "\n", "\r", "\t", "\u{8}", "\u{C}", "\u{0}", "\u{1F}", "\u{7F}", "é", "…", "😀", " ", "{", "}", "[", "]", ":", ","]
        var generator = SplitMix(seed: 11)
        for _ in 0..<500 {
            let length = Int.random(in: 0...24, using: &generator)
            let text = String((0..<length).map { _ in alphabet.randomElement(using: &generator) ?? "a" })
            var answer = Self.answer(lines: 1)
            answer.integrations[0].reason = text
            answer.warnings = [text]
            #expect(try answer.wireJSON() == Self.encoded(answer), "\(text.debugDescription)")
        }
    }

    /// A figure JSON cannot hold is refused, as Foundation's encoder refuses it.
    @Test(arguments: [Double.nan, .infinity, -.infinity])
    func nonConformingFigureIsRefused(value: Double) {
        var answer = Self.answer(lines: 1)
        answer.integrations[0].sla = SLAFigures(target: 99, window: "30d", attainment: value)
        #expect(throws: WireJSON.NonConformingNumber.self) { try answer.wireJSON() }
        #expect(throws: (any Error).self) { try Self.encoded(answer) }
    }

    /// The bytes decode back to the same answer.
    @Test func decodesBack() throws {
        let answer = Self.answers[1]
        let decoded = try WireFormat.decoder().decode(StatusResponse.self, from: Data(answer.wireJSON()))
        #expect(decoded == answer)
    }
}

/// A small seeded generator, so a failure can be replayed.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
