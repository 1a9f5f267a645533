import BatonAPI
import BatonSim
import Foundation
import Testing

/// Incidents with the real daemon, real time and short escalation steps (seconds), against a loopback endpoint.
struct IncidentTests {
    static func config(_ scenario: Scenario, steps: String = "[ { after: 0s, notify: [owner] }, { after: 2s, notify: [accountable] }, { after: 6s, notify: [team:exec] } ]") -> String {
        """
        defaults:
          interval: 1s
          timeout: 2s
          failure_threshold: 1
          success_threshold: 1
          escalation: fast
        teams:
          marketing-ops: { name: Marketing Operations, channels: [mops] }
          marketing-cio: { name: Marketing CIO office, channels: [mcio] }
          exec:          { name: CIO and CMO, channels: [exec] }
        channels:
          mops: { type: slack, url: "http://127.0.0.1:\(scenario.port)/_sim/notices/mops", group_wait: 0s }
          mcio: { type: teams, url: "http://127.0.0.1:\(scenario.port)/_sim/notices/mcio", group_wait: 0s }
          exec: { type: slack, url: "http://127.0.0.1:\(scenario.port)/_sim/notices/exec", group_wait: 0s }
        escalation_policies:
          fast: { steps: \(steps) }
        integrations:
          - id: lead-sync
            name: Salesforce → Marketo lead sync
            tools: [Salesforce, Marketo]
            owner: marketing-ops
            accountable: marketing-cio
            tags: [crm]
            check: { url: "\(scenario.url("lead-sync"))" }
        """
    }

    static func incidents(_ daemon: DaemonHarness, all: Bool = true) async throws -> [IncidentSummary] {
        let result = try await daemon.baton(all ? ["incidents", "--all", "--json"] : ["incidents", "--json"])
        return try WireFormat.decoder().decode(IncidentsResponse.self, from: Data(result.stdout.utf8)).incidents
    }

    /// A failing endpoint opens incident #1 and notifies the owner at once and the accountable team
    /// at step 2; `baton ack` records the calling Unix user and stops the climb (no step 3); when
    /// the endpoint recovers the incident resolves and everyone notified hears it.
    @Test func escalatesUntilAcknowledgedThenResolves() async throws {
        try await Scenario.with(["lead-sync": EndpointBehaviour()]) { scenario in
            try await DaemonHarness.running(config: Self.config(scenario)) { daemon in
                #expect(try await daemon.waitFor("lead-sync", toBe: "healthy"), "\(daemon.log)")
                var failing = EndpointBehaviour()
                failing.status = 503
                scenario.simulator.set("lead-sync", failing)

                let opened = try await Run.until(timeout: .seconds(10)) { try await Self.incidents(daemon, all: false).first?.step == 2 }
                #expect(opened, "\(daemon.log)")
                var incident = try #require(try await Self.incidents(daemon).first)
                #expect(incident.id == 1)
                #expect(incident.status == "open")
                #expect(incident.reason == "HTTP 503")
                #expect(incident.notifiedChannels == ["mops", "mcio"])
                #expect(incident.notices.map(\.channel) == ["mops", "mcio"])
                let status = try await daemon.status().integrations.first
                #expect(status?.incident?.id == 1)

                let ack = try await daemon.baton(["ack", "1", "--note", "vendor ticket 1234"])
                #expect(ack.status == 0, "\(ack.stderr)")
                let user = String(cString: getpwuid(getuid()).pointee.pw_name)
                #expect(ack.stdout.contains("acknowledged by \(user)"))
                incident = try #require(try await Self.incidents(daemon).first)
                #expect(incident.acknowledgedBy == user)
                #expect(incident.note == "vendor ticket 1234")
                #expect(try await daemon.baton(["ack", "1"]).status == 1)
                #expect(try await daemon.baton(["ack", "99"]).status == 1)

                // Step 3 was due 6 s after opening; wait past it and see that it never fired.
                let openedAt = try #require(WireFormat.date(incident.openedAt))
                _ = await Run.until(timeout: .seconds(10)) { Date() > openedAt.addingTimeInterval(7.5) }
                incident = try #require(try await Self.incidents(daemon).first)
                #expect(incident.step == 2)
                #expect(!incident.notifiedChannels.contains("exec"))

                scenario.simulator.set("lead-sync", EndpointBehaviour())
                let resolved = try await Run.until(timeout: .seconds(10)) { try await Self.incidents(daemon).first?.status == "resolved" }
                #expect(resolved)
                incident = try #require(try await Self.incidents(daemon).first)
                #expect(incident.notices.map(\.kind) == ["opened", "escalated", "acknowledged", "acknowledged", "resolved", "resolved"])
                #expect(Set(incident.notices.map(\.key)).count == incident.notices.count)
                #expect(incident.timeline.map(\.kind).contains("resolved"))
                #expect(try await daemon.baton(["ack", "1"]).status == 1)
                let shown = try await daemon.baton(["show", "lead-sync"])
                #expect(shown.stdout.contains("Incident #1"))
                #expect(shown.stdout.contains("acknowledged by \(user)"))
            }
        }
    }

