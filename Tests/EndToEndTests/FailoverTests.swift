import BatonAPI
import BatonSim
import Foundation
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Two `batond` sharing one PostgreSQL database: one leads, the other takes over when it dies.
@Suite(.postgres)
struct FailoverTests {
    static let lease = 3.0

    /// Node `name`'s config: the channel's URL names the node, so the receiver tells who delivered.
    static func config(_ scenario: Scenario, database: String, node: String) -> String {
        """
        daemon: { node_name: \(node) }
        storage:
          postgres: { url: "\(database)", lease: \(Int(lease))s }
        defaults: { interval: 1s, timeout: 2s, failure_threshold: 1, success_threshold: 1, escalation: ladder }
        teams:
          marketing-ops: { name: Marketing Operations, channels: [] }
        channels:
          hook: { type: webhook, url: "http://127.0.0.1:\(scenario.port)/_sim/notices/hook-\(node)", secret: "\(DeliveryTests.secret)", group_wait: 0s }
        escalation_policies:
          ladder:
            steps:
              - { after: 0s, notify: [channel:hook] }
              - { after: 4s, notify: [channel:hook] }
              - { after: 8s, notify: [channel:hook] }
            repeat_every: 3s
        integrations:
          - id: lead-sync
            name: Salesforce → Marketo lead sync
            owner: marketing-ops
            check: { url: "\(scenario.url("lead-sync"))" }
        """
    }

    static func cluster(_ daemon: DaemonHarness) async -> ClusterStatus? {
        try? await daemon.status().cluster
    }

    /// Every notice the receivers got, with the node that sent it and the step it announces.
    static func received(_ scenario: Scenario) -> [(node: String, key: String, body: String, step: Int?, type: String?, at: Double)] {
        scenario.simulator.notices().filter { $0.answeredStatus == 200 }.map { notice in
            let json = notice.json
            return (String(notice.channel.dropFirst("hook-".count)), notice.headers["webhook-id"] ?? "", notice.body,
                    json?["step"] as? Int, json?["type"] as? String, notice.receivedAt)
        }
    }

    /// SIGKILL the leader right after step 1: the standby takes over within the lease and sends
    /// steps 2 and 3 on time; each `webhook-id` goes out with one body only. The killed node comes
    /// back as a standby. SIGSTOP the new leader past its lease: the other takes over, and the
    /// stopped one, once continued, sends nothing more.
    @Test func aStandbyTakesOverAndAPausedLeaderIsFenced() async throws {
        let server = try #require(PostgresServer.current)
        let database = try await server.makeDatabase()
        try await Scenario.with(["lead-sync": DeliveryTests.failing]) { scenario in
            let a = try DaemonHarness(config: Self.config(scenario, database: database, node: "a"))
            let b = try DaemonHarness(config: Self.config(scenario, database: database, node: "b"))
            defer { a.kill(); b.kill() }
            try await a.start()
            #expect(await Run.until(timeout: .seconds(10)) { await Self.cluster(a)?.role == "leader" }, "\(a.log)")
            try await b.start()
            #expect(await Run.until(timeout: .seconds(10)) { await Self.cluster(b)?.leader == "a" }, "\(b.log)")
            #expect(await Self.cluster(b)?.role == "standby")

            // Step 1 from a; then a dies.
            #expect(await Run.until(timeout: .seconds(15)) { Self.received(scenario).contains { $0.step == 1 } }, "\(a.log)")
            a.kill()
            let killedAt = Date().timeIntervalSince1970

            let incident = try #require(try await DeliveryTests.incident(b))
            let opened = try #require(WireFormat.date(incident.openedAt))
            let arrived = await Run.until(timeout: .seconds(30)) { Self.received(scenario).contains { $0.step == 3 } }
            #expect(arrived, "\(b.log)")
            for step in [2, 3] {
                let due = opened.timeIntervalSince1970 + Double(step - 1) * 4
                let notice = try #require(Self.received(scenario).first { $0.step == step })
                #expect(notice.node == "b")
                // Due while a was dead or not: never later than the lease plus 2 s.
                #expect(notice.at <= max(due, killedAt) + Self.lease + 2, "step \(step) at \(notice.at - due) s after due")
            }
            #expect(await Self.cluster(b)?.role == "leader")

            // a comes back: a standby now.
            try await a.start()
            #expect(await Run.until(timeout: .seconds(10)) { await Self.cluster(a)?.leader == "b" })
            #expect(await Self.cluster(a)?.role == "standby")

            // b is paused past its lease; a takes over; b, continued, sends nothing more.
            let bPID = try #require(b.process?.pid)
            kill(bPID, SIGSTOP)
            let tookOver = await Run.until(timeout: .seconds(Self.lease * 2 + 5)) { await Self.cluster(a)?.role == "leader" }
            #expect(tookOver, "\(a.log)")
            kill(bPID, SIGCONT)
            let continued = Date().timeIntervalSince1970
            // a goes on repeating the last step; wait for two of its notices after b continued.
            let repeated = await Run.until(timeout: .seconds(20)) {
                Self.received(scenario).filter { $0.node == "a" && $0.at > continued }.count >= 2
            }
            #expect(repeated, "\(a.log)")
            let fromB = Self.received(scenario).filter { $0.node == "b" && $0.at > continued + 0.5 }
            #expect(fromB.isEmpty, "b sent after losing its lease: \(fromB.map(\.key)) \(b.log)")
            #expect(await Run.until(timeout: .seconds(10)) { await Self.cluster(b)?.role == "standby" }, "\(b.log)")

            // At least once, and never two bodies under one webhook-id.
            var bodies: [String: Set<String>] = [:]
            for notice in Self.received(scenario) { bodies[notice.key, default: []].insert(notice.body) }
            #expect(bodies.values.allSatisfy { $0.count == 1 }, "\(bodies.filter { $0.value.count > 1 }.keys)")
        }
    }

    /// A standby answers the CLI from the database, and an acknowledgement made through it takes
    /// effect on the leader within a second.
    @Test func aStandbyPassesAnAcknowledgementToTheLeader() async throws {
        let server = try #require(PostgresServer.current)
        let database = try await server.makeDatabase()
        try await Scenario.with(["lead-sync": DeliveryTests.failing]) { scenario in
            let a = try DaemonHarness(config: Self.config(scenario, database: database, node: "a"))
            let b = try DaemonHarness(config: Self.config(scenario, database: database, node: "b"))
            defer { a.kill(); b.kill() }
            try await a.start()
            #expect(await Run.until(timeout: .seconds(10)) { await Self.cluster(a)?.role == "leader" })
            try await b.start()
            let incident = try await Run.until(timeout: .seconds(15)) { try await DeliveryTests.incident(b) != nil }
            #expect(incident, "\(b.log)")
            // A standby's view is read from the database every 2 s.
            #expect(try await b.waitFor("lead-sync", toBe: "down", timeout: .seconds(5)))
            let table = try await b.baton(["status"])
            #expect(table.stdout.contains("leader: a"), "\(table.stdout)")

            let started = ContinuousClock.now
            let ack = try await b.baton(["ack", "1", "--note", "vendor ticket 1234"])
            #expect(ack.status == 0, "\(ack.stderr)")
            #expect(ContinuousClock.now - started < .seconds(3))
            let acknowledged = try await DeliveryTests.incident(a)
            #expect(acknowledged?.acknowledgedBy != nil)
            #expect(acknowledged?.note == "vendor ticket 1234")
        }
    }
}
