import ArgumentParser
import BatonAPI
import BatonCore
import Foundation

/// `baton show ID`: one integration in depth.
struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "One integration: config summary, last probes, freshness, SLA and history."
    )

    @OptionGroup var client: ClientOptions

    @Argument(help: "Integration id.")
    var id: String

    func run() async throws {
        let detail: IntegrationDetail
        let raw: Data
        do {
            (detail, raw) = try await ControlClient(socketPath: client.socketPath).get(IntegrationDetail.self, Routes.integration(id))
        } catch {
            throw Failing.report(error, unreachableCode: 1, failureCode: 1)
        }
        if client.json {
            printJSON(raw)
        } else {
            print(Self.render(detail, terminal: .current))
        }
    }

    static func render(_ detail: IntegrationDetail, terminal: Terminal) -> String {
        let status = detail.status
        var out: [String] = []
        out.append(terminal.paint("\(status.id.printable) — \(status.name.printable)", .bold))
        func field(_ name: String, _ value: String) { out.append("  " + name.padded(to: 12) + value) }
        var stateLine = terminal.state(status.state)
        if let since = status.since { stateLine += " since \(since)" }
        field("state", stateLine)
        field("reason", status.reason.printable)
        if !status.tools.isEmpty { field("tools", status.tools.map(\.printable).joined(separator: ", ")) }
        var owners = "owner \(status.owner.printable)"
        if let accountable = status.accountable { owners += ", accountable \(accountable.printable)" }
        field("teams", owners)
        if !status.journey.isEmpty { field("journey", status.journey.joined(separator: ", ")) }
        if !status.tags.isEmpty { field("tags", status.tags.map(\.printable).joined(separator: ", ")) }
        if let check = detail.check {
            let every = DurationText(seconds: check.intervalSeconds).compact
            let timeout = DurationText(seconds: check.timeoutSeconds).compact
            field("check", "\(check.method) \(check.url.printable) every \(every), timeout \(timeout)")
            for (index, rule) in check.rules.enumerated() {
                field(index == 0 ? "expects" : "", rule.printable)
            }
        }
        if let certificate = detail.certificate {
            let left = certificate.daysLeft < 0 ? "expired \(-certificate.daysLeft) days ago" : "\(certificate.daysLeft) days left"
            field("certificate", "\(certificate.subject.printable), issued by \(certificate.issuer.printable)")
            field("", "valid until \(certificate.notAfter) (\(left))")
        }
        if let heartbeat = detail.heartbeat {
            let period = DurationText(seconds: heartbeat.periodSeconds).compact
            let grace = DurationText(seconds: heartbeat.graceSeconds).compact
            field("heartbeat", "expected every \(period), grace \(grace)")
        }
        if let freshness = detail.freshness {
            var text = freshness.dataTimestamp.map { "data from \($0)" } ?? "no timestamp read yet"
            if let age = freshness.ageSeconds { text += " (\(DurationText.age(seconds: Double(age)).compact) old)" }
            field("freshness", text)
        }
        field("thresholds", "down after \(detail.failureThreshold) failed probes, recovers after \(detail.successThreshold) passing (now \(detail.failStreak) failed, \(detail.okStreak) passing in a row)")
        if let sla = status.sla {
            let attained = sla.attainment.map { ", attained \(ReportRenderer.percent($0))" } ?? ", not measured yet"
            field("SLA", "\(StatusCommand.percent(sla.target)) over \(sla.window)" + attained)
        }
        if !detail.dependsOn.isEmpty { field("depends on", detail.dependsOn.joined(separator: ", ")) }
        if let escalation = detail.escalation { field("escalation", escalation.printable) }

        out.append("")
        out.append(terminal.paint("Last probes", .bold) + (detail.probes.isEmpty ? ": none yet" : " (newest first)"))
        for probe in detail.probes.prefix(10) {
            let code = probe.httpStatus.map(String.init) ?? "-"
            let latency = probe.latencyMs.map { "\($0)ms" } ?? "-"
            out.append("  \(probe.at)  \(probe.verdict.padded(to: 5))  \(code.padded(to: 3))  \(latency.padded(to: 7))  \(probe.reason.printable)")
        }
        if let incident = detail.incidents.first {
            out.append("")
            let status = incident.status == "open" ? "open" : "resolved"
            out.append(terminal.paint("Incident #\(incident.id)", .bold) + " (\(status), step \(incident.step) of \(incident.steps))")
            for entry in incident.timeline {
                out.append("  \(entry.at)  \(entry.text.printable)")
            }
            if detail.incidents.count > 1 {
                out.append("  earlier: " + detail.incidents.dropFirst().map { "#\($0.id)" }.joined(separator: ", ") + " (baton incidents --all)")
            }
        }
        out.append("")
        out.append(terminal.paint("State changes", .bold) + (detail.transitions.isEmpty ? ": none yet" : " (newest first)"))
        for change in detail.transitions.prefix(20) {
            out.append("  \(change.at)  \(change.from) → \(terminal.state(change.to))  \(change.reason.printable)")
        }
        return out.joined(separator: "\n")
    }
}
