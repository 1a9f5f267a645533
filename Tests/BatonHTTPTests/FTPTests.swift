import BatonHTTP
import Foundation
import TestSupport
import Testing

@Suite("HTTPEngine FTP with explicit TLS: file info, listings, TLS required")
struct FTPTests {
    private func withTLSServer(_ body: (FTPServer, TestPKI, HTTPEngine) async throws -> Void) async throws {
        let pki = try TestPKI()
        let server = try await FTPServer(certificate: try pki.issue("127.0.0.1", validFor: 30))
        let engine = HTTPEngine(maxConcurrency: 4, name: "test-ftp")
        defer {
            engine.shutdown()
            server.stop()
            pki.remove()
        }
        try await body(server, pki, engine)
    }

    private func request(_ url: String, _ server: FTPServer, pki: TestPKI, operation: TransferOperation, required: Bool = true) -> HTTPRequest {
        HTTPRequest(url: url, timeout: .seconds(20), operation: operation,
                    tls: TLSOptions(caFile: pki.caFile, required: required),
                    authentication: .basic(username: server.username, password: server.password))
    }

    /// Over TLS (`ftp://` with TLS required, and `ftps://`), a file's time and size arrive without its content.
    @Test(arguments: ["ftp", "ftps"])
    func fileInfoOverTLS(scheme: String) async throws {
        try await withTLSServer { server, pki, engine in
            let modified = Date(timeIntervalSince1970: 1_795_428_000)
            try server.putFile("exports/leads.csv", contents: Array(repeating: 0x43, count: 12_345), modified: modified)
            let url = server.url("exports/leads.csv", scheme: scheme)

            let info = try #require(await engine.perform(request(url, server, pki: pki, operation: .fileInfo, required: scheme == "ftp")).success)

            #expect(info.fileTime == modified)
            #expect(info.contentLength == 12_345)
            #expect(info.body.isEmpty)
        }
    }

    /// A directory's names come back without `.` and `..`.
    @Test func listingOverTLS() async throws {
        try await withTLSServer { server, pki, engine in
            for name in ["a.csv", "b.csv"] {
                try server.putFile("exports/\(name)", contents: [1], modified: Date())
            }
            let listing = try #require(await engine.perform(request(server.url("exports"), server, pki: pki, operation: .listNames)).success)
            #expect(listing.names.sorted() == ["a.csv", "b.csv"])
        }
    }

    /// A missing file or directory is `.fileNotFound`; a wrong password is `.loginDenied`, without the password.
    @Test func missingFileAndWrongPassword() async throws {
        try await withTLSServer { server, pki, engine in
            try server.putFile("exports/a.csv", contents: [1], modified: Date())
            for path in ["exports/nothing.csv", "no-such-directory/nothing.csv"] {
                let missing = await engine.perform(request(server.url(path), server, pki: pki, operation: .fileInfo)).failure
                #expect(missing?.kind == .fileNotFound)
                #expect(missing?.message == "file not found on 127.0.0.1:\(server.port)")
            }
            let noDirectory = await engine.perform(request(server.url("no-such-directory"), server, pki: pki, operation: .listNames)).failure
            #expect(noDirectory?.kind == .fileNotFound)
            #expect(noDirectory?.message == "file not found on 127.0.0.1:\(server.port)")

            var wrong = request(server.url("a.csv"), server, pki: pki, operation: .fileInfo)
            wrong.authentication = .basic(username: server.username, password: "not-the-password")
            let denied = await engine.perform(wrong).failure
            #expect(denied?.kind == .loginDenied)
            #expect(denied?.message == "FTP login denied for user baton on 127.0.0.1:\(server.port)")
        }
    }

    /// A server without TLS is refused when TLS is required, before the password is sent.
    @Test func plainServerFailsWhenTLSIsRequired() async throws {
        let server = try await FTPServer()
        let engine = HTTPEngine(maxConcurrency: 2, name: "test-ftp")
        defer {
            engine.shutdown()
            server.stop()
        }
        try server.putFile("a.csv", contents: [1, 2, 3], modified: Date())
        let login = Authentication.basic(username: server.username, password: server.password)
        for (url, tls) in [(server.url("a.csv"), TLSOptions(required: true)), (server.url("a.csv", scheme: "ftps"), TLSOptions())] {
            let error = await engine.perform(HTTPRequest(url: url, operation: .fileInfo, tls: tls, authentication: login)).failure
            #expect(error?.kind == .tls)
            #expect(error?.message == "the FTP server on 127.0.0.1:\(server.port) does not offer TLS, which is required")
        }
        // Without the requirement the same server answers, in the clear.
        let plain = await engine.perform(HTTPRequest(url: server.url("a.csv"), operation: .fileInfo, authentication: login))
        #expect(plain.success?.contentLength == 3)
    }
}
