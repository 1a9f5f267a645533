import BatonAPI
import BatonSim
import Foundation
import TestSupport
import Testing

/// The daemon reaching real servers on loopback with credentials and certificates, and what it
/// says when they refuse: a precise reason, and never a secret.
struct ReachTests {
    static func config(_ integrations: String) -> String {
        """
        defaults: { interval: 1s, timeout: 3s, failure_threshold: 1, success_threshold: 1 }
        teams:
          marketing-ops: { name: Marketing Operations, channels: [] }
        integrations:
        \(integrations)
        """
    }

    static func status(_ daemon: DaemonHarness, _ id: String) async throws -> IntegrationStatus? {
        try await daemon.status().integrations.first { $0.id == id }
    }

    /// A token endpoint that refuses the client's secret: down with the endpoint's answer, and the
    /// secret appears in no output, no log and no metric.
    @Test func aRefusedTokenIsAClearDown() async throws {
        let secret = "canary-client-secret-41c2"
        try await Scenario.with([:]) { scenario in
            let config = Self.config("""
              - id: sfdc-leads
                name: Salesforce leads
                owner: marketing-ops
                check:
                  url: "http://127.0.0.1:\(scenario.port)/services/data/v61.0/query?q=SELECT+MAX(LastModifiedDate)+FROM+Lead"
                  auth:
                    oauth2: { token_url: "http://127.0.0.1:\(scenario.port)/services/oauth2/token", client_id: baton-sim, client_secret: "${env:SFDC_SECRET}", client_auth: post }
            """)
            let daemon = try DaemonHarness(config: config)
            daemon.environment = ["SFDC_SECRET": secret]
            try await daemon.start()
            defer { daemon.kill() }
            #expect(try await daemon.waitFor("sfdc-leads", toBe: "down"), "\(daemon.log)")
            let reason = try await Self.status(daemon, "sfdc-leads")?.reason ?? ""
            #expect(reason.hasPrefix("token endpoint answered 401"), "\(reason)")
            let outputs = [
                try await daemon.baton(["status", "--json"]).stdout, try await daemon.baton(["show", "sfdc-leads", "--json"]).stdout,
                try await daemon.baton(["check", "sfdc-leads"]).stdout, daemon.log,
            ]
            for output in outputs { #expect(!output.contains(secret)) }
        }
    }

    /// A certificate from a private CA (trusted through `tls.ca_file`) that expires in 5 days, against
    /// `warn_before: 21d, error_before: 3d`: degraded, saying when; `baton show` names it.
    @Test func aCertificateCloseToExpiryIsDegraded() async throws {
        let pki = try TestPKI()
        defer { pki.remove() }
        let issued = try pki.issue("127.0.0.1", validFor: 5.5)
        let server = try await EchoHTTPServer(certificate: issued)
        defer { server.stop() }
        let config = Self.config("""
          - id: partner-api
            name: Partner API (mTLS-ready)
            owner: marketing-ops
            check:
              url: "\(server.baseURL)/health"
              tls: { ca_file: "\(pki.caFile)" }
              expect:
                certificate: { warn_before: 21d, error_before: 3d }
        """)
        try await DaemonHarness.running(config: config) { daemon in
            #expect(try await daemon.waitFor("partner-api", toBe: "degraded"), "\(daemon.log)")
            let reason = try await Self.status(daemon, "partner-api")?.reason ?? ""
            #expect(reason.hasPrefix("certificate expires in 5 days ("), "\(reason)")
            let show = try await daemon.baton(["show", "partner-api"]).stdout
            #expect(show.contains("certificate") && show.contains("127.0.0.1") && show.contains("days left"), "\(show)")
        }
    }

    /// An SFTP server whose host key is not in the configured known_hosts: down, saying so; never trusted.
    @Test func anUnknownHostKeyIsRefused() async throws {
        let sftp = try await SFTPServer()
        defer { sftp.stop() }
        try sftp.putFile("exports/leads_20261201.csv", contents: Array(repeating: 0x41, count: 2048), modified: Date())
        let empty = try sftp.knownHosts(named: "empty_known_hosts", lines: [])
        let config = Self.config("""
          - id: sftp-leads
            name: Nightly leads export (SFTP)
            owner: marketing-ops
            check:
              url: "\(sftp.url("exports/leads_*.csv"))"
              auth: { ssh: { username: \(sftp.username), key_file: "\(sftp.clientKeyFile)", known_hosts: "\(empty)" } }
              freshness: { file_time: true, error_after: 25h }
        """)
        try await DaemonHarness.running(config: config) { daemon in
            #expect(try await daemon.waitFor("sftp-leads", toBe: "down"), "\(daemon.log)")
            let reason = try await Self.status(daemon, "sftp-leads")?.reason ?? ""
            #expect(reason.contains("host key") && reason.contains("is not in \(empty)"), "\(reason)")
        }
    }
}
