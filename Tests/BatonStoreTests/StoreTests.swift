import BatonCore
@testable import BatonStore
import Foundation
import Logging
import TestSupport
import Testing

/// Where a test's store lives: a SQLite file, or a fresh database on the suite's PostgreSQL.
enum Backend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    var testDescription: String { rawValue }

    func open() async throws -> OpenedStore {
        switch self {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("baton-store-\(UUID().uuidString)").path
            return OpenedStore(store: try StateStore(directory: folder), folder: folder)
        case .postgres:
            let server = try #require(PostgresServer.current)
            let url = try await server.makeDatabase()
            let store = try await StateStore.postgres(try PostgresConnectionSettings(url: url, password: nil), logger: Logger(label: "test"))
            return OpenedStore(store: store, folder: nil, url: url)
        }
    }
}

/// A store for one test; `close()` releases it.
struct OpenedStore {
    let store: StateStore
    let folder: String?
    var url: String?

    func close() async {
        await store.close()
        if let folder { try? FileManager.default.removeItem(atPath: folder) }
    }
}

/// The store's SQL, run against real SQLite and real PostgreSQL: both must answer the same.
@Suite(.postgres)
struct StoreTests {
    static let t0 = Date(timeIntervalSince1970: 1_796_000_000)

    static func at(_ seconds: Double) -> Date { t0.addingTimeInterval(seconds) }

    static func with(_ backend: Backend, _ body: (StateStore) async throws -> Void) async throws {
        let opened = try await backend.open()
        do {
            try await body(opened.store)
            await opened.close()
        } catch {
            await opened.close()
            throw error
        }
    }

    static func probe(_ id: String, _ seq: Int64, status: Int = 200) -> ProbeRecord {
        ProbeRecord(integrationID: id, seq: seq, at: at(Double(seq)), level: status == 200 ? .pass : .fail, httpStatus: status,
                    latencyMs: Int(seq % 7), reason: .text("HTTP \(status)"), errorKind: nil, dataTimestamp: at(Double(seq) - 30))
    }

    static func integration(_ id: String, state: IntegrationState = .healthy, seq: Int64 = 0) -> PersistedIntegration {
        PersistedIntegration(id: id, state: state, reason: .text("HTTP 200"), since: at(0), lastProbeAt: nil, dataTimestamp: nil, latencyMs: nil,
                             httpStatus: nil, failStreak: 0, okStreak: 2, probeSeq: seq, effectiveState: state, effectiveSince: at(0))
    }

    static func notice(_ key: String, incident: Int?, channel: String, at time: Date) -> Notice {
        Notice(key: key, kind: .opened, channelID: channel, incidentID: incident, createdAt: time, content: NoticeContent(
            headline: "Lead sync is down: HTTP 503", integrationID: "crm-leads", integrationName: "Lead sync", tools: ["Salesforce"],
            owner: TeamRef(id: "mops", name: "Marketing Operations"), accountable: nil, state: "down", reason: .text("HTTP 503"), since: time,
            incidentID: incident, step: 1, steps: 2, acknowledgeCommand: incident.map { "baton ack \($0)" }, acknowledgedBy: nil, note: nil,
            durationSeconds: nil, blocks: [], slaTarget: 99.5, link: nil
        ))
    }

    /// Transitions come back in the order they were stored, per integration and over a window.
    @Test(arguments: Backend.allCases)
    func transitions(_ backend: Backend) async throws {
        try await Self.with(backend) { store in
            var batch = StateBatch()
            batch.transitions = [
                TransitionRecord(integrationID: "crm-leads", at: Self.at(1), from: .unknown, to: .healthy, reason: .text("HTTP 200 in 3ms")),
                TransitionRecord(integrationID: "crm-leads", at: Self.at(5), from: .healthy, to: .down, reason: .text("HTTP 503")),
                TransitionRecord(integrationID: "ads", at: Self.at(6), from: .unknown, to: .stale, reason: .text("last_sync 3h12m old (error after 2h)")),
            ]
            try await store.write(batch)
            #expect(try await store.recentTransitions(of: "crm-leads").map(\.to) == [.down, .healthy])
            let window = try await store.transitions(from: Self.at(0), to: Self.at(6))
            #expect(window.map(\.reason.compact) == ["HTTP 200 in 3ms", "HTTP 503"])
            #expect(try await store.transitions(from: Self.at(0), to: Self.at(7)).last == batch.transitions.last)
        }
    }

