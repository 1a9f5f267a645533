import struct Foundation.Date

/// Decides how good one probe's answer is, in the words operators read in `baton status`.
///
/// Rules run in a fixed order — status, certificate, `min_size`, `body_contains`, JSON
/// conditions, freshness, latency — and each adds a ``Finding``. The verdict's level is the
/// worst finding; its reason is the first finding at that level, or a one-line summary when
/// all passed. A failed rule does not hide later independent ones (a 503 with a JSON body
/// still lists the JSON findings), so `baton check` shows everything that is wrong at once.
///
/// File drops (`sftp://`, `ftp://`, `s3://`) are judged by their file: sftp and ftp have no
/// HTTP status to judge, and an s3 key that answers 404 is a missing file.
public enum Judge {
    /// Judges one observation against the check's expectations.
    public static func judge(_ observation: ProbeObservation, against check: HTTPCheck) -> Verdict {
        switch observation.result {
        case .failed(let failure):
            let reason = Reason.transfer(failure)
            return Verdict(level: .fail, reason: reason, findings: [Finding(level: .fail, reason: reason)], errorKind: failure.kind)
        case .noFile(let finding):
            let reason = Reason.file(finding)
            return Verdict(level: .fail, reason: reason, findings: [Finding(level: .fail, reason: reason)], errorKind: .fileNotFound)
        case .tokenFailed(let problem):
            let reason = Reason.tokenEndpoint(problem)
            return Verdict(level: .fail, reason: reason, findings: [Finding(level: .fail, reason: reason)])
        case .answered(let answer):
            return judge(answer, latency: observation.latency, observedAt: observation.observedAt, against: check)
        }
    }

    private static func judge(_ answer: HTTPAnswer, latency: Duration, observedAt: Date, against check: HTTPCheck) -> Verdict {
        let target = check.target
        var findings: [Finding] = []
        switch target {
        case .http:
            findings.append(status(answer.status, accepted: check.expect.status))
        case .s3:
            if answer.status == 404, let missing = missingObject(check) {
                return Verdict(level: .fail, reason: missing.reason, findings: [missing], httpStatus: answer.status, errorKind: .fileNotFound)
            }
            findings.append(status(answer.status, accepted: check.expect.status))
        case .sftp, .ftp:
            break
        }
        if let expectation = check.expect.certificate, let certificate = answer.certificate {
            findings.append(Self.certificate(certificate, against: expectation, observedAt: observedAt))
        }
        if let minimum = check.expect.minSize {
            findings.append(size(of: answer, atLeast: minimum, check: check, target: target))
        }
        if let needle = check.expect.bodyContains {
            findings.append(body(answer.body, contains: needle))
        }

        // Parse only when a rule reads the body as JSON: plain-text health pages stay cheap.
        var document: JSONValue?
        if needsJSON(check) {
            do {
                document = try JSONParser.parse(answer.body)
            } catch {
                findings.append(Finding(level: .fail, reason: .body(.notJSON(parserError: "\(error)"))))
            }
        }
        if let document {
            for condition in check.expect.json {
                findings.append(evaluate(condition, in: document))
            }
        }

        var dataTimestamp: Date?
        var dataAge: DataAge?
        if let rule = check.freshness,
           let outcome = freshness(rule, answer: answer, document: document, observedAt: observedAt, check: check, target: target) {
            findings.append(outcome.finding)
            dataTimestamp = outcome.timestamp
            if case .freshness(let found) = outcome.finding.reason, case .fresh(let seconds) = found.outcome {
                dataAge = DataAge(label: found.label, seconds: seconds)
            }
        }

        if let maximum = check.expect.maxLatency {
            let finding = LatencyFinding(latency: latency, maximum: maximum)
            findings.append(Finding(level: latency > maximum ? .warn : .pass, reason: .latency(finding)))
        }

        let level = findings.reduce(VerdictLevel.pass) { max($0, $1.level) }
        let reason: Reason
        if level == .pass {
            let file = target.isFileDrop
                ? FileSummary(name: fileName(answer, check: check), bytes: fileSize(answer, check: check, target: target))
                : nil
            reason = .answered(AnswerSummary(status: answer.status, latency: latency, data: dataAge, file: file))
        } else {
            reason = findings.first { $0.level == level }?.reason ?? .text(level.description)
        }
        // sftp's 0 and ftp's reply codes are not HTTP statuses.
        let httpStatus = target == .sftp || target == .ftp ? nil : answer.status
        return Verdict(level: level, reason: reason, findings: findings, httpStatus: httpStatus, dataTimestamp: dataTimestamp)
    }

    /// True when a JSON condition or a pointer freshness rule has to read the body.
    static func needsJSON(_ check: HTTPCheck) -> Bool {
        if check.expect.needsJSON { return true }
        if case .pointer = check.freshness?.source { return true }
        return false
    }
}
