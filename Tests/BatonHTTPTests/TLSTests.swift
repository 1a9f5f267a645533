import BatonHTTP
import Foundation
import TestSupport
import Testing

@Suite("HTTPEngine TLS: private CA, validity, client certificates, certificate details")
struct TLSTests {
    /// Runs `body` with a fresh CA, an engine, and everything stopped afterwards.
    private func withPKI(_ body: (TestPKI, HTTPEngine) async throws -> Void) async throws {
        let pki = try TestPKI()
        let engine = HTTPEngine(maxConcurrency: 4, name: "test-tls")
        defer {
            engine.shutdown()
            pki.remove()
        }
        try await body(pki, engine)
    }

    private func withServer(_ certificate: TestPKI.Issued, clientCA: String? = nil, _ body: (EchoHTTPServer) async throws -> Void) async throws {
        let server = try await EchoHTTPServer(certificate: certificate, clientCA: clientCA)
        defer { server.stop() }
        try await body(server)
    }

    /// A certificate from a private CA is trusted with `ca_file` and refused without it, as an unknown CA.
    @Test func privateCATrustedOnlyThroughCAFile() async throws {
        try await withPKI { pki, engine in
            let leaf = try pki.issue("127.0.0.1", validFor: 30)
            try await withServer(leaf) { server in
                let trusted = await engine.perform(HTTPRequest(url: server.baseURL + "/health", tls: TLSOptions(caFile: pki.caFile)))
                #expect(trusted.success?.status == 200)

                let untrusted = await engine.perform(HTTPRequest(url: server.baseURL + "/health?token=s3cret")).failure
                #expect(untrusted?.kind == .tls)
                #expect(untrusted?.message == "TLS certificate not trusted: issued by an unknown CA (unable to get local issuer certificate)")
                #expect(untrusted?.curlCode == 60)
            }
        }
    }

    /// An expired and a not-yet-valid certificate fail as `.tls`, each saying which it is.
    @Test(arguments: [
        (-2.0, 40.0, "TLS certificate not trusted: certificate has expired"),
        (30.0, -1.0, "TLS certificate not trusted: certificate is not yet valid"),
    ])
    func outsideValidity(validFor days: Double, since: Double, expected: String) async throws {
        try await withPKI { pki, engine in
            let leaf = try pki.issue("127.0.0.1", validFor: days, since: since)
            try await withServer(leaf) { server in
                let error = await engine.perform(HTTPRequest(url: server.baseURL + "/", tls: TLSOptions(caFile: pki.caFile))).failure
                #expect(error?.kind == .tls)
                #expect(error?.message == expected)
            }
        }
    }

    /// A server demanding a client certificate accepts one from its CA and refuses none, and one from another CA.
    @Test func mutualTLS() async throws {
        try await withPKI { pki, engine in
            let leaf = try pki.issue("127.0.0.1", validFor: 30)
            let client = try pki.issue("baton-client", usage: .client, validFor: 30)
            let strangers = try TestPKI(caName: "Someone Else CA")
            defer { strangers.remove() }
            let stranger = try strangers.issue("baton-client", usage: .client, validFor: 30)
            try await withServer(leaf, clientCA: pki.caFile) { server in
                let url = server.baseURL + "/partner"
                var tls = TLSOptions(caFile: pki.caFile, clientCertificateFile: client.certificateFile, clientKeyFile: client.keyFile)
                let accepted = await engine.perform(HTTPRequest(url: url, tls: tls))
                #expect(accepted.success?.status == 200)

                let withoutCertificate = await engine.perform(HTTPRequest(url: url, tls: TLSOptions(caFile: pki.caFile))).failure
                #expect(withoutCertificate?.kind == .tls)
                #expect(withoutCertificate?.message == "TLS server requires a client certificate, and none is configured (alert: certificate required)")

                tls.clientCertificateFile = stranger.certificateFile
                tls.clientKeyFile = stranger.keyFile
                let refused = await engine.perform(HTTPRequest(url: url, tls: tls)).failure
                #expect(refused?.kind == .tls)
                #expect(refused?.message == "TLS client certificate refused by the server (alert: unknown ca)")
            }
        }
    }

    /// A missing client key file is named in a `.tls` failure before any connection is made.
    @Test func unreadableClientKey() async throws {
        try await withPKI { pki, engine in
            let client = try pki.issue("baton-client", usage: .client, validFor: 30)
            let tls = TLSOptions(caFile: pki.caFile, clientCertificateFile: client.certificateFile, clientKeyFile: "/nonexistent/baton.key")
            let error = await engine.perform(HTTPRequest(url: "https://127.0.0.1:\(LoopbackPort.closed())/", tls: tls)).failure
            #expect(error?.kind == .tls)
            #expect(error?.message == "TLS client key /nonexistent/baton.key cannot be read (no such file)")
        }
    }

    /// The certificate's subject, issuer and dates come with the response, also on a second request
    /// that reuses the connection (where libcurl itself reports no certificate).
    @Test func certificateReportedOnNewAndReusedConnections() async throws {
        try await withPKI { pki, engine in
            let leaf = try pki.issue("127.0.0.1", validFor: 5)
            try await withServer(leaf) { server in
                let request = HTTPRequest(url: server.baseURL + "/a", tls: TLSOptions(caFile: pki.caFile, captureCertificate: true))
                let first = try #require(await engine.perform(request).success)
                var again = request
                again.url = server.baseURL + "/b"
                let second = try #require(await engine.perform(again).success)

                for response in [first, second] {
                    let certificate = try #require(response.certificate)
                    #expect(certificate.subject == "CN = 127.0.0.1")
                    #expect(certificate.issuer == "O = Baton Tests, CN = Baton Test CA")
                    #expect(certificate.notAfter == leaf.notAfter)
                    #expect(certificate.notBefore == leaf.notBefore)
                }
                #expect(first.newConnections == 1)
                #expect(second.newConnections == 0)
                let daysLeft = (first.certificate?.notAfter.timeIntervalSinceNow ?? 0) / 86_400
                #expect(daysLeft > 4.9 && daysLeft <= 5)
            }
        }
    }

    /// Without a request for it, no certificate is reported (and none is read).
    @Test func certificateOnlyWhenAsked() async throws {
        try await withPKI { pki, engine in
            let leaf = try pki.issue("127.0.0.1", validFor: 30)
            try await withServer(leaf) { server in
                let response = await engine.perform(HTTPRequest(url: server.baseURL + "/", tls: TLSOptions(caFile: pki.caFile)))
                #expect(response.success?.status == 200)
                #expect(response.success?.certificate == nil)
            }
        }
    }

    /// A connection that a request without certificate capture opened is not reused blindly: the
    /// first capturing request to that origin opens its own, and later ones reuse that.
    @Test func capturingRequestOpensItsOwnConnectionFirst() async throws {
        try await withPKI { pki, engine in
            let leaf = try pki.issue("127.0.0.1", validFor: 30)
            try await withServer(leaf) { server in
                let plain = HTTPRequest(url: server.baseURL + "/", tls: TLSOptions(caFile: pki.caFile))
                #expect(await engine.perform(plain).success?.newConnections == 1)
                var capturing = plain
                capturing.tls.captureCertificate = true
                let first = try #require(await engine.perform(capturing).success)
                let second = try #require(await engine.perform(capturing).success)
                #expect(first.newConnections == 1)
                #expect(first.certificate?.notAfter == leaf.notAfter)
                #expect(second.newConnections == 0)
                #expect(second.certificate?.notAfter == leaf.notAfter)
            }
        }
    }
}