    /// The probe ring keeps the newest 50 probes per integration, also when one batch wraps the ring
    /// more than once, and a restart reads back the newest probe's details.
    @Test(arguments: Backend.allCases)
    func probeRing(_ backend: Backend) async throws {
        try await Self.with(backend) { store in
            var first = StateBatch()
            first.integrations["crm-leads"] = Self.integration("crm-leads")
            first.probes = (1...30).map { Self.probe("crm-leads", $0) }
            try await store.write(first)
            var second = StateBatch()
            second.probes = (31...140).map { Self.probe("crm-leads", $0, status: $0 == 140 ? 503 : 200) }
            try await store.write(second)
            let recent = try await store.recentProbes(of: "crm-leads")
            #expect(recent.map(\.seq) == Array((91...140).reversed()))
            #expect(recent.first?.httpStatus == 503)
            let loaded = try #require(try await store.loadIntegrations()["crm-leads"])
            #expect(loaded.probeSeq == 140)
            #expect(loaded.lastProbeAt == Self.at(140))
            #expect(loaded.httpStatus == 503)
            #expect(loaded.dataTimestamp == Self.at(110))
        }
    }

    /// Integration rows keep their first-seen time, are marked removed when the config drops them,
    /// and come back when they return.
    @Test(arguments: Backend.allCases)
    func integrationRowsAndRemoval(_ backend: Backend) async throws {
        try await Self.with(backend) { store in
            var batch = StateBatch()
            batch.integrations = ["crm-leads": Self.integration("crm-leads"), "ads": Self.integration("ads", state: .down)]
            try await store.write(batch, now: Self.at(0))
            var removal = StateBatch()
            removal.removal = RemovalMark(keeping: ["crm-leads"], at: Self.at(10))
            try await store.write(removal)
            let history = try await store.history(in: DateInterval(start: Self.at(0), end: Self.at(20)))
            #expect(history["ads"]?.removedAt == Self.at(10))
            #expect(history["crm-leads"]?.removedAt == nil)
            #expect(history["ads"]?.firstSeen == Self.at(0))
            var back = StateBatch()
            back.integrations["ads"] = Self.integration("ads", state: .healthy)
            try await store.write(back, now: Self.at(30))
            let loaded = try await store.loadIntegrations()
            #expect(loaded["ads"]?.state == .healthy)
            #expect(loaded["ads"]?.firstSeen == Self.at(0))
            #expect(try await store.history(in: DateInterval(start: Self.at(0), end: Self.at(40)))["ads"]?.removedAt == nil)
        }
    }

    /// Due notices: the oldest pending per incident and channel; delivery outcomes move the queue on;
    /// a notice key stored twice is kept once; disabling a channel turns its pending notices dead.
    @Test(arguments: Backend.allCases)
    func noticeQueue(_ backend: Backend) async throws {
        try await Self.with(backend) { store in
            var batch = StateBatch()
            batch.notices = [
                Self.notice("msg_1_1_slack", incident: 1, channel: "slack", at: Self.at(1)),
                Self.notice("msg_1_2_slack", incident: 1, channel: "slack", at: Self.at(2)),
                Self.notice("msg_1_1_teams", incident: 1, channel: "teams", at: Self.at(1)),
                Self.notice("msg_2_1_slack", incident: 2, channel: "slack", at: Self.at(3)),
                Self.notice("msg_1_1_slack", incident: 1, channel: "slack", at: Self.at(9)),
            ]
            try await store.write(batch, now: Self.at(3))
            let due = try await store.dueNotices(at: Self.at(10))
            #expect(due.count == 3)
            let keys = try await Self.keys(of: due, in: store)
            #expect(keys == ["msg_1_1_slack", "msg_1_1_teams", "msg_2_1_slack"])

            var outcomes = StateBatch()
            outcomes.deliveries = [
                .delivered(noticeID: due[0].id, attempts: 1, at: Self.at(11)),
                .retry(noticeID: due[1].id, attempts: 1, next: Self.at(60), error: "HTTP 503"),
                .dead(noticeID: due[2].id, attempts: 1, error: "HTTP 400: invalid_payload"),
            ]
            try await store.write(outcomes)
            #expect(try await Self.keys(of: try await store.dueNotices(at: Self.at(12)), in: store) == ["msg_1_2_slack"])
            #expect(try await Self.keys(of: try await store.dueNotices(at: Self.at(61)), in: store) == ["msg_1_2_slack", "msg_1_1_teams"])
            #expect(try await store.notice(due[1].id)?.lastError == "HTTP 503")
            #expect(try await store.deliveryCounts() == DeliveryCounts(pending: 2, dead: 1))

            var disable = StateBatch()
            disable.deliveries = [.disableChannel(channelID: "slack", urlFingerprint: "f1", reason: "HTTP 410", at: Self.at(70))]
            try await store.write(disable)
            #expect(try await store.deliveryCounts() == DeliveryCounts(pending: 1, dead: 2))
            #expect(try await store.disabledChannels().map(\.channelID) == ["slack"])
            var enable = StateBatch()
            enable.deliveries = [.enableChannel(channelID: "slack")]
            try await store.write(enable)
            #expect(try await store.disabledChannels().isEmpty)
            #expect(try await store.deadLetters().map(\.notice.key) == ["msg_2_1_slack", "msg_1_2_slack"])
        }
    }

