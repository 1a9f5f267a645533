import struct Foundation.Date
import struct Foundation.DateInterval

/// Writes a digest: what breached since the last one, what is still open, who is over budget.
///
/// One notice per channel of the digest, of kind ``Notice/Kind/digest``: a headline sentence
/// and a list in `note`, one line per item, which every renderer shows as the notice's details.
/// The key depends only on the digest and its firing, so a digest stored twice is one notice.
public struct DigestComposer: Sendable {
    /// At most this many lines per section; the rest are counted.
    public static let linesPerSection = 10

    public var config: Config

    public init(config: Config) {
        self.config = config
    }

    /// - Parameters:
    ///   - due: The digest that came due and the window it covers.
    ///   - opened: Incidents opened inside the window.
    ///   - open: Incidents open now.
    ///   - overBudget: Integrations over their error budget, over their own SLA window.
    public func notices(for due: DigestSchedule.Due, opened: [Incident], open: [Incident], overBudget: [IntegrationFigures]) -> [Notice] {
        guard due.index < config.digests.count else { return [] }
        let digest = config.digests[due.index]
        let content = self.content(window: due.window, opened: opened, open: open, overBudget: overBudget)
        let stamp = due.firedAt.unixSeconds
        return digest.channels.map { channel in
            Notice(key: "msg_digest_\(due.index)_\(stamp)_\(channel)", kind: .digest, channelID: channel, incidentID: nil,
                   createdAt: due.firedAt, content: content)
        }
    }

    func content(window: DateInterval, opened: [Incident], open: [Incident], overBudget: [IntegrationFigures]) -> NoticeContent {
        let since = UTCTime.human(window.start)
        let headline: String
        if opened.isEmpty && open.isEmpty && overBudget.isEmpty {
            headline = "All quiet since \(since): no breaches, nothing open, every integration within its SLA budget"
        } else {
            headline = "Since \(since): \(count(opened.count, "breach", "breaches")), "
                + "\(count(open.count, "incident", "incidents")) still open, \(count(overBudget.count, "integration", "integrations")) over SLA budget"
        }
        var lines: [String] = []
        section("Breached since the last digest", opened.sorted { $0.openedAt < $1.openedAt }, into: &lines) { incident in
            let outcome: String
            if let resolved = incident.resolvedAt {
                outcome = "resolved after \(Self.lasted(resolved.timeIntervalSince(incident.openedAt)))"
            } else if let by = incident.acknowledgedBy {
                outcome = "open, acknowledged by \(by)"
            } else {
                outcome = "open, not acknowledged"
            }
            return "#\(incident.id) \(name(incident.integrationID)) (\(owner(incident.integrationID))): \(incident.openingState.rawValue), \(outcome)"
        }
        section("Still open", open.sorted { $0.openedAt < $1.openedAt }, into: &lines) { incident in
            let acknowledged = incident.acknowledgedBy.map { "acknowledged by \($0)" } ?? "not acknowledged, baton ack \(incident.id)"
            return "#\(incident.id) \(name(incident.integrationID)) (\(owner(incident.integrationID))): \(incident.state.rawValue) since "
                + "\(UTCTime.human(incident.openedAt)), \(acknowledged)"
        }
        section("Over SLA budget", overBudget, into: &lines) { figures in
            let attained = figures.attainment.map(ReportRenderer.percent) ?? "—"
            let target = figures.target.map(ReportRenderer.percent) ?? "—"
            return "\(figures.name) (\(owner(figures.id))): \(attained) against \(target)"
        }
        return NoticeContent(
            headline: headline, integrationID: "", integrationName: "Baton digest", tools: [], owner: TeamRef(id: "", name: ""),
            accountable: nil, state: "", reason: .text(""), since: window.start, incidentID: nil, step: nil,
            steps: nil, acknowledgeCommand: nil, acknowledgedBy: nil, note: lines.isEmpty ? nil : lines.joined(separator: "\n"),
            durationSeconds: nil, blocks: [], slaTarget: nil, link: config.statusPageLink
        )
    }

    private func section<T>(_ title: String, _ items: [T], into lines: inout [String], line: (T) -> String) {
        guard !items.isEmpty else { return }
        lines.append("\(title):")
        for item in items.prefix(Self.linesPerSection) { lines.append("• " + line(item)) }
        if items.count > Self.linesPerSection { lines.append("• … and \(items.count - Self.linesPerSection) more (baton report)") }
    }

    private func name(_ id: String) -> String { config.integration(id)?.name ?? id }

    private func owner(_ id: String) -> String {
        guard let team = config.integration(id)?.owner else { return "no owner" }
        return config.team(team)?.name ?? team
    }

    private func count(_ value: Int, _ one: String, _ many: String) -> String {
        value == 0 ? "no \(many)" : "\(value) \(value == 1 ? one : many)"
    }

    static func lasted(_ seconds: Double) -> String {
        ReportRenderer.duration(max(0, seconds))
    }
}
