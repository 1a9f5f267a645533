import BatonCore
import Foundation
import Testing

/// Warnings about a valid config: escalation steps that reach nobody.
struct ConfigWarningTests {
    /// A step to `accountable` for an integration without one, and a step to a team without channels,
    /// each give a warning naming the integration, the step and the gap; steps that reach someone do not.
    @Test func stepsThatReachNobody() {
        var config = IncidentWorld.config(integrations: [
            IncidentWorld.integration("segment-api", accountable: nil),
            IncidentWorld.integration("sfdc-api"),
        ])
        config.teams.append(Team(id: "silent", name: "Nobody listens", channels: []))
        config.escalationPolicies[0].steps.append(EscalationStep(after: .seconds(3 * 3600), notify: [.team("silent")]))
        let warnings = config.warnings()
        #expect(warnings.map(\.message) == [
            "`segment-api`: step 2 of policy `standard` (after 30m, accountable) reaches nobody: it has no `accountable` team",
            "`segment-api`: step 4 of policy `standard` (after 3h, team:silent) reaches nobody: team `silent` has no channels",
            "`sfdc-api`: step 4 of policy `standard` (after 3h, team:silent) reaches nobody: team `silent` has no channels",
        ])
    }

    /// The demo config is meant to show escalation: every step of it reaches someone.
    @Test func theDemoConfigHasNoWarnings() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let config = try ConfigLoader(environment: [:]).load(explicit: root.appendingPathComponent("config/demo.yaml").path)
        #expect(config.warnings().isEmpty)
    }

    /// Thousands of integrations sharing a gap give at most `limit` lines and a count of the rest.
    @Test func manyAreSummed() {
        let config = IncidentWorld.config(integrations: (0..<30).map { IncidentWorld.integration("sync-\($0)", accountable: nil) })
        let warnings = config.warnings(limit: 5)
        #expect(warnings.count == 6)
        #expect(warnings.last?.message == "and 25 more steps that reach nobody")
    }
}