    static func keys(of due: [DueNotice], in store: StateStore) async throws -> [String] {
        var keys: [String] = []
        for item in due { keys.append(try await store.notice(item.id)?.notice.key ?? "?") }
        return keys
    }

    /// Incidents with their timelines and notices; the live set a restart starts from; ids never reused.
    @Test(arguments: Backend.allCases)
    func incidents(_ backend: Backend) async throws {
        try await Self.with(backend) { store in
            var batch = StateBatch()
            batch.incidents[7] = Incident(id: 7, integrationID: "crm-leads", policyID: "standard", openedAt: Self.at(1), openingState: .down,
                                          openingReason: .text("HTTP 503"), stepsFired: 1, notifiedChannels: ["slack"], eventCount: 2)
            batch.incidents[8] = Incident(id: 8, integrationID: "ads", policyID: nil, status: .resolved, openedAt: Self.at(2),
                                          openingState: .stale, openingReason: .text("old"), resolvedAt: Self.at(3))
            batch.events = [
                IncidentEvent(incidentID: 7, sequence: 1, at: Self.at(1), kind: .opened, text: "opened: down — HTTP 503"),
                IncidentEvent(incidentID: 7, sequence: 2, at: Self.at(1), kind: .escalated, step: 1, text: "step 1: notified channel slack"),
            ]
            batch.notices = [Self.notice("msg_7_2_slack", incident: 7, channel: "slack", at: Self.at(1))]
            try await store.write(batch)
            var ack = StateBatch()
            var acknowledged = try #require(batch.incidents[7])
            acknowledged.acknowledgedBy = "alice"
            acknowledged.acknowledgedAt = Self.at(5)
            acknowledged.acknowledgementNote = "vendor ticket 1234"
            ack.incidents[7] = acknowledged
            try await store.write(ack)

            let open = try await store.incidents(includeResolved: false)
            #expect(open.map(\.incident.id) == [7])
            #expect(open.first?.incident == acknowledged)
            #expect(open.first?.events.map(\.kind) == [.opened, .escalated])
            #expect(open.first?.notices.map(\.notice.key) == ["msg_7_2_slack"])
            #expect(try await store.incidents(includeResolved: true).map(\.incident.id) == [8, 7])
            #expect(try await store.incidents(includeResolved: true, integration: "ads").map(\.incident.id) == [8])
            #expect(try await store.incident(8)?.incident.resolvedAt == Self.at(3))
            #expect(try await store.incident(9) == nil)
            #expect(try await store.loadLiveIncidents(resolvedSince: Self.at(4)).map(\.id) == [7])
            #expect(try await store.nextIncidentID() == 9)
            #expect(try await store.incidents(openedIn: DateInterval(start: Self.at(2), end: Self.at(9))).map(\.id) == [8])
            let times = try await store.incidentTimes(openedIn: DateInterval(start: Self.at(0), end: Self.at(9)), of: "crm-leads")
            #expect(times.map(\.acknowledgedAt) == [Self.at(5)])
        }
    }

