import BatonAPI
import BatonCore
@testable import BatonDaemon
import BatonHTTP
import BatonSim
import BatonStore
import Foundation
import Synchronization
import Testing

/// A small world: the CRM API, the lead sync that depends on it, and a heartbeat job; times are injected.
enum World {
    static let t0 = Date(timeIntervalSince1970: 1_796_000_000)

    static func at(_ seconds: Double) -> Date { t0.addingTimeInterval(seconds) }

    static let policy = EscalationPolicy(id: "page", steps: [
        EscalationStep(after: .zero, notify: [.owner]), EscalationStep(after: .seconds(600), notify: [.team("exec")]),
    ])

    static func integration(_ id: String, dependsOn: [String] = [], failureThreshold: Int = 2) -> Integration {
        Integration(
            id: id, name: id, owner: "mops", dependsOn: dependsOn,
            probe: .check(HTTPCheck(url: SecretText(literal: "http://127.0.0.1:1/\(id)"))), failureThreshold: failureThreshold,
            successThreshold: 1, escalation: "page"
        )
    }

    static var config: Config {
        Config(
            teams: [Team(id: "mops", name: "Marketing Operations", channels: ["slack"]), Team(id: "exec", name: "CIO and CMO", channels: ["slack"])],
            channels: [Channel(id: "slack", type: .slack, url: SecretText(literal: "https://hooks.example/slack"))],
            escalationPolicies: [policy],
            integrations: [
                integration("crm-api", failureThreshold: 3), integration("lead-sync", dependsOn: ["crm-api"], failureThreshold: 1),
                Integration(id: "nightly", name: "Nightly export", owner: "mops",
                            probe: .heartbeat(Heartbeat(token: SecretText(literal: "Kelvin-K"), period: .seconds(86_400), grace: .zero))),
            ]
        )
    }

    static func verdict(_ level: VerdictLevel, status: Int = 200) -> Verdict {
        Verdict(level: level, reason: level == .pass ? .text("HTTP 200") : .text("HTTP \(status)"), httpStatus: status)
    }

    static func observation(at seconds: Double) -> ProbeObservation {
        ProbeObservation(result: .answered(HTTPAnswer(status: 200)), latency: .milliseconds(5), observedAt: at(seconds))
    }
}

/// The state book: trackers, shown states and the rows to store.
struct StateBookTests {
    /// Failed probes count up to the threshold; at it the own state is down, the shown state moves
    /// with it, its dependent shows blocked, and each change is a transition row.
    @Test func failuresReachTheThresholdAndBlockDependents() {
        var book = StateBook(config: World.config, persisted: [:])
        var rows = StateBook.Rows()
        for second in [1.0, 2.0] {
            let change = book.record("crm-api", World.verdict(.fail, status: 503), World.observation(at: second), into: &rows)
            #expect(change == .some(nil), "below the threshold the own state stays")
        }
        #expect(book.upstreamPending(of: "lead-sync") == "crm-api")
        let change = book.record("crm-api", World.verdict(.fail, status: 503), World.observation(at: 3), into: &rows)
        #expect(change??.to == .down)
        let shown = book.settle(["crm-api"] + book.graph.blocks("crm-api"), at: World.at(3), into: &rows)
        #expect(shown.map(\.id) == ["crm-api", "lead-sync"])
        #expect(book.entry("lead-sync")?.effective.state == .blocked)
        #expect(rows.transitions.map(\.to) == [.down, .blocked])
        #expect(rows.transitions.last?.reason.compact == "blocked by crm-api (down)")
        #expect(rows.probes.map(\.seq) == [1, 2, 3])
        #expect(book.upstreamPending(of: "lead-sync") == nil, "down is a verdict")
    }

