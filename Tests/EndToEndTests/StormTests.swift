import BatonAPI
import BatonSim
import Foundation
import Testing

/// A wide outage: 300 integrations go down at once. Each channel gets a few grouped messages
/// listing every incident, not 300 messages at Slack's one a second.
struct StormTests {
    static let count = 300
    static let channels = [("slack", "slack"), ("teams", "teams"), ("mm", "mattermost")]

    static func config(_ scenario: Scenario) -> String {
        let channelLines = channels.map {
            "  \($0.0): { type: \($0.1), url: \"http://127.0.0.1:\(scenario.port)/_sim/notices/\($0.0)\", group_wait: 2s }"
        }.joined(separator: "\n")
        let targets = channels.map { "channel:\($0.0)" }.joined(separator: ", ")
        let integrations = (0..<count).map { index in
            "  - { id: sync-\(index), name: \"Lead sync \(index)\", owner: marketing-ops, check: { url: \"\(scenario.url("sync-\(index)"))\" } }"
        }.joined(separator: "\n")
        return """
        defaults: { interval: 1s, timeout: 2s, failure_threshold: 1, success_threshold: 1, escalation: storm }
        teams:
          marketing-ops: { name: Marketing Operations, channels: [] }
        channels:
        \(channelLines)
        escalation_policies:
          storm: { steps: [ { after: 0s, notify: [\(targets)] }, { after: 25s, notify: [\(targets)] } ] }
        integrations:
        \(integrations)
        """
    }

    /// Incident numbers a message names (`#42`).
    static func incidentNumbers(in body: String) -> Set<Int> {
        var numbers: Set<Int> = []
        var rest = body[...]
        while let hash = rest.firstIndex(of: "#") {
            let digits = rest[rest.index(after: hash)...].prefix { $0.isASCII && $0.isNumber }
            if let number = Int(digits) { numbers.insert(number) }
            rest = rest[rest.index(after: hash)...]
        }
        return numbers
    }

    /// Fewer than 10 messages per channel list all 300 incidents, and every incident still reaches
    /// its second step on time (25 s after it opened, give or take the grouping and Slack's pace).
    @Test func aStormIsGrouped() async throws {
        let endpoints = Dictionary(uniqueKeysWithValues: (0..<Self.count).map { ("sync-\($0)", EndpointBehaviour()) })
        try await Scenario.with(endpoints) { scenario in
            try await DaemonHarness.running(config: Self.config(scenario)) { daemon in
                let healthy = try await Run.until(timeout: .seconds(30)) { try await daemon.status().summary.healthy == Self.count }
                #expect(healthy, "\(daemon.log.suffix(2000))")
                for index in 0..<Self.count { scenario.simulator.set("sync-\(index)", DeliveryTests.failing) }

                for (channel, _) in Self.channels {
                    let listed = await Run.until(timeout: .seconds(40)) {
                        Set(scenario.simulator.notices(channel).flatMap { Self.incidentNumbers(in: $0.body) }).count >= Self.count
                    }
                    let messages = scenario.simulator.notices(channel)
                    #expect(listed, "\(channel): \(messages.count) messages")
                    #expect(messages.count < 10, "\(channel): \(messages.count) messages")
                }
                let escalated = try await Run.until(timeout: .seconds(60)) {
                    try await IncidentTests.incidents(daemon, all: false).filter { $0.step == 2 }.count == Self.count
                }
                #expect(escalated, "\(daemon.log.suffix(2000))")
                let incidents = try await IncidentTests.incidents(daemon, all: false)
                #expect(incidents.count == Self.count)
                // The escalation clock is the incident's, not the delivery's: step 2 fired 25 s after each opened.
                let late = incidents.filter { incident in
                    guard let opened = WireFormat.date(incident.openedAt),
                          let step2 = incident.timeline.first(where: { $0.step == 2 }).flatMap({ WireFormat.date($0.at) }) else { return true }
                    return abs(step2.timeIntervalSince(opened) - 25) > 2
                }
                #expect(late.isEmpty, "\(late.map(\.id))")
            }
        }
    }
}
