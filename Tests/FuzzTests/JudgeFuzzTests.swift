import Foundation
import TestSupport
import Testing

/// The judgement on generated answers: JSON near the check's pointers, odd JSON, bytes that are
/// not JSON, hostile timestamps, headers, statuses, certificates and files.
@Suite("Fuzz: judgement")
struct JudgeFuzzTests {
    static let target = "judge"

    /// Seeded inputs: no trap, CPU time linear in the body, reasons that word and store.
    @Test func generatedAnswers() async throws {
        let home = try ConfigCorpus.Home()
        let settings = FuzzSettings.fromEnvironment(defaultSeed: 0x1D6E_5EED, shortInputs: 1_500)
        let run = FuzzRun(target: Self.target, ext: "judge", settings: settings)
        let figures = await run.run(
            generate: { random, _ in JudgeFuzzer.input(&random) },
            check: { input, figures in
                let (verdict, cost, loaded) = JudgeProperties.check(input.bytes, home: home)
                figures.count(loaded ? "checks_loaded" : "checks_fallback")
                figures.count("body_bytes", by: JudgeCase.decode(input.bytes)?.body.count ?? 0)
                return (verdict, cost)
            },
            shrink: { input, verdict in
                guard let judged = JudgeCase.decode(input.bytes) else { return input }
                // Shrink the body only: the case's other lines must stay readable.
                let body = FuzzInput(bytes: judged.body, recipe: input.recipe)
                let smaller = await FuzzShrinker.shrink(body, keeping: verdict) { bytes in
                    var candidate = judged
                    candidate.body = bytes
                    return JudgeProperties.check(candidate.encoded(), home: home).verdict
                }
                var kept = judged
                kept.body = smaller.bytes
                return FuzzInput(bytes: kept.encoded(), recipe: smaller.recipe)
            }
        )
        #expect(figures.inputs > 0)
    }

    /// Every stored answer is judged again, with the same properties.
    @Test func storedAnswers() throws {
        let home = try ConfigCorpus.Home()
        for fixture in FuzzFixtures.all(Self.target) {
            let (verdict, _, _) = JudgeProperties.check(fixture.bytes, home: home)
            if case .failed(let why) = verdict { Issue.record("\(fixture.name): \(why)") }
        }
    }
}
