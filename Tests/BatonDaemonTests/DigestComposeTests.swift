import BatonCore
@testable import BatonDaemon
import BatonStore
import Foundation
import Testing

/// A digest composed from a real database: the incident opened in its window, and the integration
/// over its error budget, measured from the stored transitions.
struct DigestComposeTests {
    @Test func digestReadsTheStore() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("baton-digest-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try StateStore(directory: folder)
        let now = Date(timeIntervalSince1970: ((Date().timeIntervalSince1970 / 60).rounded(.down)) * 60)
        let start = now.addingTimeInterval(-2 * 86_400)
        let broke = now.addingTimeInterval(-5 * 3600)
        let fixed = now.addingTimeInterval(-4 * 3600)

        var batch = StateBatch()
        batch.integrations["leads"] = PersistedIntegration(
            id: "leads", state: .healthy, reason: .text("HTTP 200"), since: fixed, lastProbeAt: now, dataTimestamp: nil, latencyMs: 2,
            httpStatus: 200, failStreak: 0, okStreak: 2, probeSeq: 1, effectiveState: .healthy, effectiveSince: fixed
        )
        batch.transitions = [
            TransitionRecord(integrationID: "leads", at: start, from: .unknown, to: .healthy, reason: .text("HTTP 200")),
            TransitionRecord(integrationID: "leads", at: broke, from: .healthy, to: .down, reason: .text("HTTP 503")),
            TransitionRecord(integrationID: "leads", at: fixed, from: .down, to: .healthy, reason: .text("HTTP 200")),
        ]
        batch.incidents[1] = Incident(id: 1, integrationID: "leads", policyID: nil, status: .resolved, openedAt: broke,
                                      openingState: .down, openingReason: .text("HTTP 503"), resolvedAt: fixed)
        try await store.write(batch, now: start)
        let run = try await store.beginRun(at: start)
        try await store.markAlive(run: run, at: now)

        let heartbeat = ProbeKind.heartbeat(Heartbeat(token: SecretText(literal: "t"), period: .seconds(60), grace: .zero))
        let config = Config(
            teams: [Team(id: "mops", name: "Marketing Operations", channels: ["exec"])],
            digests: [Digest(cron: try CronSchedule(parsing: "0 9 * * *"), channels: ["exec"], since: .seconds(86_400))],
            integrations: [Integration(id: "leads", name: "Lead sync", owner: "mops", probe: heartbeat,
                                       sla: SLATarget(availability: 99.5, window: .seconds(86_400)))]
        )
        let due = DigestSchedule.Due(index: 0, firedAt: now, window: DateInterval(start: now.addingTimeInterval(-86_400), end: now))
        let notices = try await DigestService.compose(due, config: config, openIncidents: [], store: store, now: now)

        #expect(notices.map(\.channelID) == ["exec"])
        let content = try #require(notices.first?.content)
        #expect(content.headline.contains("1 breach, no incidents still open, 1 integration over SLA budget"))
        let lines = content.note?.split(separator: "\n").map(String.init) ?? []
        #expect(lines.contains("• #1 Lead sync (Marketing Operations): down, resolved after 1h"))
        // Down 1 h of the last 24: 95.833 % against 99.5 %.
        #expect(lines.contains("• Lead sync (Marketing Operations): 95.833% against 99.5%"))
    }
}