    /// Pruning deletes old history and finished work, keeps open incidents and pending notices, and
    /// never lets an incident id come back.
    @Test(arguments: Backend.allCases)
    func pruning(_ backend: Backend) async throws {
        try await Self.with(backend) { store in
            var batch = StateBatch()
            batch.transitions = [
                TransitionRecord(integrationID: "crm-leads", at: Self.at(1), from: .healthy, to: .down, reason: .text("HTTP 503")),
                TransitionRecord(integrationID: "crm-leads", at: Self.at(100), from: .down, to: .healthy, reason: .text("HTTP 200")),
            ]
            batch.incidents[1] = Incident(id: 1, integrationID: "crm-leads", policyID: nil, status: .resolved, openedAt: Self.at(1),
                                          openingState: .down, openingReason: .text("HTTP 503"), resolvedAt: Self.at(2))
            batch.incidents[2] = Incident(id: 2, integrationID: "ads", policyID: nil, openedAt: Self.at(1), openingState: .down, openingReason: .text("HTTP 503"))
            batch.events = [IncidentEvent(incidentID: 1, sequence: 1, at: Self.at(1), kind: .opened, text: "opened")]
            batch.notices = [
                Self.notice("msg_1_1_slack", incident: 1, channel: "slack", at: Self.at(1)),
                Self.notice("msg_2_1_slack", incident: 2, channel: "slack", at: Self.at(1)),
            ]
            batch.silences[3] = Silence(id: 3, matcher: IntegrationMatcher(tags: ["crm"]), reason: "vendor maintenance", createdBy: "bob",
                                        createdAt: Self.at(0), endsAt: Self.at(10))
            try await store.write(batch)
            let due = try await store.dueNotices(at: Self.at(50))
            var delivered = StateBatch()
            delivered.deliveries = due.map { .delivered(noticeID: $0.id, attempts: 1, at: Self.at(3)) }.prefix(1).map { $0 }
            try await store.write(delivered)

            let removed = try await store.prune(before: Self.at(50))
            #expect(removed == 1)
            let counts = try await store.rowCounts()
            #expect(counts["transition"] == 1)
            #expect(counts["incident"] == 1)
            #expect(counts["incident_event"] == 0)
            #expect(counts["notice"] == 1)
            #expect(counts["silence"] == 0)
            #expect(try await store.nextIncidentID() == 3)
            #expect(try await store.nextSilenceID() == 4)
        }
    }

    /// Report inputs: each integration's state when the window opens (its last earlier transition),
    /// its changes inside, the daemon's downtime, and silences overlapping the window.
    @Test(arguments: Backend.allCases)
    func historyForReports(_ backend: Backend) async throws {
        try await Self.with(backend) { store in
            var batch = StateBatch()
            batch.integrations = ["crm-leads": Self.integration("crm-leads"), "ads": Self.integration("ads")]
            batch.transitions = [
                TransitionRecord(integrationID: "crm-leads", at: Self.at(1), from: .unknown, to: .healthy, reason: .text("a")),
                TransitionRecord(integrationID: "crm-leads", at: Self.at(2), from: .healthy, to: .down, reason: .text("b")),
                TransitionRecord(integrationID: "crm-leads", at: Self.at(20), from: .down, to: .healthy, reason: .text("c")),
                TransitionRecord(integrationID: "ads", at: Self.at(3), from: .unknown, to: .degraded, reason: .text("d")),
            ]
            batch.silences[1] = Silence(id: 1, matcher: IntegrationMatcher(integrations: ["ads"]), reason: "r", createdBy: "bob",
                                        createdAt: Self.at(5), endsAt: Self.at(50))
            try await store.write(batch, now: Self.at(0))
            let run = try await store.beginRun(at: Self.at(12))
            try await store.markAlive(run: run, at: Self.at(40))
            let window = DateInterval(start: Self.at(10), end: Self.at(40))
            let history = try await store.history(in: window)
            #expect(history["crm-leads"]?.initialState == .down)
            #expect(history["crm-leads"]?.changes.map(\.to) == [.healthy])
            #expect(history["ads"]?.initialState == .degraded)
            #expect(history["ads"]?.changes.isEmpty == true)
            #expect(try await store.history(in: window, of: "ads").keys.sorted() == ["ads"])
            #expect(try await store.downtime(in: window) == [DateInterval(start: Self.at(10), end: Self.at(12))])
            #expect(try await store.silences(overlapping: window).map(\.id) == [1])
            #expect(try await store.silences(activeAt: Self.at(30)).map(\.id) == [1])
            #expect(try await store.silences(activeAt: Self.at(60)).isEmpty)
        }
    }

