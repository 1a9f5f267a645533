import Foundation
import Testing
@testable import BatonCore

/// Prints what parsing and judging one probe costs; asserts only the verdict, never a time.
///
/// Debug test builds are several times slower than release; the printout is for trends.
struct JudgeCostTests {
    static let body = Array(#"{"status":"ok","last_sync":"2026-11-23T10:00:00+00:00"}"#.utf8)

    /// Judging the benchmark body passes; the per-probe cost of JSONParser and Judge is printed.
    @Test func benchmarkBodyCostPerProbe() throws {
        let check = JudgeFixtures.check(json: [JudgeFixtures.condition("/status", .equals(.string("ok")))], freshness: JudgeFixtures.lastSync)
        let observation = ProbeObservation(
            result: .answered(HTTPAnswer(status: 200, body: Self.body)),
            latency: .milliseconds(45),
            observedAt: Date(timeIntervalSince1970: 1_795_428_240)
        )
        #expect(Judge.judge(observation, against: check).reason == "HTTP 200 in 45ms, last_sync 4m old")

        let iterations = 20_000
        let clock = ContinuousClock()
        var sink = 0
        let parse = clock.measure {
            for _ in 0..<iterations {
                if case .object(let members) = try? JSONParser.parse(Self.body) { sink &+= members.count }
            }
        }
        let judge = clock.measure {
            for _ in 0..<iterations {
                sink &+= Judge.judge(observation, against: check).findings.count
            }
        }
        let perParse = parse / iterations
        let perJudge = judge / iterations
        print("JSONParser.parse: \(perParse.nanosecondsText) per body; Judge.judge (parse included): \(perJudge.nanosecondsText) per probe [sink \(sink)]")
    }
}

private extension Duration {
    var nanosecondsText: String {
        let (seconds, attoseconds) = components
        return "\(seconds * 1_000_000_000 + attoseconds / 1_000_000_000) ns"
    }
}
