import BatonHTTP
import Foundation
import TestSupport
import Testing

@Suite("HTTPEngine SFTP: file info, listings, host keys, logins, connection reuse")
struct SFTPTests {
    private func withServer(engineName: String = "test-sftp", _ body: (SFTPServer, HTTPEngine) async throws -> Void) async throws {
        let server = try await SFTPServer()
        let engine = HTTPEngine(maxConcurrency: 4, name: engineName)
        defer {
            // The engine first: its cached SSH connections keep sshd's per-connection children alive.
            engine.shutdown()
            server.stop()
        }
        try await body(server, engine)
    }

    private func login(_ server: SFTPServer, key: String? = nil, knownHosts: String? = nil) -> Authentication {
        .ssh(SSHKeyLogin(username: server.username, privateKeyFile: key ?? server.clientKeyFile,
                         knownHostsFile: knownHosts ?? server.knownHostsFile))
    }

    private func fileInfo(_ url: String, _ authentication: Authentication) -> HTTPRequest {
        HTTPRequest(url: url, timeout: .seconds(20), operation: .fileInfo, authentication: authentication)
    }

    /// A file's modification time and size arrive without its content; an empty file has size 0.
    @Test func fileInfoGivesModificationTimeAndSize() async throws {
        try await withServer { server, engine in
            let modified = Date(timeIntervalSince1970: 1_795_428_000)
            try server.putFile("exports/leads_20261201.csv", contents: Array(repeating: 0x41, count: 300_000), modified: modified)
            try server.putFile("exports/empty.csv", contents: [], modified: modified)

            let info = try #require(await engine.perform(fileInfo(server.url("exports/leads_20261201.csv"), login(server))).success)
            #expect(info.fileTime == modified)
            #expect(info.contentLength == 300_000)
            #expect(info.body.isEmpty)

            let empty = try #require(await engine.perform(fileInfo(server.url("exports/empty.csv"), login(server))).success)
            #expect(empty.fileTime == modified)
            #expect(empty.contentLength == 0)
        }
    }

    /// A missing file is `.fileNotFound`, distinct from every other failure, without the path in the message.
    @Test func missingFile() async throws {
        try await withServer { server, engine in
            let error = await engine.perform(fileInfo(server.url("exports/missing.csv"), login(server))).failure
            #expect(error?.kind == .fileNotFound)
            #expect(error?.message == "file not found on 127.0.0.1:\(server.port)")
            #expect(error?.curlCode == 78)
        }
    }

    /// A directory lists its names only, without `.` and `..`.
    @Test func directoryListing() async throws {
        try await withServer { server, engine in
            let now = Date()
            for name in ["leads_20261130.csv", "leads_20261201.csv", "readme.txt"] {
                try server.putFile("exports/\(name)", contents: Array("x".utf8), modified: now)
            }
            try FileManager.default.createDirectory(at: server.root.appendingPathComponent("exports/archive"), withIntermediateDirectories: true)
            let request = HTTPRequest(url: server.url("exports"), operation: .listNames, authentication: login(server))

            let listing = try #require(await engine.perform(request).success)

            #expect(listing.names.sorted() == ["archive", "leads_20261130.csv", "leads_20261201.csv", "readme.txt"])
        }
    }

    /// A host key that known_hosts lacks (or lists for another port) is refused, never trusted on
    /// first use, and known_hosts is left as it was.
    @Test func unknownHostKeyIsRejected() async throws {
        try await withServer { server, engine in
            try server.putFile("a.csv", contents: [1], modified: Date())
            let otherPort = server.port == 65_000 ? 65_001 : 65_000
            let knownHosts = try server.knownHosts(named: "other_port_only", lines: ["[127.0.0.1]:\(otherPort) \(server.hostPublicKey)"])
            let before = try String(contentsOfFile: knownHosts, encoding: .utf8)

            let error = await engine.perform(fileInfo(server.url("a.csv"), login(server, knownHosts: knownHosts))).failure

            #expect(error?.kind == .hostKeyRejected)
            #expect(error?.message == "SFTP host key of 127.0.0.1:\(server.port) is not in \(knownHosts)")
            #expect(try String(contentsOfFile: knownHosts, encoding: .utf8) == before)
            // And again: nothing was learnt from the first attempt.
            #expect(await engine.perform(fileInfo(server.url("a.csv"), login(server, knownHosts: knownHosts))).failure?.kind == .hostKeyRejected)
        }
    }

