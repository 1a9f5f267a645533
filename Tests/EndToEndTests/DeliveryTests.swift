import BatonAPI
import BatonSim
import Foundation
import TestSupport
import Testing

/// Notices delivered by the real daemon to the simulator's webhook receivers, through failures and restarts.
struct DeliveryTests {
    static let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

    /// One integration, one policy step notifying `channels`; `failing` decides whether it starts broken.
    static func config(_ scenario: Scenario, channels: [(id: String, type: String)]) -> String {
        let channelLines = channels.map { channel in
            let secret = channel.type == "webhook" ? ", secret: \"\(Self.secret)\"" : ""
            return "  \(channel.id): { type: \(channel.type), url: \"http://127.0.0.1:\(scenario.port)/_sim/notices/\(channel.id)\"\(secret), group_wait: 0s }"
        }.joined(separator: "\n")
        let targets = channels.map { "channel:\($0.id)" }.joined(separator: ", ")
        return """
        defaults: { interval: 1s, timeout: 2s, failure_threshold: 1, success_threshold: 1, escalation: all }
        teams:
          marketing-ops: { name: Marketing Operations, channels: [] }
        channels:
        \(channelLines)
        escalation_policies:
          all: { steps: [ { after: 0s, notify: [\(targets)] } ] }
        integrations:
          - id: lead-sync
            name: Salesforce → Marketo lead sync
            tools: [Salesforce, Marketo]
            owner: marketing-ops
            check: { url: "\(scenario.url("lead-sync"))" }
        """
    }

    static var failing: EndpointBehaviour {
        var behaviour = EndpointBehaviour()
        behaviour.status = 503
        return behaviour
    }

    static func incident(_ daemon: DaemonHarness) async throws -> IncidentSummary? {
        let result = try await daemon.baton(["incidents", "--all", "--json"])
        return try WireFormat.decoder().decode(IncidentsResponse.self, from: Data(result.stdout.utf8)).incidents.first
    }

    /// Every channel type gets the incident's notice, with its idempotency key as `webhook-id`; the
    /// generic webhook's signature verifies with Python's hmac; the notices are marked delivered.
    @Test func everyTypeIsDeliveredAndSigned() async throws {
        let channels = [("slack", "slack"), ("teams", "teams"), ("discord", "discord"), ("mattermost", "mattermost"), ("gchat", "googlechat"), ("hook", "webhook")]
        try await Scenario.with(["lead-sync": Self.failing]) { scenario in
            try await DaemonHarness.running(config: Self.config(scenario, channels: channels)) { daemon in
                let arrived = await Run.until(timeout: .seconds(15)) { scenario.simulator.notices().count >= channels.count }
                #expect(arrived, "\(daemon.log)")
                let delivered = try await Run.until(timeout: .seconds(10)) {
                    try await Self.incident(daemon)?.notices.allSatisfy { $0.status == "delivered" } == true
                }
                #expect(delivered)
                let incident = try #require(try await Self.incident(daemon))
                for (channel, _) in channels {
                    let received = scenario.simulator.notices(channel)
                    #expect(received.count == 1, "\(channel)")
                    let key = incident.notices.first { $0.channel == channel }?.key
                    #expect(received.first?.headers["webhook-id"] == key, "\(channel)")
                    #expect(received.first?.json != nil, "\(channel): \(received.first?.body ?? "")")
                }
                let hook = try #require(scenario.simulator.notices("hook").first)
                #expect(try Self.pythonVerifies(hook))
                #expect(!hook.body.contains(Self.secret))
            }
        }
    }

    /// A receiver that fails twice with 500, then answers 429 with `Retry-After: 2`, gets the notice
    /// on the fourth attempt, with at least 2 s between the third and fourth.
    @Test func retriesThroughFailuresAndHonoursRetryAfter() async throws {
        try await Scenario.with(["lead-sync": Self.failing]) { scenario in
            scenario.simulator.setReceiver("hook", ReceiverBehaviour(failures: 2, failureStatus: 500))
            try await DaemonHarness.running(config: Self.config(scenario, channels: [("hook", "webhook")])) { daemon in
                _ = await Run.until(timeout: .seconds(15)) { scenario.simulator.notices("hook").count >= 2 }
                scenario.simulator.setReceiver("hook", ReceiverBehaviour(failures: 1, failureStatus: 429, retryAfter: "2"))
                let arrived = await Run.until(timeout: .seconds(30)) { scenario.simulator.notices("hook").filter { $0.answeredStatus == 200 }.count == 1 }
                #expect(arrived, "\(daemon.log)")
                let attempts = scenario.simulator.notices("hook")
                #expect(attempts.map(\.answeredStatus) == [500, 500, 429, 200])
                #expect(Set(attempts.compactMap { $0.headers["webhook-id"] }).count == 1)
                #expect(attempts[3].receivedAt - attempts[2].receivedAt >= 1.9)
                let delivered = try await Run.until(timeout: .seconds(5)) { try await Self.incident(daemon)?.notices.first?.status == "delivered" }
                #expect(delivered)
            }
        }
    }