    /// Two nodes starting together on a new PostgreSQL database apply each migration exactly once.
    @Test func migrationsRunOnceUnderALock() async throws {
        let server = try #require(PostgresServer.current)
        let url = try await server.makeDatabase()
        let settings = try PostgresConnectionSettings(url: url, password: nil)
        async let first = StateStore.postgres(settings, logger: Logger(label: "a"))
        async let second = StateStore.postgres(settings, logger: Logger(label: "b"))
        let stores = try await [first, second]
        let name = String(url.split(separator: "/").last?.split(separator: "?").first ?? "")
        let applied = try await server.psql("SELECT count(*) FROM baton_migrations", database: name)
        #expect(applied.output.trimmingCharacters(in: .whitespacesAndNewlines) == "\(PostgresSchema.migrations.count)")
        for store in stores { await store.close() }
    }

    /// A database with a migration this Baton does not know was made by a newer Baton: refused.
    @Test(arguments: Backend.allCases)
    func newerSchemaIsRefused(_ backend: Backend) async throws {
        let opened = try await backend.open()
        await opened.store.close()
        defer { if let folder = opened.folder { try? FileManager.default.removeItem(atPath: folder) } }
        switch backend {
        case .sqlite:
            let path = try #require(opened.folder) + "/baton.db"
            let result = try await Self.python("import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"insert into grdb_migrations values ('v99: future')\"); c.commit()", path)
            #expect(result == 0)
            #expect(throws: StoreOpenError.self) { try StateStore(path: path) }
        case .postgres:
            let server = try #require(PostgresServer.current)
            let url = try #require(opened.url)
            let name = String(url.split(separator: "/").last?.split(separator: "?").first ?? "")
            try await server.psql("INSERT INTO baton_migrations VALUES ('v99: future', 0)", database: name)
            await #expect(throws: StoreOpenError.self) {
                try await StateStore.postgres(try PostgresConnectionSettings(url: url, password: nil), logger: Logger(label: "test"))
            }
        }
    }

    /// `batond --migrate-to-postgres`: everything a SQLite node stored is in PostgreSQL afterwards,
    /// ids continue where they were, and a database that already holds state is refused.
    @Test func copyIntoPostgres() async throws {
        let sqlite = try await Backend.sqlite.open()
        let postgres = try await Backend.postgres.open()
        defer { Task { await sqlite.close(); await postgres.close() } }
        var batch = StateBatch()
        batch.integrations["crm-leads"] = Self.integration("crm-leads", seq: 3)
        batch.probes = (1...3).map { Self.probe("crm-leads", $0) }
        batch.transitions = [TransitionRecord(integrationID: "crm-leads", at: Self.at(1), from: .healthy, to: .down, reason: .text("HTTP 503"))]
        batch.incidents[5] = Incident(id: 5, integrationID: "crm-leads", policyID: nil, openedAt: Self.at(1), openingState: .down, openingReason: .text("HTTP 503"))
        batch.events = [IncidentEvent(incidentID: 5, sequence: 1, at: Self.at(1), kind: .opened, text: "opened")]
        batch.notices = [Self.notice("msg_5_1_slack", incident: 5, channel: "slack", at: Self.at(1))]
        batch.silences[2] = Silence(id: 2, matcher: IntegrationMatcher(tags: ["crm"]), reason: "r", createdBy: "bob", createdAt: Self.at(0), endsAt: Self.at(99))
        try await sqlite.store.write(batch)
        _ = try await sqlite.store.beginRun(at: Self.at(0))

        let copied = try await sqlite.store.copy(into: postgres.store)
        #expect(copied.first { $0.table == "probe" }?.rows == 3)
        #expect(try await postgres.store.rowCounts() == sqlite.store.rowCounts())
        #expect(try await postgres.store.incidents(includeResolved: true) == sqlite.store.incidents(includeResolved: true))
        #expect(try await postgres.store.loadIntegrations() == sqlite.store.loadIntegrations())
        #expect(try await postgres.store.nextIncidentID() == 6)
        #expect(try await postgres.store.nextSilenceID() == 3)
        // The notice id sequence continues after the copied ones.
        var more = StateBatch()
        more.notices = [Self.notice("msg_6_1_slack", incident: 6, channel: "slack", at: Self.at(2))]
        try await postgres.store.write(more)
        let ids = try await postgres.store.dueNotices(at: Self.at(9)).map(\.id)
        #expect(Set(ids).count == 2)
        await #expect(throws: StateStore.CopyRefused.self) { try await sqlite.store.copy(into: postgres.store) }
    }

    static func python(_ code: String, _ argument: String) async throws -> Int32 {
        try await SpawnCommand("/usr/bin/python3", ["-c", code, argument]).spawn().terminated().status
    }
}