    /// A different key of the same type for this host and port is a mismatch, said as such.
    @Test func mismatchedHostKeyIsRejected() async throws {
        try await withServer { server, engine in
            try server.putFile("a.csv", contents: [1], modified: Date())
            let impostor = try SFTPServer.publicKeyLine(try server.makeOtherKey(named: "impostor") + ".pub")
            let knownHosts = try server.knownHosts(named: "mismatch", lines: ["[127.0.0.1]:\(server.port) \(impostor)"])

            let error = await engine.perform(fileInfo(server.url("a.csv"), login(server, knownHosts: knownHosts))).failure

            #expect(error?.kind == .hostKeyRejected)
            #expect(error?.message == "SFTP host key of 127.0.0.1:\(server.port) does not match \(knownHosts)")
        }
    }

    /// known_hosts listing only a key type the server lacks fails before any key is shown; still a host key failure.
    @Test func hostKeyOfAnotherTypeIsRejected() async throws {
        try await withServer { server, engine in
            try server.putFile("a.csv", contents: [1], modified: Date())
            let ecdsa = try SFTPServer.publicKeyLine(try server.makeOtherKey(named: "ecdsa", type: "ecdsa") + ".pub")
            let knownHosts = try server.knownHosts(named: "other_type", lines: ["[127.0.0.1]:\(server.port) \(ecdsa)"])

            let error = await engine.perform(fileInfo(server.url("a.csv"), login(server, knownHosts: knownHosts))).failure

            #expect(error?.kind == .hostKeyRejected)
            #expect(error?.message.hasPrefix("SFTP host key of 127.0.0.1:\(server.port) does not match \(knownHosts)") == true)
        }
    }

    /// A key the server does not authorise is `.loginDenied`, naming the user and the key file.
    @Test func unauthorisedKeyIsLoginDenied() async throws {
        try await withServer { server, engine in
            try server.putFile("a.csv", contents: [1], modified: Date())
            let stranger = try server.makeOtherKey(named: "stranger")

            let error = await engine.perform(fileInfo(server.url("a.csv"), login(server, key: stranger))).failure

            #expect(error?.kind == .loginDenied)
            #expect(error?.message == "SFTP login denied for user \(server.username) on 127.0.0.1:\(server.port): the server does not accept the key \(stranger)")
        }
    }

    /// An encrypted key with a wrong passphrase, and a key file that is not a key, are login failures that say so.
    @Test func unusableKeyFile() async throws {
        try await withServer { server, engine in
            try server.putFile("a.csv", contents: [1], modified: Date())
            let locked = try server.makeOtherKey(named: "locked", passphrase: "right-passphrase")
            var wrongPassphrase = SSHKeyLogin(username: server.username, privateKeyFile: locked, knownHostsFile: server.knownHostsFile)
            wrongPassphrase.passphrase = "wrong-passphrase"
            let garbage = server.root.appendingPathComponent("not_a_key").path
            try Data("this is not a key\n".utf8).write(to: URL(fileURLWithPath: garbage))

            for (key, authentication) in [(locked, Authentication.ssh(wrongPassphrase)), (garbage, login(server, key: garbage))] {
                let error = await engine.perform(fileInfo(server.url("a.csv"), authentication)).failure
                #expect(error?.kind == .loginDenied)
                #expect(error?.message == "SFTP login denied for user \(server.username) on 127.0.0.1:\(server.port): the key file \(key) could not be used (wrong passphrase or unknown format)")
                #expect(error?.message.contains("wrong-passphrase") == false)
            }

            let missing = await engine.perform(fileInfo(server.url("a.csv"), login(server, key: "/nonexistent/id_ed25519"))).failure
            #expect(missing?.kind == .loginDenied)
            #expect(missing?.message == "SSH key file /nonexistent/id_ed25519 cannot be read (no such file)")
        }
    }