    /// A 400 is a dead letter, kept with the receiver's answer and counted in `baton status`;
    /// a 410 disables the channel and says so.
    @Test func refusalsAreDeadLettersAndGoneDisables() async throws {
        try await Scenario.with(["lead-sync": Self.failing]) { scenario in
            scenario.simulator.setReceiver("bad", ReceiverBehaviour(failures: 1, failureStatus: 400))
            scenario.simulator.setReceiver("gone", ReceiverBehaviour(failures: 5, failureStatus: 410))
            try await DaemonHarness.running(config: Self.config(scenario, channels: [("bad", "webhook"), ("gone", "webhook")])) { daemon in
                let settled = try await Run.until(timeout: .seconds(15)) {
                    try await Self.incident(daemon)?.notices.allSatisfy { $0.status == "dead" } == true
                }
                #expect(settled, "\(daemon.log)")
                let incident = try #require(try await Self.incident(daemon))
                #expect(incident.notices.first { $0.channel == "bad" }?.lastError == "HTTP 400: simulated failure")
                let status = try await daemon.status()
                #expect(status.delivery?.dead == 2)
                #expect(status.delivery?.disabledChannels == ["gone"])
                let table = try await daemon.baton(["status"])
                #expect(table.stdout.contains("channel gone is disabled"))
                #expect(table.stdout.contains("2 notices could not be delivered"))
                #expect(daemon.log.contains("channel gone is DISABLED"))
                #expect(scenario.simulator.notices("bad").count == 1)
            }
        }
    }

    /// Killed while a notice is in flight (the receiver hangs), the daemon delivers it after the
    /// restart, with the same `webhook-id`: at least once, and recognisably the same.
    @Test func aKilledDaemonDeliversAgainWithTheSameID() async throws {
        try await Scenario.with(["lead-sync": Self.failing]) { scenario in
            scenario.simulator.setReceiver("hook", ReceiverBehaviour(hang: true))
            let daemon = try DaemonHarness(config: Self.config(scenario, channels: [("hook", "webhook")]))
            try await daemon.start()
            _ = await Run.until(timeout: .seconds(15)) { !scenario.simulator.notices("hook").isEmpty }
            daemon.kill()
            scenario.simulator.setReceiver("hook", ReceiverBehaviour())
            try await daemon.start()
            let arrived = await Run.until(timeout: .seconds(15)) { scenario.simulator.notices("hook").count >= 2 }
            await daemon.stop()
            #expect(arrived, "\(daemon.log)")
            let ids = scenario.simulator.notices("hook").compactMap { $0.headers["webhook-id"] }
            #expect(ids.count == 2)
            #expect(Set(ids).count == 1)
        }
    }

    /// Notices of one incident reach a channel in order even when the first one needs retries:
    /// opened, then acknowledged, then resolved.
    @Test func orderIsKeptPerIncidentUnderRetries() async throws {
        try await Scenario.with(["lead-sync": Self.failing]) { scenario in
            scenario.simulator.setReceiver("hook", ReceiverBehaviour(failures: 2, failureStatus: 503))
            try await DaemonHarness.running(config: Self.config(scenario, channels: [("hook", "webhook")])) { daemon in
                _ = await Run.until(timeout: .seconds(15)) { !scenario.simulator.notices("hook").isEmpty }
                let ack = try await daemon.baton(["ack", "1", "--note", "on it"])
                #expect(ack.status == 0, "\(ack.stderr)")
                scenario.simulator.set("lead-sync", EndpointBehaviour())
                let done = await Run.until(timeout: .seconds(30)) {
                    scenario.simulator.notices("hook").filter { $0.answeredStatus == 200 }.count == 3
                }
                #expect(done, "\(daemon.log)")
                let types = scenario.simulator.notices("hook").filter { $0.answeredStatus == 200 }.compactMap { $0.json?["type"] as? String }
                #expect(types == ["incident.opened", "incident.acknowledged", "incident.resolved"])
            }
        }
    }

    /// `baton notify test CHANNEL` sends now and reports the receiver's answer; exit 1 when refused.
    @Test func notifyTestReportsTheAnswer() async throws {
        try await Scenario.with(["lead-sync": EndpointBehaviour()]) { scenario in
            scenario.simulator.setReceiver("bad", ReceiverBehaviour(status: 403))
            try await DaemonHarness.running(config: Self.config(scenario, channels: [("slack", "slack"), ("bad", "webhook")])) { daemon in
                let good = try await daemon.baton(["notify", "test", "slack"])
                #expect(good.status == 0, "\(good.stderr)")
                #expect(good.stdout.contains("delivered"))
                #expect(scenario.simulator.notices("slack").count == 1)
                let bad = try await daemon.baton(["notify", "test", "bad"])
                #expect(bad.status == 1)
                #expect(bad.stdout.contains("HTTP 403"))
                #expect(try await daemon.baton(["notify", "test", "nope"]).status == 1)
            }
        }
    }

    /// Checks a Standard Webhooks signature with Python's hmac, independently of Baton's code.
    static func pythonVerifies(_ notice: ReceivedNotice) throws -> Bool {
        let script = """
        import base64, hashlib, hmac, sys
        secret, msg_id, ts, sig, body = sys.argv[1:6]
        key = base64.b64decode(secret.split("_", 1)[1])
        mac = base64.b64encode(hmac.new(key, f"{msg_id}.{ts}.{body}".encode(), hashlib.sha256).digest()).decode()
        sys.exit(0 if any(s == "v1," + mac for s in sig.split()) else 1)
        """
        let verified = try SpawnCommand("/usr/bin/env", [
            "python3", "-c", script, Self.secret, notice.headers["webhook-id"] ?? "", notice.headers["webhook-timestamp"] ?? "",
            notice.headers["webhook-signature"] ?? "", notice.body,
        ]).run()
        return verified == .exited(0)
    }
}