    /// A silence on the integration's tag keeps a breach quiet: status says silenced and no incident opens.
    @Test func silenceKeepsABreachQuiet() async throws {
        try await Scenario.with(["lead-sync": EndpointBehaviour()]) { scenario in
            try await DaemonHarness.running(config: Self.config(scenario)) { daemon in
                let added = try await daemon.baton(["silence", "add", "--tag", "crm", "--for", "1h", "--reason", "vendor maintenance"])
                #expect(added.status == 0, "\(added.stderr)")
                #expect(added.stdout.contains("covers lead-sync"))
                var failing = EndpointBehaviour()
                failing.status = 500
                scenario.simulator.set("lead-sync", failing)
                #expect(try await daemon.waitFor("lead-sync", toBe: "down"))
                let line = try await daemon.status().integrations.first
                #expect(line?.silenced == true)
                #expect(line?.incident == nil)
                #expect(try await Self.incidents(daemon).isEmpty)

                let list = try await daemon.baton(["silence", "list", "--json"])
                let silences = try WireFormat.decoder().decode(SilencesResponse.self, from: Data(list.stdout.utf8)).silences
                #expect(silences.map(\.reason) == ["vendor maintenance"])
                #expect(silences.first?.matches == ["lead-sync"])
                // Ending the silence while still down opens the incident.
                #expect(try await daemon.baton(["silence", "rm", "1"]).status == 0)
                let opened = try await Run.until(timeout: .seconds(5)) { try await Self.incidents(daemon, all: false).count == 1 }
                #expect(opened)
                #expect(try await daemon.baton(["silence", "rm", "1"]).status == 1)
                #expect(try await daemon.baton(["silence", "add", "--tag", "crm", "--owner", "x", "--for", "1h", "--reason", "r"]).status == 64)
            }
        }
    }

    /// Killed with SIGKILL while an incident waits for its next steps, and restarted after both came due,
    /// the daemon fires steps 2 and 3 once each, in order, and never repeats step 1.
    @Test func killedDaemonNeitherSkipsNorRepeatsSteps() async throws {
        var failing = EndpointBehaviour()
        failing.status = 503
        try await Scenario.with(["lead-sync": failing]) { scenario in
            let daemon = try DaemonHarness(config: Self.config(
                scenario, steps: "[ { after: 0s, notify: [owner] }, { after: 3s, notify: [accountable] }, { after: 4s, notify: [team:exec] } ]"
            ))
            try await daemon.start()
            let opened = try await Run.until(timeout: .seconds(10)) { try await Self.incidents(daemon, all: false).first?.step == 1 }
            #expect(opened, "\(daemon.log)")
            let openedAt = try #require(try await Self.incidents(daemon).first.flatMap { WireFormat.date($0.openedAt) })
            daemon.kill()
            _ = await Run.until(timeout: .seconds(10)) { Date() > openedAt.addingTimeInterval(5) }
            try await daemon.start()
            let climbed = try await Run.until(timeout: .seconds(10)) { try await Self.incidents(daemon, all: false).first?.step == 3 }
            await daemon.stop()
            #expect(climbed, "\(daemon.log)")
            let incidents = try await Self.incidentsOffline(daemon)
            let incident = try #require(incidents.first)
            #expect(incidents.count == 1)
            #expect(incident.timeline.filter { $0.kind == "escalated" }.map(\.step) == [1, 2, 3])
            #expect(incident.notices.map(\.channel) == ["mops", "mcio", "exec"])
        }
    }

    /// Reads incidents by starting the daemon briefly: the answer comes from the database.
    static func incidentsOffline(_ daemon: DaemonHarness) async throws -> [IncidentSummary] {
        try await daemon.start()
        let incidents = try await Self.incidents(daemon)
        await daemon.stop()
        return incidents
    }
}
