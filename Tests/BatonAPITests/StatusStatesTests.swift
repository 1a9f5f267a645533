@testable import BatonAPI
import Foundation
import Testing

/// The CLI's quick read of the states in a status answer: the same states `JSONDecoder` finds,
/// and `nil` (the CLI then decodes fully and reports the fault) for anything else.
struct StatusStatesTests {
    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// Every answer of the encoding tests, as the daemon writes it, gives the decoded states in order.
    @Test(arguments: StatusWireJSONTests.answers.indices)
    func statesOfRealAnswers(index: Int) throws {
        let answer = StatusWireJSONTests.answers[index]
        var json = try answer.wireJSON()
        json.append(UInt8(ascii: "\n"))   // as the daemon sends it
        #expect(StatusStates.scan(json) == answer.integrations.map(\.state))
    }

    /// Pretty-printed JSON with other key orders is read too.
    @Test func prettyPrinted() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted]
        let answer = StatusWireJSONTests.answer(lines: 40)
        #expect(StatusStates.scan(Array(try encoder.encode(answer))) == answer.integrations.map(\.state))
    }

    static let accepted: [(String, [String])] = [
        (#"{"integrations":[]}"#, []),
        (#" {"summary":{"a":[1,2.5e-3,-0,true,false,null,{}]},"integrations":[{"state":"down","x":"\"state\""},{"id":"s","state":"healthy"}]} "#, ["down", "healthy"]),
        (#"{"integrations":[{"reason":"a \\\" [ { ","state":"stale"}],"warnings":["]}"]}"#, ["stale"]),
        (#"{"integrations":[{"reason":"\\","state":"down"},{"reason":"\\\\\"","state":"degraded"}]}"#, ["down", "degraded"]),
    ]

    @Test(arguments: accepted)
    func readsStates(json: String, states: [String]) {
        #expect(StatusStates.scan(Self.bytes(json)) == states)
    }

    static let refused: [String] = [
        "",
        "[]",
        "null",
        #"{}"#,                                                        // no integrations
        #"{"integrations":{}}"#,                                       // not an array
        #"{"integrations":[1]}"#,                                      // not objects
        #"{"integrations":[{"id":"a"}]}"#,                             // no state
        #"{"integrations":[{"state":1}]}"#,                            // not a string
        #"{"integrations":[{"state":null}]}"#,
        #"{"integrations":[{"state":"he\u0061lthy"}]}"#,               // escaped: left to the decoder
        #"{"integrations":[{"state":"down","state":"healthy"}]}"#,     // twice
        #"{"integrations":[],"integrations":[]}"#,
        #"{"integrations":[{"state":"down"}]"#,                        // cut short
        #"{"integrations":[{"state":"down"}]}x"#,                      // trailing bytes
        #"{"integrations":[{"state":"down"}]}{}"#,
        #"{"integrations":[{"state":"down"},]}"#,                      // trailing comma
        #"{"integrations":[{"state":"down"}],}"#,
        #"{"integrations":[{"state":"down"}] "a":1}"#,                 // missing comma
        #"{"integrations":[{"state":"do"#,                             // inside a string
        #"{"integrations":[{"state":"down\"#,
        #"{"integrations":[],"x":tru}"#,
        #"{"integrations":[],"x":}"#,
        #"{"integrations":[],"x"}"#,
        #"{integrations:[]}"#,
    ]

    @Test(arguments: refused)
    func refusesWhatIsNotAnAnswer(json: String) {
        #expect(StatusStates.scan(Self.bytes(json)) == nil)
    }

    /// Strings are skipped eight bytes at a time: an escaped quote or backslash at any offset of a
    /// long string, and a closing quote at any offset, are still found.
    @Test func longStringsAtEveryOffset() {
        for length in 0..<40 {
            for offset in 0...length {
                let plain = String(repeating: "x", count: length)
                let escapedQuote = String(plain.prefix(offset)) + #"\""# + String(plain.dropFirst(offset))
                let escapedBackslash = String(plain.prefix(offset)) + #"\\"# + String(plain.dropFirst(offset))
                for reason in [plain, escapedQuote, escapedBackslash] {
                    let json = #"{"integrations":[{"reason":""# + reason + #"","state":"down"},{"state":"healthy","tools":[""# + plain + #""]}]}"#
                    #expect(StatusStates.scan(Self.bytes(json)) == ["down", "healthy"], "\(reason)")
                }
                // A quote that ends the string early leaves the rest as bytes the scanner refuses.
                let cut = #"{"integrations":[{"reason":""# + String(plain.prefix(offset)) + #"""# + String(plain.dropFirst(offset)) + #"","state":"down"}]}"#
                #expect(offset == length || StatusStates.scan(Self.bytes(cut)) == nil)
            }
        }
    }

    /// Nesting deeper than any answer is refused without exhausting the stack.
    @Test func deepNestingIsRefused() {
        let deep = #"{"integrations":[],"x":"# + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}"
        #expect(StatusStates.scan(Self.bytes(deep)) == nil)
        let shallow = #"{"integrations":[],"x":"# + String(repeating: "[", count: 20) + String(repeating: "]", count: 20) + "}"
        #expect(StatusStates.scan(Self.bytes(shallow)) == [])
    }

    /// The summary as the status answer's header: read back exactly, and anything else refused
    /// (the CLI then reads the states out of the JSON instead).
    @Test func summaryHeader() {
        var summary = StateSummary()
        for state in ["healthy", "healthy", "down", "blocked", "unknown", "degraded", "stale"] { summary.count(state) }
        #expect(summary.headerValue == "healthy=2, degraded=1, stale=1, down=1, unknown=1, blocked=1")
        #expect(StateSummary(headerValue: summary.headerValue) == summary)
        #expect(StateSummary(headerValue: StateSummary().headerValue)?.presentStates == [])
        #expect(summary.presentStates == ["healthy", "degraded", "stale", "down", "unknown", "blocked"])
        for refused in [
            "", "healthy=1", "healthy=2, degraded=1, stale=1, down=1, unknown=1",
            "healthy=2, degraded=1, stale=1, down=1, unknown=1, blocked=1, blocked=1",
            "healthy=2, degraded=1, stale=1, down=1, unknown=1, paused=1",
            "healthy=-2, degraded=1, stale=1, down=1, unknown=1, blocked=1",
            "healthy=9999999999, degraded=1, stale=1, down=1, unknown=1, blocked=1",
            "healthy=2; degraded=1, stale=1, down=1, unknown=1, blocked=1",
            "healthy= 2, degraded=1, stale=1, down=1, unknown=1, blocked=1",
        ] {
            #expect(StateSummary(headerValue: refused) == nil, "\(refused)")
        }
    }
}
