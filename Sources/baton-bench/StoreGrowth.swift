import ArgumentParser
import BatonCore
import BatonStore
import Foundation

/// `baton-bench store`: how big the database grows with a given incident rate, on a simulated clock.
///
/// Drives the real incident logic (`IncidentBook`) and the real store: every simulated day,
/// `--breaches` integrations breach at once, escalate through a three-step policy, are
/// acknowledged after 45 min and recover after 3 h. Probe rings are full (50 rows each).
struct StoreGrowth: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Simulate days of incidents into a fresh database and print its size."
    )

    @Option(help: "Configured integrations.")
    var integrations = 10_000

    @Option(help: "Integrations that breach at once, every simulated day.")
    var breaches = 1_000

    @Option(help: "Simulated days.")
    var days = 30

    @Option(help: "Folder for the database (must not exist).")
    var directory: String

    func run() async throws {
        let config = Self.config(integrations: integrations)
        let store = try StateStore(directory: directory)
        // The simulated days end today, so `baton report --since 90d` on the result covers them.
        let start = Date(timeIntervalSince1970: ((Date().timeIntervalSince1970 / 86_400).rounded(.down) - Double(days)) * 86_400)
        var book = IncidentBook(config: config, incidents: [], conditions: [:], nextIncidentID: 1)
        let wall = ContinuousClock.now

        // Full probe rings and one integration row each: the steady part of the database.
        var rings = StateBatch()
        for index in 0..<integrations {
            let id = "i\(index)"
            rings.integrations[id] = PersistedIntegration(
                id: id, state: .healthy, reason: .text("HTTP 200 in 2ms, last_sync 3m old"), since: start, lastProbeAt: start,
                dataTimestamp: start, latencyMs: 2, httpStatus: 200, failStreak: 0, okStreak: 2, probeSeq: 50,
                effectiveState: .healthy, effectiveSince: start
            )
            for seq in 1...Int64(StateStore.probesKept) {
                rings.probes.append(ProbeRecord(
                    integrationID: id, seq: seq, at: start.addingTimeInterval(Double(seq) * 60), level: .pass, httpStatus: 200,
                    latencyMs: 2, reason: .text("HTTP 200 in 2ms, last_sync 3m old"), errorKind: nil, dataTimestamp: start
                ))
            }
        }
        try await store.write(rings, now: start)
        // The daemon ran throughout: the simulated days are observed time, not unknown.
        let run = try await store.beginRun(at: start)

        for day in 0..<days {
            let morning = start.addingTimeInterval(Double(day) * 86_400)
            var batch = StateBatch()
            let breached = (0..<breaches).map { "i\(($0 + day * 97) % integrations)" }
            for id in breached {
                let reason = Reason.text("last_sync 2h1m old (error after 2h)")
                batch.transitions.append(TransitionRecord(integrationID: id, at: morning, from: .healthy, to: .stale, reason: reason))
                batch.add(book.integrationChanged(id, to: IntegrationCondition(state: .stale, reason: reason, since: morning), from: .healthy, silence: nil))
            }
            batch.add(book.tick(at: morning.addingTimeInterval(30 * 60)) { _ in nil })
            for incident in book.openIncidents {
                batch.add((try? book.acknowledge(incident.id, by: "alice", note: "vendor ticket 1234", at: morning.addingTimeInterval(45 * 60))) ?? [])
            }
            batch.add(book.tick(at: morning.addingTimeInterval(2 * 3600)) { _ in nil })
            let evening = morning.addingTimeInterval(3 * 3600)
            for id in breached {
                batch.transitions.append(TransitionRecord(integrationID: id, at: evening, from: .stale, to: .healthy, reason: .text("HTTP 200 in 2ms")))
                batch.add(book.integrationChanged(id, to: IntegrationCondition(state: .healthy, reason: .text("HTTP 200 in 2ms"), since: evening), from: .stale, silence: nil))
            }
            batch.add(book.tick(at: evening.addingTimeInterval(3600)) { _ in nil })
            try await store.write(batch, now: evening)
        }
        try await store.markAlive(run: run, at: start.addingTimeInterval(Double(days) * 86_400))
        try await store.checkpoint()
        let files = try FileManager.default.contentsOfDirectory(atPath: directory)
        let bytes = try files.reduce(0) { sum, name in
            let size = try FileManager.default.attributesOfItem(atPath: directory + "/" + name)[.size] as? Int ?? 0
            return sum + size
        }
        let elapsed = ContinuousClock.now - wall
        let counts = try await store.rowCounts()
        print("tool=baton-store-growth integrations=\(integrations) breaches_per_day=\(breaches) days=\(days) "
            + counts.sorted { $0.key < $1.key }.map { "\($0.key)_rows=\($0.value)" }.joined(separator: " ")
            + " db_mb=\(String(format: "%.1f", Double(bytes) / 1_048_576)) kb_per_incident=\(String(format: "%.2f", Double(bytes) / 1024 / Double(max(1, breaches * days)))) simulated_in_s=\(String(format: "%.1f", elapsed.seconds))")
    }

    static func config(integrations: Int) -> Config {
        let policy = EscalationPolicy(id: "standard", steps: [
            EscalationStep(after: .zero, notify: [.owner]),
            EscalationStep(after: .seconds(1800), notify: [.accountable]),
            EscalationStep(after: .seconds(7200), notify: [.team("exec")]),
        ])
        let check = HTTPCheck(url: SecretText(literal: "http://127.0.0.1:18080/health"))
        return Config(
            teams: [
                Team(id: "marketing-ops", name: "Marketing Operations", channels: ["mops-slack"]),
                Team(id: "marketing-cio", name: "Marketing CIO office", channels: ["mcio-teams"]),
                Team(id: "exec", name: "CIO and CMO", channels: ["exec-slack"]),
            ],
            channels: ["mops-slack", "mcio-teams", "exec-slack"].map {
                Channel(id: $0, type: $0.hasSuffix("teams") ? .teams : .slack, url: SecretText(literal: "https://hooks.example/\($0)"))
            },
            escalationPolicies: [policy],
            integrations: (0..<integrations).map {
                Integration(
                    id: "i\($0)", name: "Integration \($0) lead sync", tools: ["Salesforce", "Marketo"], owner: "marketing-ops",
                    accountable: "marketing-cio", probe: .check(check), escalation: "standard"
                )
            }
        )
    }
}
