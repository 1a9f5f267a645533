import BatonCore
import Foundation
import Testing

@Suite("Config references to environment, files and credentials")
struct ConfigInterpolationTests {
    static let template = """
        teams:
          crm: { name: "${env:TEAM_NAME}", channels: [slack, audit] }
        channels:
          slack: { type: slack, url: "https://hooks.slack.example/${env:SLACK_PATH}" }
          audit: { type: webhook, url: "${cred:audit_url}", secret: "${file:secrets/audit.key}" }
        integrations:
          - id: leads
            name: Lead sync
            owner: crm
            check:
              url: https://api.example.com/status
              headers: { Authorization: "Bearer ${env:TOKEN}", X-Price: "$5 and $${literal}" }
          - id: export
            name: Export
            owner: crm
            heartbeat: { token: "${file:/TOKEN_FILE}", period: 1d }
        """

    /// Values go into `revealed`, `***` into `redacted` for each reference; a relative
    /// `${file:}` is read beside the config, a credential from $CREDENTIALS_DIRECTORY, and
    /// exactly one trailing newline is dropped from files.
    @Test func resolvesEveryKindOfReference() throws {
        let scratch = try ConfigScratchFolder()
        try scratch.write("secrets/audit.key", "whsec_abc\n\n")
        try scratch.write("creds/audit_url", "https://hooks.internal.example/baton\r\n")
        let tokenFile = try scratch.write("token.txt", "ga4-token\n")
        let yaml = Self.template.replacingOccurrences(of: "/TOKEN_FILE", with: tokenFile)
        let config = try ConfigLoader(environment: [
            "TEAM_NAME": "CRM team", "SLACK_PATH": "T0/B0/xyz", "TOKEN": "s3cr3t", "CREDENTIALS_DIRECTORY": scratch.path + "/creds",
        ]).load(yaml: yaml, file: scratch.path + "/baton.yaml")

        #expect(config.team("crm")?.name == "CRM team")
        #expect(config.channel("slack")?.url == SecretText(revealed: "https://hooks.slack.example/T0/B0/xyz", redacted: "https://hooks.slack.example/***"))
        #expect(config.channel("audit")?.url == SecretText(revealed: "https://hooks.internal.example/baton", redacted: "***"))
        #expect(config.channel("audit")?.secret == SecretText(revealed: "whsec_abc\n", redacted: "***"))
        let headers = try #require(config.integration("leads")?.check?.headers)
        #expect(headers[0].value == SecretText(revealed: "Bearer s3cr3t", redacted: "Bearer ***"))
        #expect(headers[0].value.description == "Bearer ***")
        #expect(headers[1].value == SecretText(literal: "$5 and ${literal}"))
        #expect(config.integration("export")?.heartbeat?.token == SecretText(revealed: "ga4-token", redacted: "***"))
    }