    /// A snapshot taken before probes are recorded keeps what it saw: entries are shared, and the
    /// book copies one before changing it.
    @Test func snapshotsKeepWhatTheySaw() {
        var book = StateBook(config: World.config, persisted: [:])
        var rows = StateBook.Rows()
        let before = book.entries
        _ = book.record("crm-api", World.verdict(.fail, status: 503), World.observation(at: 1), into: &rows)
        let afterOne = book.entries
        _ = book.record("crm-api", World.verdict(.pass), World.observation(at: 2), into: &rows)
        _ = book.watch("nightly", since: World.at(2))

        #expect(before["crm-api"]?.probeSeq == 0)
        #expect(before["crm-api"]?.lastProbeAt == nil)
        #expect(afterOne["crm-api"]?.probeSeq == 1)
        #expect(afterOne["crm-api"]?.httpStatus == 503)
        #expect(book.entry("crm-api")?.probeSeq == 2)
        #expect(book.entry("crm-api")?.httpStatus == 200)
        #expect(afterOne["nightly"]?.watchedSince == nil)
        #expect(book.entry("nightly")?.watchedSince == World.at(2))
        #expect(before.count == book.entries.count)
    }

    /// The status lines name each root cause with its own state, blocked ones included.
    @Test func statusLinesNameTheRootCause() {
        var book = StateBook(config: World.config, persisted: [:])
        var rows = StateBook.Rows()
        for second in [1.0, 2.0, 3.0] {
            _ = book.record("crm-api", World.verdict(.fail, status: 503), World.observation(at: second), into: &rows)
        }
        _ = book.settle(["crm-api"] + book.graph.blocks("crm-api"), at: World.at(3), into: &rows)
        let snapshot = MonitorSnapshot(
            config: World.config, order: book.order, integrations: book.entries, openIncidents: [:],
            silenceIndex: SilenceIndex(silences: [], maintenance: [], at: World.at(3))
        )

        let answer = StatusView.status(snapshot, filter: StatusFilter(), now: World.at(4))

        #expect(answer.integrations.map(\.state) == ["down", "blocked", "unknown"])
        #expect(answer.integrations[1].reason == "blocked by crm-api (down)")
        #expect(answer.integrations[1].blockedBy == ["crm-api"])
        #expect(answer.summary.blocked == 1 && answer.summary.down == 1 && answer.summary.unknown == 1)
    }

    /// The answer's lines written in place from the entries are byte for byte the typed lines
    /// (themselves compared with the encoder in BatonAPITests): blocked with its root cause, an
    /// open incident, a silence, an SLA, journey stages, odd characters, and nothing probed yet.
    @Test func linesWrittenInPlaceAreTheTypedLines() throws {
        var config = World.config
        config.integrations[0].accountable = "Marketing \"CIO\""
        config.integrations[0].tools = ["Salesforce", "HubSpot\u{1}"]
        config.integrations[0].tags = ["crm", "tier-1"]
        config.integrations[0].journey = [.acquisition, .retention]
        config.integrations[0].sla = SLATarget(availability: 99.5, window: .seconds(30 * 86_400))
        config.integrations[1].sla = SLATarget(availability: 99, window: .seconds(7 * 86_400))
        var book = StateBook(config: config, persisted: [:])
        var rows = StateBook.Rows()
        let stamped = Verdict(level: .fail, reason: .text("HTTP 503 \"busy\"\n"), httpStatus: 503, dataTimestamp: World.at(-60))
        for second in [1.0, 2.0, 3.0] {
            _ = book.record("crm-api", stamped, World.observation(at: second), into: &rows)
        }
        _ = book.settle(["crm-api"] + book.graph.blocks("crm-api"), at: World.at(3), into: &rows)
        let incident = Incident(
            id: 7, integrationID: "crm-api", policyID: "page", openedAt: World.at(3), openingState: .down, openingReason: .text("HTTP 503"),
            stepsFired: 2, acknowledgedBy: "alice"
        )
        let silence = Silence(
            id: 1, matcher: IntegrationMatcher(integrations: ["lead-sync"]), reason: "vendor maintenance", createdBy: "bob", createdAt: World.at(0), endsAt: World.at(3600)
        )
        let snapshot = MonitorSnapshot(
            config: config, order: book.order, integrations: book.entries, openIncidents: ["crm-api": incident],
            silenceIndex: SilenceIndex(silences: [silence], maintenance: [], at: World.at(4))
        )
        for filter in [StatusFilter(), StatusFilter(owner: "mops", tag: "crm", state: .down), StatusFilter(owner: "nobody")] {
            let typed = StatusView.status(snapshot, filter: filter, now: World.at(4))
            var head = typed
            head.integrations = []
            let inPlace = try head.wireJSON(reservingCapacity: 0) { json, counted throws(WireJSON.NonConformingNumber) in
                try StatusView.writeLines(of: snapshot.order[...], snapshot, filter: filter, now: World.at(4), to: &json, counting: &counted)
            }
            #expect(String(decoding: inPlace, as: UTF8.self) == String(decoding: try typed.wireJSON(), as: UTF8.self))
        }
        let all = StatusView.status(snapshot, filter: StatusFilter(), now: World.at(4))
        #expect(all.integrations.map(\.state) == ["down", "blocked", "unknown"])
        #expect(all.integrations[0].incident?.acknowledgedBy == "alice" && all.integrations[1].silenced)
    }

