import BatonHTTP
import Foundation
import TestSupport
import Testing

@Suite("HTTPEngine basic auth, request bodies, HTTP file info")
struct AuthenticationAndBodyTests {
    private struct GraphQL: Decodable {
        var query: String
    }

    /// Basic credentials are sent with the first request; without them the server answers 401.
    @Test func basicAuthentication() async throws {
        let server = try await EchoHTTPServer(basicAuth: (user: "fivetran", password: "pa:ss word"))
        let engine = HTTPEngine(maxConcurrency: 2, name: "test-auth")
        defer {
            engine.shutdown()
            server.stop()
        }
        let url = server.baseURL + "/v1/connectors"

        let accepted = try #require(await engine.perform(HTTPRequest(url: url, authentication: .basic(username: "fivetran", password: "pa:ss word"))).success)
        #expect(accepted.status == 200)
        let echo = try JSONDecoder().decode(EchoHTTPServer.Echo.self, from: Data(accepted.body))
        #expect(echo.headers["authorization"] == "Basic " + Data("fivetran:pa:ss word".utf8).base64EncodedString())

        #expect(await engine.perform(HTTPRequest(url: url)).success?.status == 401)
        #expect(await engine.perform(HTTPRequest(url: url, authentication: .basic(username: "fivetran", password: "wrong"))).success?.status == 401)
    }

    /// A POST with a JSON body and its own Content-Type arrives byte for byte, with that type.
    @Test func postJSONBody() async throws {
        let server = try await EchoHTTPServer()
        let engine = HTTPEngine(maxConcurrency: 2, name: "test-auth")
        defer {
            engine.shutdown()
            server.stop()
        }
        let body = #"{"query":"{ shop { name } }"}"#
        let request = HTTPRequest(url: server.baseURL + "/admin/api/2024-10/graphql.json", method: "POST",
                                  headers: [.init(name: "Content-Type", value: "application/json")], body: Array(body.utf8))

        let response = try #require(await engine.perform(request).success)
        let echo = try JSONDecoder().decode(EchoHTTPServer.Echo.self, from: Data(response.body))

        #expect(echo.method == "POST")
        #expect(echo.headers["content-type"] == "application/json")
        #expect(echo.body == body)
        #expect(try JSONDecoder().decode(GraphQL.self, from: Data(echo.body.utf8)).query == "{ shop { name } }")
    }

    /// File info over HTTP is a HEAD whose Last-Modified and Content-Length become the time and size.
    @Test func httpFileInfo() async throws {
        let server = try await EchoHTTPServer()
        let engine = HTTPEngine(maxConcurrency: 2, name: "test-auth")
        defer {
            engine.shutdown()
            server.stop()
        }
        let response = try #require(await engine.perform(HTTPRequest(url: server.baseURL + "/exports/leads.csv", operation: .fileInfo)).success)

        #expect(response.status == 200)
        #expect(response.fileTime == Date(timeIntervalSince1970: 1_796_119_200))
        #expect((response.contentLength ?? 0) > 0)
        #expect(response.body.isEmpty)
    }

    /// Printing a request never shows its secrets.
    @Test func descriptionsHideSecrets() {
        let request = HTTPRequest(
            url: "https://example.invalid/",
            tls: TLSOptions(clientKeyFile: "/etc/baton/tls/baton.key", clientKeyPassphrase: "canary-passphrase"),
            authentication: .awsSigV4(AWSSignature(region: "eu-west-1", service: "s3", accessKeyID: "AKIDEXAMPLE", secretAccessKey: "canary-secret"))
        )
        let texts = [String(describing: request), String(reflecting: request), "\(request.authentication as Any)",
                     String(describing: Authentication.basic(username: "u", password: "canary-password")),
                     String(describing: Authentication.ssh(SSHKeyLogin(username: "u", privateKeyFile: "/k", passphrase: "canary-ssh")))]
        var dumped = ""
        dump(request, to: &dumped)
        for text in texts + [dumped] {
            #expect(!text.contains("canary"), "\(text)")
        }
        #expect(texts[0].contains("AKIDEXAMPLE"))
    }
}
