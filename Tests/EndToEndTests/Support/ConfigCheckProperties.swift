import Foundation
import TestSupport

/// What `baton config check --json` must do with any file (SPEC.md: exit 0 or 1 with every
/// error), within 2 s of CPU (more for a file over 512 KiB: ``ConfigCheckBudget``) and bounded
/// memory, measured by ``ChildMeasure``.
enum ConfigCheckProperties {
    /// A hang: far above the 2 s of CPU allowed, so a busy machine is not mistaken for one.
    static let wallLimit = 15.0
    /// Peak resident memory allowed, in kB. A debug `baton` checking a large config stays far below.
    static let rssLimitKilobytes = 256 * 1024

    struct Checked {
        var verdict: FuzzVerdict
        var accepted: Bool
        var outcome: ChildMeasure.Outcome?
    }

    static func check(_ bytes: [UInt8], home: ConfigCorpus.Home) async -> Checked {
        let path: String
        do {
            path = try home.write(bytes, as: "check.yaml")
        } catch {
            return Checked(verdict: .failed("could not write the input: \(error)"), accepted: false)
        }
        let outcome: ChildMeasure.Outcome
        do {
            outcome = try await ChildMeasure.run(
                [Binaries.baton, "config", "check", path, "--json"], limit: wallLimit, grace: 2,
                environment: ChildMeasure.environment(home.environment)
            )
        } catch {
            return Checked(verdict: .failed("\(error)"), accepted: false)
        }
        if CrashReport.crashed(signal: outcome.signal, stderr: outcome.stderr) {
            let verdict = CrashReport.verdict("baton config check", signal: outcome.signal ?? 0, stderr: outcome.stderr)
            return Checked(verdict: verdict, accepted: false, outcome: outcome)
        }
        if outcome.stopped {
            let verdict = FuzzVerdict.failed("hang: no answer within \(Int(wallLimit)) s (\(outcome))")
            return Checked(verdict: verdict, accepted: false, outcome: outcome)
        }
        var problems: [String] = []
        let code = outcome.exitCode ?? -1
        if code != 0 && code != 1 { problems.append("exit \(code), not 0 or 1: \(outcome.stderr.suffix(300))") }
        let cpuLimit = ConfigCheckBudget.cpuLimit(bytes: bytes.count)
        if Duration.milliseconds(Int64(outcome.cpuSeconds * 1000)) > cpuLimit {
            problems.append("took \(String(format: "%.2f", outcome.cpuSeconds)) s of CPU (at most \(cpuLimit) for \(bytes.count) bytes)")
        }
        if outcome.peakResidentKilobytes > rssLimitKilobytes {
            problems.append("peak RSS \(outcome.peakResidentKilobytes) kB (at most \(rssLimitKilobytes) kB)")
        }
        var accepted = false
        if code == 0 || code == 1 {
            guard let json = try? JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any], let ok = json["ok"] as? Bool else {
                problems.append("--json printed no report: \(outcome.stdout.prefix(200)) \(outcome.stderr.suffix(200))")
                return Checked(verdict: .failed(problems.joined(separator: "; ")), accepted: false, outcome: outcome)
            }
            accepted = ok
            if ok != (code == 0) { problems.append("ok is \(ok) but the exit code is \(code)") }
            let errors = json["errors"] as? [[String: Any]] ?? []
            if !ok, errors.isEmpty { problems.append("rejected without an error") }
            for error in errors where !(error["line"] is Int) || !(error["column"] is Int) {
                problems.append("error without line and column: \(error["message"] as? String ?? "?")")
            }
        }
        let verdict: FuzzVerdict = problems.isEmpty ? .passed : .failed(problems.prefix(3).joined(separator: "; "))
        return Checked(verdict: verdict, accepted: accepted, outcome: outcome)
    }
}

/// What `batond` must do with a config `baton config check` accepted: run, answer `baton status`,
/// and stop with 0 on SIGTERM within 10 s.
enum DaemonRunProperties {
    struct Ran {
        var verdict: FuzzVerdict
        var skipped: String?
        var outcome: ChildMeasure.Outcome?
    }

