import BatonHTTP
import BatonSim
import TestSupport
import Testing

@Suite("HTTPEngine failures")
struct EngineFailureTests {
    /// A closed port fails as `.connect` with "connection refused (host:port)", no URL path shown.
    @Test func connectionRefused() async {
        let port = LoopbackPort.closed()
        let engine = HTTPEngine(maxConcurrency: 2)
        defer { engine.shutdown() }

        let error = await engine.perform(HTTPRequest(url: "http://user:secret@127.0.0.1:\(port)/private/path?token=abc")).failure

        #expect(error?.kind == .connect)
        #expect(error?.message == "connection refused (127.0.0.1:\(port))")
        #expect(error?.curlCode == 7)
    }

    /// An endpoint that accepts and never answers fails as `.timeout` at the request's timeout.
    @Test func hangTimesOut() async throws {
        try await SimulatorFixture.with(["stuck": EndpointBehaviour(mode: .hang)]) { fixture in
            let error = await fixture.engine.perform(fixture.request("stuck", timeout: .milliseconds(500))).failure

            #expect(error?.kind == .timeout)
            #expect(error?.message == "timeout after 500ms")
            #expect(error?.curlCode == 28)
            let elapsed = try #require(error?.elapsed)
            #expect(elapsed >= .milliseconds(400))
        }
    }

    /// A 1 GiB chunked body is cut off at the 1 MiB cap, without the process ever holding it.
    @Test func hugeBodyFailsAtTheCapWithBoundedMemory() async throws {
        try await SimulatorFixture.with(["huge": EndpointBehaviour(mode: .huge)]) { fixture in
            let peakBefore = peakResidentBytes()

            let error = await fixture.engine.perform(fixture.request("huge")).failure

            #expect(error?.kind == .bodyTooLarge)
            #expect(error?.message == "body larger than 1 MiB")
            #expect(error?.curlCode == 23)
            // Generous bound: other tests run alongside; 1 GiB buffered would blow far past it.
            #expect(peakResidentBytes() - peakBefore < 256 << 20)
        }
    }

    /// A body larger than the buffer a transfer keeps arrives whole (room for its announced length
    /// at once, handed over without a copy), and the next answer on the same transfer is its own.
    @Test func largeBodyWithinTheCapThenASmallOne() async throws {
        let padding = String(repeating: "x", count: 600_000)
        try await SimulatorFixture.with(["large": EndpointBehaviour(jsonStatus: padding), "small": EndpointBehaviour()], maxConcurrency: 1) { fixture in
            var request = fixture.request("large")
            request.maxBodyBytes = 1 << 20

            let large = await fixture.engine.perform(request).success
            let small = await fixture.engine.perform(fixture.request("small")).success

            #expect(large?.contentLength == large?.body.count)
            #expect((large?.body.count ?? 0) > 600_000)
            #expect(large.map { String(decoding: $0.body, as: UTF8.self).contains(padding) } == true)
            #expect(small?.contentLength == small?.body.count)
            #expect(small.map { String(decoding: $0.body, as: UTF8.self).contains("\"status\":\"ok\"") } == true)
        }
    }

    /// The cap holds for small limits too, and is described in plain units.
    @Test func smallBodyCap() async throws {
        try await SimulatorFixture.with(["a": EndpointBehaviour()]) { fixture in
            var request = fixture.request("a")
            request.maxBodyBytes = 10

            let error = await fixture.engine.perform(request).failure

            #expect(error?.kind == .bodyTooLarge)
            #expect(error?.message == "body larger than 10 bytes")
        }
    }

    /// A redirect loop stops after `maxRedirects` as `.redirects`.
    @Test(arguments: [5, 1])
    func redirectLoop(maxRedirects: Int) async throws {
        try await SimulatorFixture.with(["loop": EndpointBehaviour(mode: .redirectLoop)]) { fixture in
            var request = fixture.request("loop")
            request.maxRedirects = maxRedirects

            let error = await fixture.engine.perform(request).failure

            #expect(error?.kind == .redirects)
            #expect(error?.message == "more than \(maxRedirects) redirect\(maxRedirects == 1 ? "" : "s")")
            #expect(fixture.simulator.hits("loop") == maxRedirects + 1)
        }
    }

    /// A server that closes the connection without a word is a `.protocol` failure (empty reply).
    @Test func closedWithoutAnswer() async throws {
        try await SimulatorFixture.with(["gone": EndpointBehaviour(mode: .closeConnection)]) { fixture in
            let error = await fixture.engine.perform(fixture.request("gone")).failure

            #expect(error?.kind == .protocol)
            #expect(error?.message == "server closed the connection without answering")
            #expect(error?.curlCode == 52)
        }
    }

    /// A self-signed certificate fails as `.tls` and says why, in words.
    @Test func selfSignedCertificate() async throws {
        let server = try await SelfSignedTLSServer.start()
        defer { server.stop() }
        let engine = HTTPEngine(maxConcurrency: 2)
        defer { engine.shutdown() }

        let error = await engine.perform(HTTPRequest(url: "https://127.0.0.1:\(server.port)/secret?key=1", timeout: .seconds(5))).failure

        #expect(error?.kind == .tls)
        #expect(error?.message == "TLS certificate not trusted: self-signed certificate")
        #expect(error?.curlCode == 60)
    }

    /// A host name glibc refuses to encode (a 64-character label; res_mkquery allows 63) fails as
    /// `.dns` without any query leaving the machine: checked with `strace -f -e trace=network`,
    /// which shows no socket to the resolver, since only loopback may be a target here.
    @Test func unresolvableHost() async {
        let label = String(repeating: "a", count: 64)
        let engine = HTTPEngine(maxConcurrency: 2)
        defer { engine.shutdown() }

        let error = await engine.perform(HTTPRequest(url: "http://\(label).invalid/health", timeout: .seconds(5))).failure

        #expect(error?.kind == .dns)
        #expect(error?.message == "could not resolve host \(label).invalid")
        #expect(error?.curlCode == 6)
    }

    /// Only http(s), sftp and ftp(s) are spoken: other schemes fail before any connection.
    @Test func otherSchemesAreRefused() async {
        let engine = HTTPEngine(maxConcurrency: 2)
        defer { engine.shutdown() }

        let error = await engine.perform(HTTPRequest(url: "file:///etc/passwd")).failure

        #expect(error?.kind == .other)
        #expect(error?.message == "unsupported URL scheme file: only http, https, sftp, ftp and ftps are allowed")
    }

    /// A header value with a line break is refused rather than smuggling in another header.
    @Test func headerInjectionIsRefused() async {
        let engine = HTTPEngine(maxConcurrency: 2)
        defer { engine.shutdown() }
        let request = HTTPRequest(url: "http://127.0.0.1:1/", headers: [.init(name: "X-Token", value: "a\r\nHost: evil")])

        let error = await engine.perform(request).failure

        #expect(error?.kind == .other)
        #expect(error?.message == #"request header "X-Token" is not a valid header"#)
    }
}
