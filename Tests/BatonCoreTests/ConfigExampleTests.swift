import BatonCore
import Foundation
import Testing

@Suite("The example config")
struct ConfigExampleTests {
    /// config/baton.example.yaml is valid once the variables, files and credentials it
    /// references exist, and it exercises every section.
    @Test func exampleConfigIsValid() throws {
        let source = ConfigFixtures.repositoryRoot.appendingPathComponent("config/baton.example.yaml").path
        let scratch = try ConfigScratchFolder()
        // Copied beside a secrets/ folder, since `${file:secrets/…}` is relative to the config.
        let file = try scratch.write("baton.yaml", String(contentsOfFile: source, encoding: .utf8))
        try scratch.write("secrets/onetrust.key", "onetrust-api-key\n")
        try scratch.write("credentials/teams_url", "https://example.webhook.office.com/workflows/abc\n")
        var environment = [
            "SLACK_MOPS_URL": "https://hooks.slack.com/services/T0/B1/mops",
            "SLACK_EXEC_URL": "https://hooks.slack.com/services/T0/B2/exec",
            "DISCORD_URL": "https://discord.com/api/webhooks/1/abc",
            "MM_URL": "https://mattermost.example.com/hooks/xyz",
            "GCHAT_URL": "https://chat.googleapis.com/v1/spaces/AAA/messages?key=k&token=t",
            "AUDIT_SECRET": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "MARKETO_TOKEN": "marketo-token",
            "ONETRUST_ACCOUNT": "acme",
            "GA4_PING_TOKEN": "ga4-export-7f3a",
        ]
        environment["CREDENTIALS_DIRECTORY"] = scratch.path + "/credentials"

        let config = try ConfigLoader(environment: environment).load(files: [file])

        #expect(config.daemon.http == ListenAddress(host: "127.0.0.1", port: 9470))
        #expect(config.defaults.escalation == "standard")
        #expect(config.teams.count == 5 && config.channels.count == 7 && config.escalationPolicies.count == 2)
        #expect(Set(config.channels.map(\.type)) == Set(ChannelType.allCases))
        #expect(config.maintenance.count == 2 && config.digests.count == 2)
        #expect(config.integrations.map(\.id) == [
            "sfdc-marketo-leads", "sfdc-api", "consent-sync", "offline-conversions", "ga4-bigquery-export",
        ])
        let leads = try #require(config.integration("sfdc-marketo-leads")?.check)
        #expect(leads.headers.first?.value.redacted == "Bearer ***")
        #expect(leads.expect.json.count == 6)
        #expect(config.integration("sfdc-api")?.check?.timeout == .seconds(5))
        #expect(config.integration("consent-sync")?.check?.headers.first?.value.revealed == "onetrust-api-key")
        #expect(config.integration("ga4-bigquery-export")?.heartbeat?.grace == .seconds(7200))
        #expect(config.channel("mcio-teams")?.url.redacted == "***")
    }
}

@Suite("The demo config")
struct DemoConfigTests {
    /// config/demo.yaml, which scripts/demo.sh runs, is valid as shipped and uses every state's ingredients.
    @Test func demoConfigIsValid() throws {
        let path = ConfigFixtures.repositoryRoot.appendingPathComponent("config/demo.yaml").path
        let config = try ConfigLoader(environment: [:]).load(files: [path])
        #expect(config.integrations.count == 12)
        #expect(config.integration("segment-braze-onboarding")?.dependsOn == ["segment-api"])
        #expect(config.integration("ga4-bigquery-export")?.heartbeat != nil)
        #expect(config.integrations.allSatisfy { $0.check.map { $0.url.revealed.hasPrefix("http://127.0.0.1:") } ?? true })
    }
}