    static func run(_ bytes: [UInt8], home: ConfigCorpus.Home, seconds: Double) async -> Ran {
        let prepared = LoopbackConfig.prepare(bytes, home: home, closedPort: LoopbackPort.closed(), listenPort: LoopbackPort.closed())
        guard let text = prepared.text else { return Ran(verdict: .passed, skipped: prepared.skipped ?? "?") }
        let folder = (home.folder as NSString).appendingPathComponent("daemon-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let config: String
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            // Beside the other files the config may reference (`${file:demo-secrets/…}`).
            config = try home.write(Array(text.utf8), as: "daemon.yaml")
        } catch {
            return Ran(verdict: .failed("could not write the config: \(error)"))
        }
        let socket = folder + "/baton.sock"
        let arguments = [Binaries.batond, "--config", config, "--state-dir", folder + "/state", "--socket", socket, "--log-level", "info"]
        let environment = ChildMeasure.environment(home.environment)
        let daemon: ChildMeasure
        do {
            // The limit only guards against a test that never stops it.
            daemon = try ChildMeasure(arguments, limit: seconds + 120, grace: 10, environment: environment)
        } catch {
            return Ran(verdict: .failed("\(error)"))
        }
        // It answers: the status, then every integration's page (its SLA window, its maintenance),
        // the incidents and a report, each of which runs arithmetic on the config's values.
        var problems: [String] = []
        // A large config takes a debug daemon a while to load: the seconds count from its first answer.
        var answered = false
        _ = await Run.until(timeout: .seconds(30), every: .milliseconds(100)) {
            guard daemon.isRunning else { return true }
            guard FileManager.default.fileExists(atPath: socket) else { return false }
            let status = try? await Run.command(Binaries.baton, ["status", "--json", "--socket", socket], environment: environment)
            answered = status.map { (0...3).contains($0.status) && $0.stdout.contains("\"integrations\"") } ?? false
            return answered
        }
        let started = ContinuousClock.now
        if answered {
            var commands = [["incidents", "--all"], ["report", "--since", "7d"], ["silence", "list"]]
            commands += integrationIDs(in: text).prefix(3).map { ["show", $0] }
            for command in commands {
                let result = try? await Run.command(Binaries.baton, command + ["--socket", socket], environment: environment)
                if let result, result.stderr.contains("cannot reach batond") {
                    problems.append("baton \(command.joined(separator: " ")) got no answer: \(result.stderr.prefix(200))")
                }
            }
        } else {
            problems.append("batond never answered baton status")
        }
        // Keep it running for the whole time (real time is the subject here), then stop it as systemd would.
        let left = .seconds(seconds) - (ContinuousClock.now - started)
        if left > .zero { try? await Task.sleep(for: left) }
        daemon.stop()
        let outcome: ChildMeasure.Outcome
        do {
            outcome = try await daemon.outcome()
        } catch {
            return Ran(verdict: .failed("\(error)"))
        }
        // A trap: its signal, whenever it came (the backtrace can outlast the limit).
        if CrashReport.crashed(signal: outcome.signal, stderr: outcome.stderr) {
            return Ran(verdict: CrashReport.verdict("batond", signal: outcome.signal ?? 0, stderr: outcome.stderr), outcome: outcome)
        }
        if !outcome.stopped {
            return Ran(verdict: .failed("batond exited within \(seconds) s: \(outcome); \(outcome.stderr.suffix(400))"), outcome: outcome)
        }
        if outcome.killed || outcome.exitCode != 0 {
            problems.append("batond did not stop with 0 within 10 s of SIGTERM: \(outcome); \(outcome.stderr.suffix(300))")
        }
        return Ran(verdict: problems.isEmpty ? .passed : .failed(problems.joined(separator: "; ")), outcome: outcome)
    }

    /// The ids of the integrations in a config's text (`id: x` in the `integrations` list), for `baton show`.
    static func integrationIDs(in text: String) -> [String] {
        text.split(separator: "\n").compactMap { line -> String? in
            guard let range = line.range(of: "- id: ") ?? line.range(of: "{id: ") ?? line.range(of: "{ id: ") else { return nil }
            let id = line[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" }
            return id.isEmpty ? nil : String(id)
        }
    }
}
