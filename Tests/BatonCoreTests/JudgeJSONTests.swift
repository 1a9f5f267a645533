import Testing
@testable import BatonCore

/// JSON Pointer conditions, in the exact words of `baton status`, and bodies that are not JSON.
struct JudgeJSONTests {
    typealias F = JudgeFixtures

    static let conditions: [(JSONCondition, String, VerdictLevel, String)] = [
        // equals: type-strict, except numbers compare numerically.
        (F.condition("/status", .equals(.string("ok"))), #"{"status":"ok"}"#, .pass, #"/status is "ok""#),
        (F.condition("/status", .equals(.string("ok"))), #"{"status":"error"}"#, .fail, #"/status is "error", expected "ok""#),
        (F.condition("/status", .equals(.string("ok"))), #"{}"#, .fail, #"/status is missing, expected "ok""#),
        (F.condition("/status", .equals(.string("1"))), #"{"status":1}"#, .fail, #"/status is 1, expected "1""#),
        (F.condition("/flag", .equals(.bool(true))), #"{"flag":"true"}"#, .fail, #"/flag is "true", expected true"#),
        (F.condition("/flag", .equals(.bool(true))), #"{"flag":1}"#, .fail, "/flag is 1, expected true"),
        (F.condition("/n", .equals(.number(1))), #"{"n":1.0}"#, .pass, "/n is 1"),
        (F.condition("/n", .equals(.number(100))), #"{"n":1e2}"#, .pass, "/n is 100"),
        (F.condition("/v", .equals(.null)), #"{"v":null}"#, .pass, "/v is null"),
        (F.condition("/v", .equals(.null)), #"{}"#, .fail, "/v is missing, expected null"),
        (F.condition("/jobs/0/state", .equals(.string("done"))), #"{"jobs":[{"state":"running"}]}"#, .fail,
         #"/jobs/0/state is "running", expected "done""#),
        (F.condition("/a~1b", .equals(.string("x"))), #"{"a/b":"x"}"#, .pass, #"/a~1b is "x""#),
        (F.condition("/status", .equals(.string("ok"))), #"{"status":{"code":"ok"}}"#, .fail, #"/status is {"code":"ok"}, expected "ok""#),
        (F.condition("/status", .equals(.string("ok"))), "{\"status\":\"" + String(repeating: "a", count: 100) + "\"}", .fail,
         "/status is \"" + String(repeating: "a", count: 58) + "…, expected \"ok\""),
        // not_equals.
        (F.condition("/status", .notEquals(.string("error"))), #"{"status":"error"}"#, .fail, #"/status is "error", expected anything but "error""#),
        (F.condition("/status", .notEquals(.string("error"))), #"{"status":"ok"}"#, .pass, #"/status is "ok""#),
        (F.condition("/status", .notEquals(.string("error"))), #"{}"#, .fail, #"/status is missing, expected anything but "error""#),
        // less_than / greater_than: strict, numbers only.
        (F.condition("/queue_depth", .lessThan(10000)), #"{"queue_depth":12000}"#, .fail, "/queue_depth is 12000, expected less than 10000"),
        (F.condition("/queue_depth", .lessThan(10000)), #"{"queue_depth":10000}"#, .fail, "/queue_depth is 10000, expected less than 10000"),
        (F.condition("/queue_depth", .lessThan(10000)), #"{"queue_depth":12}"#, .pass, "/queue_depth is 12"),
        (F.condition("/queue_depth", .lessThan(10000)), #"{"queue_depth":"x"}"#, .fail, #"/queue_depth is "x", expected a number less than 10000"#),
        (F.condition("/queue_depth", .lessThan(10000)), #"{"queue_depth":"12"}"#, .fail, #"/queue_depth is "12", expected a number less than 10000"#),
        (F.condition("/queue_depth", .lessThan(10000)), #"{}"#, .fail, "/queue_depth is missing, expected less than 10000"),
        (F.condition("/workers", .greaterThan(0)), #"{"workers":0}"#, .fail, "/workers is 0, expected greater than 0"),
        (F.condition("/workers", .greaterThan(0)), #"{"workers":3}"#, .pass, "/workers is 3"),
        (F.condition("/ratio", .greaterThan(0.5)), #"{"ratio":0.25}"#, .fail, "/ratio is 0.25, expected greater than 0.5"),
        (F.condition("/ratio", .greaterThan(0.5)), #"{"ratio":null}"#, .fail, "/ratio is null, expected a number greater than 0.5"),
        (F.condition("/ratio", .greaterThan(0.5)), #"{}"#, .fail, "/ratio is missing, expected greater than 0.5"),
        // exists.
        (F.condition("/x", .exists(true)), #"{}"#, .fail, "/x is missing"),
        (F.condition("/x", .exists(true)), #"{"x":null}"#, .pass, "/x is null"),
        (F.condition("/x", .exists(true)), #"{"x":[1,2]}"#, .pass, "/x is [1,2]"),
        (F.condition("/x", .exists(false)), #"{"x":null}"#, .fail, "/x is present, expected it to be absent"),
        (F.condition("/x", .exists(false)), #"{}"#, .pass, "/x is absent"),
        // A pointer through a scalar or past an array's end selects nothing.
        (F.condition("/status/code", .exists(true)), #"{"status":"ok"}"#, .fail, "/status/code is missing"),
        (F.condition("/items/3", .exists(true)), #"{"items":[1,2,3]}"#, .fail, "/items/3 is missing"),
    ]

    /// Each condition gives exactly this finding, and the verdict takes its level and text.
    @Test(arguments: conditions)
    func condition(_ condition: JSONCondition, body: String, level: VerdictLevel, text: String) {
        let verdict = Judge.judge(F.answered(body: body), against: F.check(json: [condition]))
        #expect(verdict.findings.map(\.shown) == [Shown(level: .pass, text: "HTTP 200"), Shown(level: level, text: text)])
        #expect(verdict.level == level)
        if level == .fail { #expect(verdict.reason == text) }
    }

    /// A body that is not JSON fails with the parser's message, and no JSON rule is evaluated on it.
    @Test(arguments: [
        ("<html>502 Bad Gateway</html>", "body is not JSON: unexpected \"<\" at byte 1"),
        ("", "body is not JSON: empty document"),
        (#"{"status":"ok","last_sync":"2026-11-23T09"#, "body is not JSON: unterminated string at byte 28"),
        (#"{"status":"ok"} trailing"#, "body is not JSON: unexpected \"t\" after the JSON value at byte 17"),
    ])
    func bodyIsNotJSON(body: String, text: String) {
        let check = F.check(json: [F.condition("/status", .equals(.string("ok")))], freshness: F.lastSync)
        let verdict = Judge.judge(F.answered(body: body), against: check)
        #expect(verdict.findings.map(\.shown) == [Shown(level: .pass, text: "HTTP 200"), Shown(level: .fail, text: text)])
        #expect(verdict.reason == text)
        #expect(verdict.dataTimestamp == nil)
    }

    /// A pointer freshness rule alone is enough to make the body be parsed as JSON.
    @Test func freshnessPointerAloneRequiresJSON() {
        let verdict = Judge.judge(F.answered(body: "OK"), against: F.check(freshness: F.lastSync))
        #expect(verdict.reason == "body is not JSON: unexpected \"O\" at byte 1")
    }

    /// A failed status does not hide the JSON findings of the same answer.
    @Test func failedStatusStillListsJSONFindings() {
        let check = F.check(
            status: [200],
            json: [F.condition("/status", .equals(.string("ok"))), F.condition("/queue_depth", .lessThan(10000))],
            freshness: F.lastSync
        )
        let body = #"{"status":"error","queue_depth":12000,"last_sync":"2026-11-23T09:56:00Z"}"#
        let verdict = Judge.judge(F.answered(status: 503, body: body), against: check)
        #expect(verdict.findings.map(\.shown) == [
            Shown(level: .fail, text: "HTTP 503 (expected 200)"),
            Shown(level: .fail, text: #"/status is "error", expected "ok""#),
            Shown(level: .fail, text: "/queue_depth is 12000, expected less than 10000"),
            Shown(level: .pass, text: "last_sync 4m old"),
        ])
        #expect(verdict.reason == "HTTP 503 (expected 200)")
        #expect(verdict.httpStatus == 503)
    }
}
