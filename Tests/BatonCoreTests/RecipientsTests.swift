import BatonCore
import Testing

/// Notify targets become channel ids: each once, in the order first reached, unknown ids skipped.
struct RecipientsTests {
    static let config = IncidentWorld.config()
    static let leads = IncidentWorld.leads

    /// Every kind of target, and mixes of them, against the SPEC's teams.
    @Test(arguments: [
        ([NotifyTarget.owner], ["mops-slack"]),
        ([.accountable], ["mcio-teams"]),
        ([.informed], ["exec-slack", "audit"]),
        ([.team("exec")], ["exec-slack", "audit"]),
        ([.channel("ops-discord")], ["ops-discord"]),
        ([.owner, .owner], ["mops-slack"]),
        ([.team("exec"), .channel("audit"), .owner], ["exec-slack", "audit", "mops-slack"]),
        ([.channel("audit"), .informed, .accountable], ["audit", "exec-slack", "mcio-teams"]),
        ([.team("marketing-ops"), .owner, .channel("mops-slack")], ["mops-slack"]),
        ([.team("ghost"), .channel("ghost-slack")], []),
        ([], []),
    ])
    func channels(targets: [NotifyTarget], expected: [String]) {
        #expect(Recipients.channels(for: targets, of: Self.leads, in: Self.config) == expected)
    }

    /// Missing roles and undeclared teams and channels reach nobody, and do not stop the others.
    @Test func missingRolesAreSkipped() {
        var loner = IncidentWorld.integration("loner", owner: "ghost", accountable: nil, informed: ["ghost", "exec", "marketing-ops"])
        #expect(Recipients.channels(for: [.owner, .accountable, .informed], of: loner, in: Self.config) == ["exec-slack", "audit", "mops-slack"])
        loner.owner = "exec"
        var config = Self.config
        config.teams[2].channels.append("not-declared")
        #expect(Recipients.channels(for: [.owner], of: loner, in: config) == ["exec-slack", "audit"])
    }
}