    /// Consecutive probes of one server share one SSH connection (libcurl's connection cache).
    @Test func consecutiveProbesReuseTheConnection() async throws {
        try await withServer(engineName: "sftp-reuse") { server, engine in
            let modified = Date(timeIntervalSince1970: 1_795_428_000)
            for index in 0..<5 {
                try server.putFile("drop/file\(index).csv", contents: Array(repeating: 0x42, count: 1000 + index), modified: modified)
            }
            var connections = 0
            for round in 0..<40 {
                let response = try #require(await engine.perform(fileInfo(server.url("drop/file\(round % 5).csv"), login(server))).success)
                #expect(response.contentLength == 1000 + round % 5)
                connections += response.newConnections
            }
            #expect(connections == 1)
        }
    }
}

@Suite("HTTPEngine SFTP: a reused connection never skips a login's own checks")
struct SFTPReuseSafetyTests {
    /// libcurl 7.88 would reuse an SSH connection for any transfer with the same user name; the
    /// engine gives a login whose known_hosts or key differs a connection of its own, so an
    /// untrusting known_hosts and an unauthorised key still fail after a good login to the same server.
    @Test func otherLoginsGetTheirOwnConnection() async throws {
        let server = try await SFTPServer()
        let engine = HTTPEngine(maxConcurrency: 4, name: "test-sftp")
        defer {
            engine.shutdown()
            server.stop()
        }
        try server.putFile("a.csv", contents: [1, 2], modified: Date())
        let good = Authentication.ssh(SSHKeyLogin(username: server.username, privateKeyFile: server.clientKeyFile, knownHostsFile: server.knownHostsFile))
        let untrusting = Authentication.ssh(SSHKeyLogin(username: server.username, privateKeyFile: server.clientKeyFile,
                                                        knownHostsFile: try server.knownHosts(named: "empty", lines: [])))
        let unauthorised = Authentication.ssh(SSHKeyLogin(username: server.username, privateKeyFile: try server.makeOtherKey(named: "stranger"),
                                                          knownHostsFile: server.knownHostsFile))
        func probe(_ authentication: Authentication) async -> Result<HTTPResponse, TransferError> {
            await engine.perform(HTTPRequest(url: server.url("a.csv"), timeout: .seconds(20), operation: .fileInfo, authentication: authentication))
        }

        #expect(await probe(good).success?.newConnections == 1)
        #expect(await probe(untrusting).failure?.kind == .hostKeyRejected)
        #expect(await probe(unauthorised).failure?.kind == .loginDenied)
        #expect(await probe(good).success?.newConnections == 0)
        #expect(await probe(untrusting).failure?.kind == .hostKeyRejected)
    }

    /// An encrypted key with its passphrase and an explicit public key file logs in; and an sftp
    /// transfer without any SSH login still checks the host key, against the system's known_hosts.
    @Test func passphraseAndSystemKnownHosts() async throws {
        let server = try await SFTPServer()
        let engine = HTTPEngine(maxConcurrency: 4, name: "test-sftp")
        defer {
            engine.shutdown()
            server.stop()
        }
        try server.putFile("a.csv", contents: [1, 2, 3], modified: Date())
        let locked = try server.makeOtherKey(named: "locked", passphrase: "right-passphrase")
        let authorised = try String(contentsOf: server.root.deletingLastPathComponent().appendingPathComponent("authorized_keys"), encoding: .utf8)
            + (try String(contentsOfFile: locked + ".pub", encoding: .utf8))
        try authorised.write(to: server.root.deletingLastPathComponent().appendingPathComponent("authorized_keys"), atomically: true, encoding: .utf8)
        let login = SSHKeyLogin(username: server.username, privateKeyFile: locked, publicKeyFile: locked + ".pub",
                                passphrase: "right-passphrase", knownHostsFile: server.knownHostsFile)

        let info = await engine.perform(HTTPRequest(url: server.url("a.csv"), operation: .fileInfo, authentication: .ssh(login)))
        #expect(info.success?.contentLength == 3)

        let anonymous = await engine.perform(HTTPRequest(url: server.url("a.csv"), operation: .fileInfo)).failure
        #expect(anonymous?.kind == .hostKeyRejected)
        if let system = KnownHosts.systemFile() {
            #expect(anonymous?.message == "SFTP host key of 127.0.0.1:\(server.port) is not in \(system)")
        } else {
            #expect(anonymous?.message.hasPrefix("no known_hosts file to check the SFTP host key against") == true)
        }
    }
}
