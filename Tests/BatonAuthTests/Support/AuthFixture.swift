import BatonAuth
import BatonCore
import BatonHTTP
import BatonSim
import Foundation
import Logging

/// A simulator on an ephemeral loopback port, an engine, a manual clock and a token cache; one per test.
struct AuthFixture {
    let simulator: Simulator
    let engine: HTTPEngine
    let clock: ManualClock
    let cache: TokenCache
    let baseURL: String

    static let clientID = "baton client:1"
    /// A canary: it must never show up in any description, reason or label.
    static let clientSecret = "canary-secret-7f3e/+=&%"

    static func start(
        lifetime: Double = 3600,
        requestTimeout: Duration = .seconds(30),
        endpoints: [String: EndpointBehaviour] = [:]
    ) async throws -> AuthFixture {
        var logger = Logger(label: "baton-sim-test")
        logger.logLevel = .warning
        let auth = AuthSettings(clients: [clientID: clientSecret], tokenLifetimeSeconds: lifetime)
        let simulator = Simulator(host: "127.0.0.1", port: 0, endpoints: endpoints, auth: auth, logger: logger)
        let port = try await simulator.start()
        let engine = HTTPEngine(maxConcurrency: 16, name: "auth-test")
        let clock = ManualClock()
        let cache = TokenCache(engine: engine, requestTimeout: requestTimeout, failureHoldoff: .seconds(10), clock: clock.authClock)
        return AuthFixture(simulator: simulator, engine: engine, clock: clock, cache: cache, baseURL: "http://127.0.0.1:\(port)")
    }

    /// Runs `body` against a fresh fixture and stops it afterwards, thrown or not.
    static func with<T>(
        lifetime: Double = 3600,
        requestTimeout: Duration = .seconds(30),
        endpoints: [String: EndpointBehaviour] = [:],
        _ body: (AuthFixture) async throws -> T
    ) async throws -> T {
        let fixture = try await start(lifetime: lifetime, requestTimeout: requestTimeout, endpoints: endpoints)
        do {
            let result = try await body(fixture)
            await fixture.stop()
            return result
        } catch {
            await fixture.stop()
            throw error
        }
    }

    /// A client-credentials credential for the simulator's generic token endpoint.
    func credential(
        clientAuth: OAuth2ClientAuth = .basic,
        secret: String = AuthFixture.clientSecret,
        scopes: [String] = [],
        audience: String? = nil,
        path: String = "/oauth2/token"
    ) -> OAuth2Credential {
        OAuth2Credential(
            grant: .clientCredentials,
            tokenURL: SecretText(literal: baseURL + path),
            clientID: SecretText(literal: AuthFixture.clientID),
            clientSecret: SecretText(revealed: secret, redacted: "***"),
            clientAuth: clientAuth,
            scopes: scopes,
            audience: audience
        )
    }

    /// The simulator's protected health resource for `name`.
    func protectedRequest(_ name: String = "crm") -> HTTPRequest {
        HTTPRequest(url: "\(baseURL)/protected/integrations/\(name)/health")
    }

    func stop() async {
        engine.shutdown()
        await simulator.stop()
    }
}

/// A private folder for key files, removed by ``remove()``.
struct TemporaryFolder {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("baton-auth-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    func file(_ name: String) -> String { "\(path)/\(name)" }

    func write(_ name: String, _ text: String) throws -> String {
        let target = file(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: target))
        return target
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }

    var success: Success? {
        if case .success(let value) = self { return value }
        return nil
    }
}

extension AuthorizedOutcome {
    var response: HTTPResponse? {
        if case .response(let response) = self { return response }
        return nil
    }

    var tokenError: TokenError? {
        if case .tokenFailed(let error) = self { return error }
        return nil
    }
}

/// The outcome of a throwing token call as a value, for `#expect`.
func attempt<T>(_ body: () async throws(TokenError) -> T) async -> Result<T, TokenError> {
    do {
        return .success(try await body())
    } catch {
        return .failure(error)
    }
}
