import BatonAPI
import BatonCore
import BatonStore
import Foundation

/// Which integrations a status request asks for.
struct StatusFilter: Sendable {
    var owner: String?
    var tag: String?
    var state: IntegrationState?

    func admits(_ entry: MonitoredIntegration) -> Bool {
        if let owner, entry.integration.owner != owner { return false }
        if let tag, !entry.integration.tags.contains(tag) { return false }
        if let state, entry.effective.state != state { return false }
        return true
    }
}

/// Turns the monitor's view into the control API's wire types.
enum StatusView {
    /// `cluster`: this node, who leads and since when, and this node's role.
    static func cluster(_ leadership: Leadership) -> ClusterStatus {
        let view = leadership.view
        let role: Leadership.Role = leadership.isLeading ? .leader : .standby
        return ClusterStatus(
            node: view.node, leader: view.leader, leaderSince: view.leaderSince.map(WireTime.text), role: role.rawValue, shared: leadership.shared
        )
    }

    /// The answer as typed lines. `GET /v1/status` writes the same lines straight from the entries
    /// (``writeLines(of:_:filter:now:to:counting:)``); tests compare the two.
    static func status(_ snapshot: MonitorSnapshot, filter: StatusFilter, now: Date) -> StatusResponse {
        var summary = StateSummary()
        var lines: [IntegrationStatus] = []
        for id in snapshot.order {
            snapshot.integrations.withEntry(id) { entry in
                guard filter.admits(entry) else { return }
                let line = integrationStatus(entry, snapshot, now: now)
                summary.count(line.state)
                lines.append(line)
            }
        }
        return StatusResponse(integrations: lines, summary: summary, generatedAt: WireFormat.timestamp(now))
    }

    /// Why the integration shows its state: the root causes with their states when blocked, else its own reason.
    static func reason(_ entry: MonitoredIntegration, _ snapshot: MonitorSnapshot) -> Reason {
        guard entry.effective.state == .blocked else { return entry.tracker.reason }
        return .blocked(by: entry.effective.blockedBy.map { Blocker(id: $0, state: snapshot.ownState($0) ?? .unknown) })
    }

    static func integrationStatus(_ entry: MonitoredIntegration, _ snapshot: MonitorSnapshot, now: Date) -> IntegrationStatus {
        let integration = entry.integration
        return IntegrationStatus(
            id: integration.id,
            name: integration.name,
            owner: integration.owner,
            accountable: integration.accountable,
            tools: integration.tools,
            tags: integration.tags,
            journey: integration.journey.map(\.rawValue),
            state: entry.effective.state.rawValue,
            silenced: snapshot.silenceIndex.verdict(for: integration) != nil,
            reason: entry.effective.state == .blocked ? reason(entry, snapshot).compact : entry.tracker.compactReason,
            since: entry.effectiveSince.map(WireFormat.timestamp),
            lastProbeAt: entry.lastProbeAt.map(WireFormat.timestamp),
            dataAgeSeconds: dataAge(entry, now: now),
            latencyMs: entry.latencyMs,
            blockedBy: entry.effective.blockedBy,
            incident: snapshot.openIncidents[integration.id].map {
                IncidentRef(id: $0.id, step: $0.stepsFired, acknowledgedBy: $0.acknowledgedBy)
            },
            sla: integration.sla.map { SLAFigures(target: $0.availability, window: $0.window.compact, attainment: nil) }
        )
    }

    /// Seconds since the integration's data was last synced, for checks that read a freshness timestamp.
    static func dataAge(_ entry: MonitoredIntegration, now: Date) -> Int? {
        // Freshness checks read a timestamp; for a heartbeat, the data is as old as the last ping.
        guard let timestamp = entry.dataTimestamp, entry.showsDataAge else { return nil }
        return max(0, Int(saturating: now.timeIntervalSince(timestamp).rounded(.down)))
    }