    /// A data age is shown for a heartbeat (since its last ping), not for a check without freshness,
    /// even when its answer carried a timestamp.
    @Test func dataAgeOnlyWhereItMeansSomething() {
        var book = StateBook(config: World.config, persisted: [:])
        var rows = StateBook.Rows()
        let stamped = Verdict(level: .pass, reason: .text("HTTP 200"), httpStatus: 200, dataTimestamp: World.at(0))
        _ = book.record("crm-api", stamped, World.observation(at: 1), into: &rows)
        _ = book.recordHeartbeat("nightly", Verdict(level: .pass, reason: .heartbeat(.received), dataTimestamp: World.at(1)), at: World.at(1), ping: true, into: &rows)

        let now = World.at(91)
        #expect(book.entry("crm-api").flatMap { StatusView.dataAge($0, now: now) } == nil)
        #expect(book.entry("nightly").flatMap { StatusView.dataAge($0, now: now) } == 90)
    }

    /// A heartbeat is found by its token's bytes: a canonically equal token (Kelvin sign for K) does not match.
    @Test(arguments: [("Kelvin-K", true), ("Kelvin-\u{212A}", false), ("Kelvin-", false), ("kelvin-k", false)])
    func heartbeatTokens(_ token: String, _ found: Bool) {
        let book = StateBook(config: World.config, persisted: [:])
        #expect((book.heartbeat(token: token) == "nightly") == found)
    }

    /// A reload keeps an unchanged integration's tracker, starts a changed one over, and drops a removed one.
    @Test func reloadRebuildsOnlyWhatChanged() {
        var book = StateBook(config: World.config, persisted: [:])
        var rows = StateBook.Rows()
        _ = book.record("lead-sync", World.verdict(.fail, status: 503), World.observation(at: 1), into: &rows)
        _ = book.record("crm-api", World.verdict(.fail, status: 503), World.observation(at: 1), into: &rows)
        var config = World.config
        config.integrations[0].failureThreshold = 5
        config.integrations.removeLast()
        let summary = book.reload(config)
        #expect(summary.kept == 1 && summary.changed == ["crm-api"] && summary.removed == ["nightly"])
        #expect(book.entry("lead-sync")?.tracker.state == .down)
        #expect(book.entry("crm-api")?.tracker.failStreak == 0)
        #expect(book.heartbeat(token: "Kelvin-K") == nil)
    }
}

/// The bridge between shown states and incidents, on injected times.
struct IncidentBridgeTests {
    static func world() -> (StateBook, IncidentBridge) {
        let book = StateBook(config: World.config, persisted: [:])
        let bridge = IncidentBridge(config: World.config, states: book, incidents: [], nextIncidentID: 1, silences: [], nextSilenceID: 1, at: World.t0)
        return (book, bridge)
    }

    /// A breach opens an incident and notifies step 1; the tick at opened + 600 s fires step 2, not before.
    @Test func opensAndEscalatesOnTheClock() {
        var (book, bridge) = Self.world()
        var rows = StateBook.Rows()
        // Its upstream has a verdict: healthy.
        _ = book.record("crm-api", World.verdict(.pass), World.observation(at: 0), into: &rows)
        _ = book.record("lead-sync", World.verdict(.fail, status: 503), World.observation(at: 0), into: &rows)
        let changes = book.settle(["lead-sync"], at: World.at(0), into: &rows)
        let opened = bridge.shownStateChanged("lead-sync", from: changes[0].previous, states: book, at: World.at(0))
        #expect(opened.contains { if case .notify = $0 { true } else { false } })
        #expect(bridge.tick(at: World.at(599), states: book).isEmpty)
        let escalated = bridge.tick(at: World.at(600), states: book)
        #expect(escalated.contains { if case .record(let event) = $0 { event.step == 2 } else { false } })
    }

