@testable import BatonCore
import Testing

@Suite("Did you mean")
struct ConfigDidYouMeanTests {
    static let keys = ["interval", "timeout", "failure_threshold", "success_threshold", "escalation", "max_body"]

    /// Typos within two edits, and case / underscore / dash variants, find the known key.
    @Test(arguments: [
        ("failur_threshold", "failure_threshold"), ("failureThreshold", "failure_threshold"),
        ("Failure-Threshold", "failure_threshold"), ("intervall", "interval"), ("timout", "timeout"),
        ("maxbody", "max_body"), ("escalaton", "escalation"), ("sucess_treshold", "success_threshold"),
    ])
    func suggestsTheClosestKey(typo: String, expected: String) {
        #expect(DidYouMean.suggestion(for: typo, among: Self.keys) == expected)
    }

    /// Words that are not close to any key get no suggestion.
    @Test(arguments: ["color", "url", "period", "x"])
    func staysQuietWhenNothingIsClose(word: String) {
        #expect(DidYouMean.suggestion(for: word, among: Self.keys) == nil)
    }

    /// The hint reads as a clause appended to an error.
    @Test func hintReadsAsAClause() {
        #expect(DidYouMean.hint(for: "timout", among: Self.keys) == "; did you mean `timeout`?")
        #expect(DidYouMean.hint(for: "zzz", among: Self.keys) == "")
    }
}

extension ConfigDidYouMeanTests {
    /// Swapped neighbouring letters count as one edit, so short words find their match.
    @Test(arguments: [("evn", "env", 1), ("intreval", "interval", 1), ("abc", "abc", 0), ("", "abc", 3), ("kitten", "sitting", 3)])
    func editDistanceCountsTranspositionsOnce(left: String, right: String, distance: Int) {
        #expect(DidYouMean.editDistance(left, right) == distance)
    }

    /// A value of a megabyte (found by the fuzz suite as a `timezone` checked against 600 zone
    /// names) is compared with no candidate: lengths further apart than two edits cannot match.
    @Test func hugeValuesAreComparedWithNothing() {
        let huge = String(repeating: "Europe/Berlin", count: 80_000)
        let zones = (0..<600).map { "Zone/Number_\($0)" } + ["Europe/Berlin"]
        #expect(DidYouMean.suggestion(for: huge, among: zones) == nil)
        #expect(DidYouMean.suggestion(for: "Europe/Berln", among: zones) == "Europe/Berlin")
    }
}
