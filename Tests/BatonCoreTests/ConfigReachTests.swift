import Foundation
import Testing
@testable import BatonCore

@Suite("Config keys of checks that reach the real tools")
struct ConfigReachTests {
    /// Canary values: none may appear in a redacted form or an error.
    static let environment = [
        "SFDC_CLIENT_ID": "canary-client-id",
        "SFDC_CLIENT_SECRET": "canary-client-secret",
        "TEAM": "canary-team",
        "SHOPIFY_TOKEN": "canary-shopify",
        "FIVETRAN_KEY": "canary-fivetran-key",
        "FIVETRAN_SECRET": "canary-fivetran-secret",
        "SSH_PASSPHRASE": "canary-passphrase",
        "FTP_PASSWORD": "canary-ftp-password",
        "AWS_KEY": "canary-aws-key",
        "AWS_SECRET": "canary-aws-secret",
    ]

    private func load() throws -> Config {
        try ConfigFixtures.load("good/reach.yaml", environment: Self.environment).get()
    }

    private func check(_ id: String) throws -> HTTPCheck {
        try #require(try load().integration(id)?.check)
    }

    private func fixture(_ relative: String) throws -> String {
        try ConfigFixtures.path("good/\(relative)")
    }

    /// OAuth2 client credentials read every key; TLS files resolve against the config's folder; certificate limits read as durations.
    @Test func clientCredentialsWithMutualTLS() throws {
        let check = try check("sfdc-leads")
        #expect(check.auth == .oauth2(OAuth2Credential(
            grant: .clientCredentials,
            tokenURL: SecretText(literal: "https://acme.my.salesforce.com/services/oauth2/token"),
            clientID: SecretText(revealed: "canary-client-id", redacted: "***"),
            clientSecret: SecretText(revealed: "canary-client-secret", redacted: "***"),
            clientAuth: .post,
            scopes: ["api", "refresh_token"],
            audience: "https://api.example"
        )))
        #expect(check.tls == CheckTLS(caFile: try fixture("tls/ca.pem"), certFile: try fixture("tls/baton.crt"), keyFile: try fixture("tls/baton.key")))
        #expect(check.expect.certificate == CertificateExpectation(warnBefore: .seconds(21 * 86_400), errorBefore: .seconds(7 * 86_400)))
        #expect(check.method == "GET" && check.body == nil && check.target == .http)
    }

    /// A JWT bearer grant needs no token URL or client keys; a single scope may be written without a list.
    @Test func jwtBearer() throws {
        let check = try check("ga4-export")
        #expect(check.auth == .oauth2(OAuth2Credential(
            grant: .jwtBearer, tokenURL: SecretText(literal: ""), scopes: ["https://www.googleapis.com/auth/bigquery.readonly"],
            keyFile: try fixture("keys/ga4-sa.json")
        )))
    }

    /// A mapping body is compact JSON in the order written, with core-schema values, numbers
    /// kept as written when JSON allows, escapes, and a redacted form where secrets show `***`.
    @Test func mappingBodyIsJSON() throws {
        let check = try check("ga4-export")
        #expect(check.method == "POST")
        guard case .json(let body)? = check.body else {
            Issue.record("expected a JSON body, got \(String(describing: check.body))")
            return
        }
        let expected = #"{"query":"SELECT MAX(event_timestamp) AS last FROM `acme.analytics.events_*`","useLegacySql":false,"timeoutMs":10000,"#
            + #""labels":{"team":"TEAM","quote\"d":"line\nbreak"},"values":[12345678901234567890,31,1.5e3,5,"7",null,true,"ok",null]}"#
        #expect(body.revealed == expected.replacingOccurrences(of: "TEAM", with: "canary-team"))
        #expect(body.redacted == expected.replacingOccurrences(of: "TEAM", with: "***"))
        let parsed = try JSONParser.parse(Array(body.revealed.utf8))
        #expect(JSONPointer.label(of: "/labels/team", in: parsed) == "canary-team")
    }

    /// A GraphQL body with no method sends POST; a text body keeps the method written (lowercase is read as such).
    @Test func bodiesAndMethods() throws {
        let shopify = try check("shopify-graphql")
        #expect(shopify.method == "POST")
        #expect(shopify.body == .json(SecretText(literal: #"{"query":"{ shop { name } }"}"#)))
        #expect(shopify.expect.certificate == CertificateExpectation(warnBefore: .seconds(14 * 86_400)))

        let fivetran = try check("fivetran-sync")
        #expect(fivetran.method == "PATCH")
        #expect(fivetran.body == .text(SecretText(revealed: "force=true&token=canary-fivetran-secret", redacted: "force=true&token=***")))
        #expect(fivetran.auth == .basic(
            username: SecretText(revealed: "canary-fivetran-key", redacted: "***"),
            password: SecretText(revealed: "canary-fivetran-secret", redacted: "***")
        ))
        #expect(fivetran.expect.minSize == 1024)
        #expect(fivetran.freshness == FreshnessRule(source: .fileTime, errorAfter: .seconds(86_400)))

        let signed = try check("signed-api")
        #expect(signed.method == "POST" && signed.body == .json(SecretText(literal: "[1,2]")))
        #expect(signed.auth == .awsSigV4(AWSSigV4Credential(
            region: "eu-west-1", service: "execute-api",
            accessKeyID: SecretText(revealed: "canary-aws-key", redacted: "***"),
            secretAccessKey: SecretText(revealed: "canary-aws-secret", redacted: "***")
        )))
    }

    /// An SFTP glob with every SSH key; min_size and file_time freshness.
    @Test func sftpFileDrop() throws {
        let check = try check("sftp-export")
        #expect(check.target == .sftp)
        #expect(check.auth == .ssh(SSHCredential(
            username: SecretText(literal: "baton"), keyFile: try fixture("keys/sftp_ed25519"),
            publicKeyFile: try fixture("keys/sftp_ed25519.pub"),
            passphrase: SecretText(revealed: "canary-passphrase", redacted: "***"),
            knownHosts: try fixture("keys/known_hosts")
        )))
        #expect(check.interval == .seconds(300))
        #expect(check.expect.minSize == 1024 && check.expect.maxLatency == .seconds(5))
        #expect(check.freshness == FreshnessRule(source: .fileTime, warnAfter: .seconds(86_400), errorAfter: .seconds(90_000)))
        let name = try #require(FileDropName(url: check.url.revealed))
        #expect(name.pattern == "leads_*.csv" && name.isGlob)
    }

    /// FTP with `tls.required`, anonymous FTPS with a bracket glob, S3 on AWS and on an S3-compatible endpoint.
    @Test func ftpAndS3FileDrops() throws {
        let ftp = try check("ftp-export")
        let ca = try fixture("tls/ca.pem")
        #expect(ftp.target == .ftp && ftp.tls == CheckTLS(caFile: ca, required: true))
        #expect(ftp.expect.minSize == 10_000_000)
        let ftps = try check("ftps-export")
        #expect(ftps.target == .ftp && ftps.auth == nil && ftps.tls == nil)
        let s3 = try check("s3-export")
        #expect(s3.target == .s3 && s3.endpoint == nil)
        #expect(s3.expect.minSize == 6 << 30, "a file's minimum size is not bounded like max_body")
        #expect(s3.expect.certificate == CertificateExpectation(errorBefore: .seconds(3 * 86_400)))
        let minio = try check("minio-export")
        #expect(minio.endpoint == "http://127.0.0.1:9000")
        #expect(minio.auth == .awsSigV4(AWSSigV4Credential(
            region: "us-east-1", accessKeyID: SecretText(literal: "minio"),
            secretAccessKey: SecretText(revealed: "canary-aws-secret", redacted: "***")
        )))
    }

    /// No canary value shows in any redacted form of any check.
    @Test func redactedFormsHoldNoSecret() throws {
        let config = try load()
        var shown: [String] = []
        for check in config.integrations.compactMap(\.check) {
            shown.append(check.url.redacted)
            shown += check.headers.map(\.value.redacted)
            switch check.body {
            case .text(let text)?, .json(let text)?: shown.append(text.redacted)
            case nil: break
            }
            switch check.auth {
            case .oauth2(let credential)?:
                shown += [credential.tokenURL.redacted, credential.clientID?.redacted ?? "", credential.clientSecret?.redacted ?? ""]
                shown.append(credential.cacheKey.label)
            case .basic(let username, let password)?:
                shown += [username.redacted, password.redacted]
            case .awsSigV4(let credential)?:
                shown += [credential.accessKeyID.redacted, credential.secretAccessKey.redacted]
            case .ssh(let credential)?:
                shown += [credential.username.redacted, credential.passphrase?.redacted ?? ""]
            case nil:
                break
            }
            shown.append(String(describing: check))
            shown.append(String(reflecting: check))
        }
        for canary in Self.environment.values {
            #expect(!shown.contains { $0.contains(canary) }, "\(canary) is shown")
        }
    }

    /// Errors about secret-bearing keys show them as written, never as resolved.
    @Test func errorsNeverShowSecrets() throws {
        let yaml = """
            teams: { ops: { name: Ops } }
            integrations:
              - id: a
                name: A
                owner: ops
                check:
                  url: "${env:URL}"
                  auth: { oauth2: { token_url: "${env:TOKEN_URL}", client_id: id, client_secret: "${env:SECRET}" } }
                  endpoint: "${env:ENDPOINT}"
              - id: b
                name: B
                owner: ops
                check:
                  url: "sftp://h.example.com/a.csv"
                  auth: { ssh: { username: "${env:SECRET}", key_file: "${env:KEY_DIR}/missing" } }
            """
        let secret = "canary-9f2c"
        let errors = try #require(throws: ConfigErrors.self) {
            try ConfigLoader(environment: [
                "URL": "gopher://\(secret)", "TOKEN_URL": "\(secret)", "SECRET": secret, "ENDPOINT": secret, "KEY_DIR": "/\(secret)",
            ]).load(yaml: yaml, file: "baton.yaml")
        }
        #expect(errors.errors.map(\.description) == [
            "baton.yaml:7:12: url: expected an http://, https://, sftp://, ftp://, ftps:// or s3:// URL, found \"${env:URL}\"",
            "baton.yaml:8:36: token_url: expected an http:// or https:// URL, found \"${env:TOKEN_URL}\"",
            "baton.yaml:9:17: endpoint: expected an http:// or https:// URL, found \"${env:ENDPOINT}\"",
            "baton.yaml:15:59: key_file: ${env:KEY_DIR}/missing does not exist",
        ])
        #expect(!errors.description.contains(secret))
    }

    /// A body nested deeper than 64 levels is refused at its place instead of recursing on.
    @Test func deepBodyIsRefused() throws {
        let deep = String(repeating: "[", count: 70) + String(repeating: "]", count: 70)
        let yaml = """
            teams: { ops: { name: Ops } }
            integrations:
              - { id: a, name: A, owner: ops, check: { url: "https://a.example.com", body: \(deep) } }
            """
        let errors = try #require(throws: ConfigErrors.self) {
            try ConfigLoader(environment: [:]).load(yaml: yaml, file: "baton.yaml")
        }
        #expect(errors.errors.map(\.description) == ["baton.yaml:3:144: body: nested deeper than 64 levels"])
    }

    /// A relative key path is relative to the config file that names it; an absolute one is kept.
    @Test func keyPathsResolveAgainstTheConfigFolder() throws {
        let scratch = try ConfigScratchFolder()
        let key = try scratch.write("keys/id_ed25519", "placeholder\n")
        try scratch.write("conf.d/known_hosts", "placeholder\n")
        let file = try scratch.write("conf.d/sftp.yaml", """
            teams: { ops: { name: Ops } }
            integrations:
              - id: a
                name: A
                owner: ops
                check:
                  url: sftp://h.example.com/a.csv
                  auth: { ssh: { username: baton, key_file: ../keys/id_ed25519, known_hosts: \(scratch.path)/conf.d/known_hosts } }
            """)
        let check = try #require(try ConfigLoader(environment: [:]).load(files: [file]).integration("a")?.check)
        #expect(check.auth == .ssh(SSHCredential(
            username: SecretText(literal: "baton"), keyFile: key, knownHosts: scratch.path + "/conf.d/known_hosts"
        )))
    }
}

private extension JSONPointer {
    /// The string at `pointer` in `document`, for a short expectation.
    static func label(of pointer: String, in document: JSONValue) -> String? {
        guard let parsed = try? JSONPointer(parsing: pointer), case .string(let text)? = parsed.resolve(in: document) else { return nil }
        return text
    }
}
