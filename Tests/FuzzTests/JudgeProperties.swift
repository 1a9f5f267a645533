import BatonCore
import BatonNotices
import Foundation
import TestSupport

/// What the judgement must do with any answer: give a verdict without trapping, in time linear
/// in the body's size, with a reason that can be worded for the CLI and for notices, and stored
/// in the database and read back unchanged.
enum JudgeProperties {
    /// The CPU time an answer may take: a fixed part plus a part per byte of body. Far above what
    /// a linear pass costs in a debug build (about 0.1 µs a byte), far below what quadratic work
    /// on a large body would.
    static let fixedAllowance: Duration = .milliseconds(200)
    static let perByteAllowance: Duration = .nanoseconds(2_000)

    /// A check to judge by when the case's config does not load (its mutation made it invalid).
    static let fallbackCheck: HTTPCheck = {
        // Pointers written here; a typo would be a test bug, found on the first run.
        func pointer(_ raw: String) -> JSONPointer {
            do { return try JSONPointer(parsing: raw) } catch { fatalError("\(raw): \(error)") }
        }
        return HTTPCheck(
            url: SecretText(literal: "http://127.0.0.1:1/health"),
            expect: Expectations(status: [200], json: [
                JSONCondition(pointer: pointer("/status"), test: .equals(.string("ok"))),
                JSONCondition(pointer: pointer("/queue_depth"), test: .lessThan(10_000)),
            ]),
            freshness: FreshnessRule(source: .pointer(pointer("/last_sync")), errorAfter: .seconds(7200))
        )
    }()

    /// The check of a case's config, or ``fallbackCheck``; and whether the config loaded.
    static func check(for judged: JudgeCase, home: ConfigCorpus.Home) -> (HTTPCheck, Bool) {
        guard let path = try? home.write(Array(judged.config.utf8), as: "judge.yaml"),
              let config = try? ConfigLoader(environment: home.environment).load(files: [path]),
              let check = config.integrations.first?.check else { return (fallbackCheck, false) }
        return (check, true)
    }

    static func observation(_ judged: JudgeCase) -> ProbeObservation {
        var headers: [String: String] = [:]
        for (name, value) in judged.headers { headers[name] = value }
        let certificate = judged.certificate.map {
            CertificateSummary(
                subject: "CN=fuzz", issuer: "CN=fuzz", notBefore: Date(timeIntervalSince1970: $0.notBefore),
                notAfter: Date(timeIntervalSince1970: $0.notAfter)
            )
        }
        let file = judged.file.map { FileFacts(name: $0.name, modified: $0.modified.map(Date.init(timeIntervalSince1970:)), size: $0.size) }
        let answer = HTTPAnswer(status: judged.status, headers: headers, body: judged.body, certificate: certificate, file: file)
        return ProbeObservation(
            result: .answered(answer), latency: .milliseconds(judged.latencyMilliseconds),
            observedAt: Date(timeIntervalSince1970: judged.observedAt)
        )
    }

    /// Judges one stored case.
    static func check(_ bytes: [UInt8], home: ConfigCorpus.Home) -> (verdict: FuzzVerdict, cost: Duration, loaded: Bool) {
        guard let judged = JudgeCase.decode(bytes) else { return (.passed, .zero, false) }
        let (check, loaded) = check(for: judged, home: home)
        let observation = observation(judged)
        let started = threadCPUTime()
        let verdict = Judge.judge(observation, against: check)
        let cost = threadCPUTime() - started
        var problems: [String] = []
        let allowance = fixedAllowance + perByteAllowance * judged.body.count
        if cost > allowance { problems.append("judging \(judged.body.count) bytes took \(cost) of CPU time (at most \(allowance))") }
        _ = verdict.reason.compact
        _ = PlainReason.words(verdict.reason)
        for finding in verdict.findings {
            _ = finding.reason.compact
            _ = PlainReason.words(finding.reason)
        }
        do {
            let stored = try JSONEncoder().encode(verdict.reason)
            let read = try JSONDecoder().decode(Reason.self, from: stored)
            if read != verdict.reason { problems.append("the reason reads back as \(read.compact), not \(verdict.reason.compact)") }
        } catch {
            problems.append("the reason \(verdict.reason.compact) cannot be stored and read back: \(error)")
        }
        return (problems.isEmpty ? .passed : .failed(problems.joined(separator: "; ")), cost, loaded)
    }
}
