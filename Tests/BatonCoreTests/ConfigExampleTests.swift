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
        for credential in ["sfdc_client_secret", "fivetran_secret", "cmp_ftp_password", "aws_secret_access_key"] {
            try scratch.write("credentials/\(credential)", "canary-\(credential)\n")
        }
        // Files the checks read while probing: only their paths are checked when loading.
        for file in ["tls/partner-ca.pem", "tls/baton.crt", "tls/baton.key", "keys/ga4-sa.json", "keys/sftp_ed25519", "keys/known_hosts"] {
            try scratch.write(file, "placeholder\n")
        }
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
            "SFDC_CLIENT_ID": "canary-sfdc-client-id",
            "SHOPIFY_TOKEN": "canary-shopify-token",
            "FIVETRAN_KEY": "canary-fivetran-key",
            "AWS_ACCESS_KEY_ID": "canary-aws-key",
        ]
        environment["CREDENTIALS_DIRECTORY"] = scratch.path + "/credentials"

        let config = try ConfigLoader(environment: environment).load(files: [file])

        #expect(config.daemon.http == ListenAddress(host: "127.0.0.1", port: 9470))
        #expect(config.defaults.escalation == "standard")
        #expect(config.teams.count == 5 && config.channels.count == 7 && config.escalationPolicies.count == 2)
        #expect(Set(config.channels.map(\.type)) == Set(ChannelType.allCases))
        #expect(config.maintenance.count == 2 && config.digests.count == 2)
        #expect(config.integrations.map(\.id) == [
            "sfdc-marketo-leads", "sfdc-api", "consent-sync", "offline-conversions", "sfdc-lead-query", "ga4-bigquery-freshness",
            "shopify-orders", "fivetran-sync", "partner-sftp-export", "consent-ftp-export", "audience-s3-export", "ga4-bigquery-export",
        ])
        let leads = try #require(config.integration("sfdc-marketo-leads")?.check)
        #expect(leads.headers.first?.value.redacted == "Bearer ***")
        #expect(leads.expect.json.count == 6)
        #expect(config.integration("sfdc-api")?.check?.timeout == .seconds(5))
        #expect(config.integration("consent-sync")?.check?.headers.first?.value.revealed == "onetrust-api-key")
        #expect(config.integration("ga4-bigquery-export")?.heartbeat?.grace == .seconds(7200))
        #expect(config.channel("mcio-teams")?.url.redacted == "***")

        // Every kind of auth, a JSON body, TLS files, and each file-drop scheme.
        let checks = config.integrations.compactMap(\.check)
        #expect(Set(checks.map(\.target)) == [.http, .sftp, .ftp, .s3])
        let kinds = checks.compactMap(\.auth).map { auth -> String in
            switch auth {
            case .oauth2(let credential): credential.grant.rawValue
            case .basic: "basic"
            case .awsSigV4: "aws_sigv4"
            case .ssh: "ssh"
            }
        }
        #expect(Set(kinds) == ["client_credentials", "jwt_bearer", "basic", "aws_sigv4", "ssh"])
        let sfdc = try #require(config.integration("sfdc-lead-query")?.check)
        #expect(sfdc.tls?.certFile == scratch.path + "/tls/baton.crt" && sfdc.expect.certificate?.errorBefore == .seconds(7 * 86_400))
        let ga4 = try #require(config.integration("ga4-bigquery-freshness")?.check)
        #expect(ga4.method == "POST")
        let sftp = try #require(config.integration("partner-sftp-export")?.check)
        #expect(sftp.expect.minSize == 1024 && sftp.freshness?.source == .fileTime)
        #expect(config.integration("consent-ftp-export")?.check?.tls?.required == true)
        let fivetran = String(describing: config.integration("fivetran-sync")?.check?.auth)
        #expect(fivetran.contains("***") && !fivetran.contains("canary"), "a printed credential shows only its redacted form")
    }
}

extension ConfigExampleTests {
    /// Every ranged key of ``ConfigLimits`` appears in config/baton.example.yaml with its range
    /// (`(1s–1d)`) on its line or in the comment just above, so the example teaches the bounds;
    /// the values it holds are inside them, since ``exampleConfigIsValid()`` loads it.
    @Test func exampleShowsEveryRange() throws {
        let path = ConfigFixtures.repositoryRoot.appendingPathComponent("config/baton.example.yaml").path
        let lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
        for limit in ConfigLimits.all {
            let range = limit.range == .percentage ? "above 0%, at most 100%" : "\(limit.least)–\(limit.most)"
            for key in limit.keys {
                let shown = lines.indices.contains { index in
                    guard lines[index].range(of: "\\b\(key)\\b", options: .regularExpression) != nil else { return false }
                    // This line and the comment lines right above it.
                    var start = index
                    while start > 0, lines[start - 1].trimmingCharacters(in: .whitespaces).hasPrefix("#") { start -= 1 }
                    return lines[start...index].contains { $0.contains(range) }
                }
                #expect(shown, "config/baton.example.yaml does not show `\(key)` with its range \(range)")
            }
        }
    }
}

@Suite("The demo config")
struct DemoConfigTests {
    /// config/demo.yaml, which scripts/demo.sh runs, is valid as shipped and uses every state's ingredients.
    @Test func demoConfigIsValid() throws {
        let path = ConfigFixtures.repositoryRoot.appendingPathComponent("config/demo.yaml").path
        let config = try ConfigLoader(environment: [:]).load(files: [path])
        #expect(config.integrations.count == 14)
        #expect(config.integration("segment-braze-onboarding")?.dependsOn == ["segment-api"])
        #expect(config.integration("ga4-bigquery-export")?.heartbeat != nil)
        // Every probe reaches only the simulator on loopback: an s3:// drop through its `endpoint:`.
        let loopback = "http://127.0.0.1:"
        #expect(config.integrations.allSatisfy { integration in
            guard let check = integration.check else { return true }
            return check.url.revealed.hasPrefix(loopback) || (check.endpoint?.hasPrefix(loopback) ?? false)
        })
        #expect(config.integration("sfmc-leads-export")?.check?.url.revealed.hasPrefix("s3://") == true)
    }
}
