import Foundation
import TestSupport
import Testing

/// The config loader on generated and mutated config files (scripts/fuzz.sh runs it longer).
@Suite("Fuzz: config loader")
struct ConfigFuzzTests {
    static let target = "config"

    /// Seeded inputs: every one is answered within 2 s of CPU, every error has a file, line and
    /// column, and every accepted config goes through the daemon's schedule arithmetic without a trap.
    @Test func generatedConfigs() async throws {
        let home = try ConfigCorpus.Home()
        let settings = FuzzSettings.fromEnvironment(defaultSeed: 0xBA70_C0F1, shortInputs: 500)
        let run = FuzzRun(target: Self.target, ext: "yaml", settings: settings)
        let figures = await run.run(
            generate: { random, _ in ConfigFuzzer.input(&random) },
            check: { input, figures in
                let (verdict, cost, accepted) = ConfigProperties.check(input.bytes, home: home)
                figures.count(accepted ? "accepted" : "rejected")
                return (verdict, cost)
            },
            shrink: { input, verdict in
                await FuzzShrinker.shrink(input, keeping: verdict) { bytes in ConfigProperties.check(bytes, home: home).verdict }
            }
        )
        #expect(figures.inputs > 0)
    }

    /// Every stored input still gets an answer with positions, in time, without a trap; a known
    /// crash (``KnownFuzzIssues``) runs in a child process and is expected to fail there.
    @Test func storedInputs() async throws {
        let home = try ConfigCorpus.Home()
        for fixture in FuzzFixtures.all(Self.target) {
            if let issue = KnownFuzzIssues.crashes[fixture.hash] {
                await withKnownIssue("\(fixture.name): \(issue)") {
                    await #expect(processExitsWith: .success, "\(fixture.name)") { [bytes = fixture.bytes as [UInt8]] in
                        let home = try ConfigCorpus.Home()
                        _ = ConfigProperties.check(bytes, home: home)
                    }
                }
                continue
            }
            let (verdict, _, _) = ConfigProperties.check(fixture.bytes, home: home)
            switch verdict {
            case .passed: break
            case .known(let what):
                withKnownIssue { Issue.record("\(fixture.name): \(what)") }
            case .failed(let why):
                Issue.record("\(fixture.name): \(why)")
            }
        }
    }
}