    /// Each reference that cannot be resolved is an error at the value that holds it.
    @Test(arguments: [
        ("url: \"${env:HOOK}\"", [:], "2:29: url: environment variable HOOK is not set (referenced as `${env:HOOK}`)"),
        ("url: \"${file:nope.txt}\"", [:], "2:29: url: cannot read "),
        ("url: \"${cred:hook}\"", [:], "2:29: url: `${cred:hook}` needs $CREDENTIALS_DIRECTORY, which is not set"),
        ("url: \"${cred:hook}\"", ["CREDENTIALS_DIRECTORY": "/nonexistent-creds"], "2:29: url: cannot read /nonexistent-creds/hook for `${cred:hook}`: no such file"),
        ("url: \"${cred:../hook}\"", ["CREDENTIALS_DIRECTORY": "/c"], "2:29: url: `${cred:../hook}`: a credential name cannot contain `/`"),
        ("url: \"${HOOK}\"", [:], "2:29: url: `${HOOK}` names no source: write `${env:NAME}`, `${file:PATH}` or `${cred:NAME}`; did you mean `${env:HOOK}`?"),
        ("url: \"${evn:HOOK}\"", [:], "2:29: url: `${evn:HOOK}` has an unknown source `evn`: expected env, file or cred; did you mean `env`?"),
        ("url: \"${env:}\"", [:], "2:29: url: `${env:}` names nothing after `env:`"),
    ] as [(String, [String: String], String)])
    func missingReferencesAreErrors(value: String, environment: [String: String], expected: String) throws {
        let yaml = "channels:\n  hook: { type: slack, \(value) }\n"
        let errors = try #require(throws: ConfigErrors.self) {
            try ConfigLoader(environment: environment).load(yaml: yaml, file: "baton.yaml")
        }
        #expect(errors.errors.count == 1)
        #expect(errors.description.hasPrefix("baton.yaml:" + expected), "got: \(errors)")
    }

    /// Errors about values taken from secrets show the reference as written, never the value.
    @Test func errorsNeverContainSecretValues() throws {
        let secret = "Zq7-SECRET-VALUE"
        let yaml = """
            teams:
              crm: { name: CRM, channels: [hook] }
            channels:
              hook: { type: slack, url: "${env:BAD_URL}" }
            integrations:
              - id: a
                name: A
                owner: crm
                check:
                  url: "${env:BAD_URL}"
                  headers: { Authorization: "${env:MULTILINE}" }
                  timeout: "${env:BAD_URL}"
              - { id: b, name: B, owner: crm, heartbeat: { token: "${env:BAD_TOKEN}", period: 1h } }
              - { id: c, name: C, owner: crm, heartbeat: { token: "${env:TOKEN}", period: 1h } }
              - { id: d, name: D, owner: crm, heartbeat: { token: "${env:TOKEN}", period: 1h } }
            """
        let errors = try #require(throws: ConfigErrors.self) {
            try ConfigLoader(environment: [
                "BAD_URL": "gopher://\(secret)", "MULTILINE": "\(secret)\nX-Injected: 1", "BAD_TOKEN": "\(secret)/x", "TOKEN": secret,
            ]).load(yaml: yaml, file: "baton.yaml")
        }
        #expect(errors.errors.map(\.description) == [
            "baton.yaml:4:29: url: expected an http:// or https:// URL, found \"${env:BAD_URL}\"",
            "baton.yaml:10:12: url: expected an http://, https://, sftp://, ftp://, ftps:// or s3:// URL, found \"${env:BAD_URL}\"",
            "baton.yaml:11:33: headers: the value of `Authorization` contains a line break",
            "baton.yaml:12:16: timeout: expected a duration like 30s, 5m or 2h, found \"${env:BAD_URL}\"",
            "baton.yaml:13:55: token: expected letters, digits, `-`, `_`, `.` or `~` (it is part of the /ping/<token> URL)",
            "baton.yaml:15:55: token: the same heartbeat token is already used by integration `c` at baton.yaml:14:55",
        ])
        #expect(!errors.description.contains(secret))
    }

    /// Keys that are not secrets by themselves (ids, names, node names) may still be given through a
    /// reference; an error quotes the reference, not the value it resolved to.
    @Test func errorsQuoteReferencesOfPlainKeysAsWritten() throws {
        let value = "Not A Valid Id 7f3a9c"
        let yaml = """
            daemon: { node_name: "${env:NODE}" }
            teams:
              crm: { name: CRM, channels: [] }
            integrations:
              - { id: "${env:NODE}", name: A, owner: crm, heartbeat: { token: abcdef, period: 1h } }
            """
        let errors = try #require(throws: ConfigErrors.self) {
            try ConfigLoader(environment: ["NODE": value]).load(yaml: yaml, file: "baton.yaml")
        }
        #expect(errors.errors.count == 2, "\(errors)")
        #expect(errors.errors.allSatisfy { $0.description.contains("${env:NODE}") }, "\(errors)")
        #expect(!errors.description.contains(value))
    }
}
