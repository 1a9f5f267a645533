import Foundation
import TestSupport
import Testing

/// The real `baton config check` on generated config files, and the real `batond` on the ones
/// it accepts (scripts/fuzz.sh runs it longer).
@Suite("Fuzz: baton config check and batond", .serialized)
struct FuzzConfigCheckTests {
    static let target = "config-check"

    /// How long each accepted config runs in batond: BATON_FUZZ_DAEMON_SECONDS, else 3 s (5 s in a timed run).
    static func daemonSeconds(_ settings: FuzzSettings) -> Double {
        if let text = ProcessInfo.processInfo.environment["BATON_FUZZ_DAEMON_SECONDS"], let seconds = Double(text), seconds > 0 { return seconds }
        return settings.seconds == nil ? 3 : 5
    }

    /// Seeded config files: `baton config check` exits 0 or 1 (SPEC.md) with every error placed,
    /// within 2 s of CPU and bounded memory; an accepted config, its hosts made loopback, keeps a
    /// daemon running, answering `baton status`, and stopping with 0 on SIGTERM.
    @Test func generatedConfigFiles() async throws {
        let home = try ConfigCorpus.Home()
        let settings = FuzzSettings.fromEnvironment(defaultSeed: 0xC0F1_C4EC, shortInputs: 30)
        // The short run starts few daemons: each takes seconds of real time.
        let daemonBudget = settings.isShortRun ? 2 : Int.max
        let seconds = Self.daemonSeconds(settings)
        var daemonRuns = 0
        var acceptedPeak = 0
        var peak = 0
        var daemonPeak = 0
        let run = FuzzRun(target: Self.target, ext: "yaml", settings: settings)
        let figures = await run.run(
            generate: { random, _ in ConfigFuzzer.input(&random) },
            check: { input, figures in
                let checked = await ConfigCheckProperties.check(input.bytes, home: home)
                let cost = Duration.milliseconds(Int64(checked.outcome.map { $0.cpuSeconds * 1000 } ?? 0))
                if let outcome = checked.outcome {
                    peak = max(peak, outcome.peakResidentKilobytes)
                    if checked.accepted { acceptedPeak = max(acceptedPeak, outcome.peakResidentKilobytes) }
                }
                figures.count(checked.accepted ? "accepted" : "rejected")
                figures.set("check_peak_rss_kb", String(peak))
                figures.set("check_peak_rss_accepted_kb", String(acceptedPeak))
                guard checked.verdict == .passed, checked.accepted, daemonRuns < daemonBudget else { return (checked.verdict, cost) }
                let daemon = await DaemonRunProperties.run(input.bytes, home: home, seconds: seconds)
                if let skipped = daemon.skipped {
                    figures.count("daemon_skipped")
                    figures.set("daemon_last_skip", "\"\(skipped)\"")
                    return (.passed, cost)
                }
                daemonRuns += 1
                daemonPeak = max(daemonPeak, daemon.outcome?.peakResidentKilobytes ?? 0)
                figures.set("daemon_runs", String(daemonRuns))
                figures.set("daemon_peak_rss_kb", String(daemonPeak))
                return (daemon.verdict, cost)
            },
            shrink: settings.savesFixtures ? { input, verdict in
                await FuzzShrinker.shrink(input, keeping: verdict, budget: .seconds(60)) { bytes in
                    let checked = await ConfigCheckProperties.check(bytes, home: home)
                    guard checked.verdict == .passed, checked.accepted else { return checked.verdict }
                    return await DaemonRunProperties.run(bytes, home: home, seconds: seconds).verdict
                }
            } : nil
        )
        #expect(figures.inputs > 0)
    }

    /// Every stored config file is checked again, and run again when accepted.
    @Test func storedConfigFiles() async throws {
        let home = try ConfigCorpus.Home()
        for fixture in FuzzFixtures.all(Self.target) {
            var checked = await ConfigCheckProperties.check(fixture.bytes, home: home)
            if checked.verdict == .passed, checked.accepted {
                let daemon = await DaemonRunProperties.run(fixture.bytes, home: home, seconds: 3)
                checked.verdict = daemon.verdict
            }
            switch checked.verdict {
            case .passed: break
            case .known(let what): withKnownIssue { Issue.record("\(fixture.name): \(what)") }
            case .failed(let why): Issue.record("\(fixture.name): \(why)")
            }
        }
    }
}