    static func detail(
        _ entry: MonitoredIntegration, _ snapshot: MonitorSnapshot, probes: [ProbeRecord], transitions: [TransitionRecord], now: Date
    ) -> IntegrationDetail {
        let integration = entry.integration
        let check = integration.check
        var detail = IntegrationDetail(
            status: integrationStatus(entry, snapshot, now: now),
            check: check.map(checkSummary),
            heartbeat: integration.heartbeat.map { HeartbeatSummary(periodSeconds: $0.period.seconds, graceSeconds: $0.grace.seconds) },
            dependsOn: integration.dependsOn,
            failureThreshold: integration.failureThreshold,
            successThreshold: integration.successThreshold,
            failStreak: entry.tracker.failStreak,
            okStreak: entry.tracker.okStreak,
            escalation: integration.escalation,
            freshness: check?.freshness.map { rule in
                FreshnessFigures(
                    source: freshnessSource(rule),
                    dataTimestamp: entry.dataTimestamp.map(WireFormat.timestamp),
                    ageSeconds: dataAge(entry, now: now),
                    warnAfterSeconds: rule.warnAfter?.seconds,
                    errorAfterSeconds: rule.errorAfter.seconds
                )
            },
            probes: probes.map {
                ProbeSummary(at: WireFormat.timestamp($0.at), verdict: $0.level.description, httpStatus: $0.httpStatus, latencyMs: $0.latencyMs, reason: $0.reason.compact)
            },
            transitions: transitions.map {
                TransitionSummary(at: WireFormat.timestamp($0.at), from: $0.from.rawValue, to: $0.to.rawValue, reason: $0.reason.compact)
            }
        )
        detail.certificate = entry.certificate.map { certificate in
            let left = certificate.notAfter.timeIntervalSince(now) / 86_400
            return CertificateStatus(
                subject: certificate.subject, issuer: certificate.issuer, notBefore: WireFormat.timestamp(certificate.notBefore),
                notAfter: WireFormat.timestamp(certificate.notAfter), daysLeft: left.isFinite && abs(left) < 1e9 ? Int(left.rounded(.down)) : 0
            )
        }
        return detail
    }

    static func checkSummary(_ check: HTTPCheck) -> CheckSummary {
        CheckSummary(
            url: URLDisplay.withoutCredentials(check.url.redacted),
            method: check.method,
            headers: check.headers.map(\.name),
            intervalSeconds: check.interval.seconds,
            timeoutSeconds: check.timeout.seconds,
            rules: rules(of: check)
        )
    }

    /// Each rule of a check in words, in the order they are judged.
    static func rules(of check: HTTPCheck) -> [String] {
        var rules: [String] = []
        let expect = check.expect
        if let status = expect.status {
            rules.append("status " + status.map(String.init).joined(separator: " or "))
        } else {
            rules.append("any 2xx status")
        }
        if let text = expect.bodyContains { rules.append("body contains \(JSONValue.string(text))") }
        for condition in expect.json {
            let pointer = condition.pointer.raw
            switch condition.test {
            case .equals(let value): rules.append("\(pointer) equals \(value)")
            case .notEquals(let value): rules.append("\(pointer) is not \(value)")
            case .lessThan(let limit): rules.append("\(pointer) less than \(JSONValue.number(limit))")
            case .greaterThan(let limit): rules.append("\(pointer) greater than \(JSONValue.number(limit))")
            case .exists(let present): rules.append(present ? "\(pointer) exists" : "\(pointer) is absent")
            }
        }
        if let rule = check.freshness {
            var text = "\(rule.label) no older than \(rule.errorAfter.compact)"
            if let warn = rule.warnAfter { text += " (degraded after \(warn.compact))" }
            rules.append(text)
        }
        if let latency = expect.maxLatency { rules.append("answers within \(latency.compact) (slower is degraded)") }
        return rules
    }

    static func freshnessSource(_ rule: FreshnessRule) -> String {
        switch rule.source {
        case .pointer(let pointer): "pointer \(pointer.raw)"
        case .header(let name): "header \(name)"
        case .fileTime: "the file's modification time"
        }
    }

    static func checkResult(id: String, verdict: Verdict, latency: Int?, state: IntegrationState, at time: Date) -> CheckResult {
        CheckResult(
            id: id,
            verdict: verdict.level.description,
            reason: verdict.reason.compact,
            findings: verdict.findings.map { CheckFinding(level: $0.level.description, text: $0.reason.compact) },
            httpStatus: verdict.httpStatus,
            latencyMs: latency,
            dataTimestamp: verdict.dataTimestamp.map(WireFormat.timestamp),
            state: state.rawValue,
            checkedAt: WireFormat.timestamp(time)
        )
    }
}
