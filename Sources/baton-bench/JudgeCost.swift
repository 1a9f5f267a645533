import ArgumentParser
import BatonCore
import Foundation

/// `baton-bench judge`: what parsing and judging one probe's answer costs (build with -c release).
struct JudgeCost: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "judge",
        abstract: "Print the cost of JSONParser.parse and Judge.judge on the benchmark's answer."
    )

    @Option(help: "Probes judged.")
    var iterations = 200_000

    func run() throws {
        let body = Array(#"{"status":"ok","last_sync":"2026-11-23T10:00:00+00:00"}"#.utf8)
        let check = HTTPCheck(
            url: SecretText(literal: "http://127.0.0.1/health"),
            expect: Expectations(json: [JSONCondition(pointer: try JSONPointer(parsing: "/status"), test: .equals(.string("ok")))]),
            freshness: FreshnessRule(source: .pointer(try JSONPointer(parsing: "/last_sync")), errorAfter: .seconds(7200))
        )
        let observation = ProbeObservation(
            result: .answered(HTTPAnswer(status: 200, body: body)), latency: .milliseconds(45), observedAt: Date(timeIntervalSince1970: 1_795_428_240)
        )
        let clock = ContinuousClock()
        var sink = 0
        let parse = clock.measure {
            for _ in 0..<iterations {
                if case .object(let members) = try? JSONParser.parse(body) { sink &+= members.count }
            }
        }
        let judge = clock.measure {
            for _ in 0..<iterations {
                sink &+= Judge.judge(observation, against: check).findings.count
            }
        }
        let perParse = Double(parse.components.attoseconds) / 1e9 / Double(iterations) + Double(parse.components.seconds) * 1e9 / Double(iterations)
        let perJudge = Double(judge.components.attoseconds) / 1e9 / Double(iterations) + Double(judge.components.seconds) * 1e9 / Double(iterations)
        print("tool=baton-judge iterations=\(iterations) parse_ns=\(Int(perParse)) judge_ns=\(Int(perJudge)) sink=\(sink % 10)")
    }
}