    /// A dependent that breaches while its upstream has a failed probe (or no probe yet) waits;
    /// when the upstream passes again, its incident opens.
    @Test func waitsForTheUpstreamVerdict() {
        var (book, bridge) = Self.world()
        var rows = StateBook.Rows()
        _ = book.record("crm-api", World.verdict(.fail, status: 503), World.observation(at: 0), into: &rows)
        _ = book.record("lead-sync", World.verdict(.fail, status: 503), World.observation(at: 1), into: &rows)
        let changes = book.settle(["lead-sync"], at: World.at(1), into: &rows)
        #expect(bridge.shownStateChanged("lead-sync", from: changes[0].previous, states: book, at: World.at(1)).isEmpty)
        #expect(bridge.deferred["lead-sync"] == .unknown)
        _ = book.record("crm-api", World.verdict(.pass), World.observation(at: 2), into: &rows)
        let released = bridge.releaseDeferred(after: "crm-api", states: book, at: World.at(2))
        #expect(released.contains { if case .save(let incident) = $0 { incident.integrationID == "lead-sync" } else { false } })
        #expect(bridge.deferred.isEmpty)
    }

    /// Silences get increasing ids and end early when removed.
    @Test func silences() {
        var (_, bridge) = Self.world()
        let first = bridge.addSilence(IntegrationMatcher(tags: ["crm"]), for: .seconds(3600), reason: "vendor maintenance", by: "alice", at: World.t0)
        let second = bridge.addSilence(IntegrationMatcher(owners: ["mops"]), for: .seconds(60), reason: "deploy", by: "bob", at: World.t0)
        #expect(first.id == 1 && second.id == 2)
        #expect(bridge.removeSilence(1, at: World.at(10))?.removedAt == World.at(10))
        #expect(bridge.removeSilence(7, at: World.at(10)) == nil)
    }
}

/// The scheduler hands observations on with the injected clock's time, and a removed chain stops.
struct ProbeSchedulerTests {
    final class Seen: Sendable {
        let observations = Mutex<[(String, Date)]>([])
    }

    @Test func deliversObservationsAndEndsRemovedChains() async throws {
        let simulator = Simulator(endpoints: ["crm-api": EndpointBehaviour(), "lead-sync": EndpointBehaviour()])
        let port = try await simulator.start()
        let engine = HTTPEngine(maxConcurrency: 4, name: "scheduler-test")
        defer { engine.shutdown() }
        let scheduler = ProbeScheduler(engine: engine, runner: ProbeRunner(engine: engine, tokens: .init(engine: engine)), clock: { World.t0 })
        let seen = Seen()
        scheduler.deliver { id, observation, _, _ in seen.observations.withLock { $0.append((id, observation.observedAt)) } }
        let checks = ["crm-api", "lead-sync"].map { id in
            (id: id, check: HTTPCheck(url: SecretText(literal: "http://127.0.0.1:\(port)/integrations/\(id)/health"), interval: .seconds(1)))
        }
        scheduler.replaceAll(checks)
        scheduler.start()
        #expect(await eventually { Set(seen.observations.withLock { $0.map(\.0) }) == ["crm-api", "lead-sync"] })
        #expect(seen.observations.withLock { $0.allSatisfy { $0.1 == World.t0 } })

        _ = scheduler.replace([], removing: ["crm-api"])
        let mark = seen.observations.withLock { $0.count }
        #expect(await eventually { seen.observations.withLock { $0.dropFirst(mark).filter { $0.0 == "lead-sync" }.count >= 2 } })
        // One crm-api probe may have been in flight at the removal; none after it.
        #expect(seen.observations.withLock { $0.dropFirst(mark + 1).allSatisfy { $0.0 == "lead-sync" } })
        scheduler.endAll()
        await simulator.stop()
    }
}
