import Foundation
import Testing
@testable import BatonCore

/// Reasons stored as JSON (inside notices) come back as the same typed values; old rows come back as text.
@Suite("Reasons, stored")
struct ReasonCodableTests {
    static func roundTrip(_ reason: Reason) throws -> Reason {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(Reason.self, from: encoder.encode(reason))
    }

    /// Every kind in the compact table survives encoding and decoding unchanged.
    @Test(arguments: ReasonCompactTests.cases.map(\.0))
    func roundTrips(reason: Reason) throws {
        #expect(try Self.roundTrip(reason) == reason)
    }

    /// A typed reason is stored under its kind, with its compact text beside it for anyone reading the database.
    @Test func storedShape() throws {
        let reason = Reason.progress(.httpStatus(HTTPStatusFinding(code: 503, expected: [200])), .failing(probe: 1, of: 3))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = String(decoding: try encoder.encode(reason), as: UTF8.self)
        #expect(text == #"{"progress":{"progress":{"failing":{"of":3,"probe":1}},"reason":{"http_status":{"code":503,"expected":[200]},"text":"HTTP 503 (expected 200)"}},"text":"HTTP 503 (expected 200) (failed probe 1 of 3)"}"#)
        #expect(String(decoding: try encoder.encode(Reason.text("a \"b\"")), as: UTF8.self) == #""a \"b\"""#)
    }

    /// An HTTP check's passing summary is stored as before file drops existed (no `file` key); a file drop's names its file.
    @Test func answeredShape() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let http = Reason.answered(AnswerSummary(status: 200, latency: .milliseconds(12)))
        #expect(String(decoding: try encoder.encode(http), as: UTF8.self)
            == #"{"answered":{"latencyMilliseconds":12,"status":200},"text":"HTTP 200 in 12ms"}"#)
        let file = Reason.answered(AnswerSummary(status: 0, latency: .milliseconds(12), file: FileSummary(name: "a.csv", bytes: 5)))
        #expect(String(decoding: try encoder.encode(file), as: UTF8.self)
            == #"{"answered":{"file":{"bytes":5,"name":"a.csv"},"latencyMilliseconds":12,"status":0},"text":"a.csv is 5 B"}"#)
    }

    /// A plain string, as rows were written before reasons had types, reads back as that text.
    @Test(arguments: ["last_sync 3h12m old (error after 2h)", "blocked by sfdc-api (down)", ""])
    func oldStringReadsAsText(text: String) throws {
        let data = try JSONEncoder().encode(text)
        #expect(try JSONDecoder().decode(Reason.self, from: data) == .text(text))
    }

    /// A kind this version does not know (written by a newer one), or a payload it cannot read, reads back as its text.
    @Test(arguments: [
        #"{"quota":{"left":0},"text":"API quota exhausted"}"#,
        #"{"http_status":{"code":"five hundred"},"text":"API quota exhausted"}"#,
    ])
    func unknownKindReadsAsItsText(json: String) throws {
        #expect(try JSONDecoder().decode(Reason.self, from: Data(json.utf8)) == .text("API quota exhausted"))
    }

    /// Neither a known kind nor a text: an error, not a made-up reason.
    @Test func unreadableIsAnError() {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Reason.self, from: Data(#"{"quota":1}"#.utf8)) }
    }

    /// A notice stored before reasons had types (`"reason": "…"`) still decodes, its reason as text; a new one keeps its type.
    @Test func noticeContentOldAndNew() throws {
        let old = #"""
        {"blocks":[],"headline":"Leads is stale: last_sync 3h12m old (error after 2h)","integrationID":"leads","integrationName":"Leads",
         "owner":{"id":"mops","name":"Marketing Operations"},"reason":"last_sync 3h12m old (error after 2h)",
         "since":"2026-11-23T08:48:00Z","state":"stale","tools":["Salesforce"]}
        """#
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let content = try decoder.decode(NoticeContent.self, from: Data(old.utf8))
        #expect(content.reason == .text("last_sync 3h12m old (error after 2h)"))

        var typed = content
        typed.reason = .freshness(FreshnessFinding(label: "last_sync", outcome: .tooOld(ageSeconds: 11_520, limit: .errorAfter(.seconds(7200)))))
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        #expect(try decoder.decode(NoticeContent.self, from: encoder.encode(typed)) == typed)
    }
}
