import Foundation
import Hummingbird
import NIOCore
import _CryptoExtras

/// The authorization server's public face: settings, trust, observations, and the control API
/// (`GET|PUT /_sim/auth`, `POST /_sim/auth/expire`).
extension Simulator {
    public var authSettings: AuthSettings {
        issuer.settings
    }

    /// Merges a partial change into the auth settings.
    @discardableResult
    public func updateAuth(_ patch: AuthPatch) -> AuthSettings {
        let settings = issuer.state.withLock { state in
            patch.apply(to: &state.settings)
            return state.settings
        }
        logger.info("auth: lifetime \(HumanDuration.describe(seconds: settings.tokenLifetimeSeconds)), fault \(settings.fault.rawValue)\(settings.rejectTokens ? ", rejecting tokens" : "")")
        return settings
    }

    /// Lets the JWT-bearer endpoint accept assertions signed by this service account's key.
    public func trust(_ serviceAccount: ServiceAccountKeyPair) {
        issuer.trust(clientEmail: serviceAccount.clientEmail, publicKey: serviceAccount.publicKey)
    }

    /// Lets the JWT-bearer endpoint accept assertions from `clientEmail` that verify with `publicKey`.
    public func trust(clientEmail: String, publicKey: _RSA.Signing.PublicKey) {
        issuer.trust(clientEmail: clientEmail, publicKey: publicKey)
    }

    /// Every token request received so far, in order.
    public var tokenRequests: [TokenRequestRecord] {
        issuer.requests
    }

    /// Token requests received for `clientID` (a client id, or a service account's email).
    public func tokenRequestCount(clientID: String? = nil) -> Int {
        issuer.requests.filter { clientID == nil || $0.clientID == clientID }.count
    }

    /// Expires every token issued so far: protected resources answer 401 to them from now on.
    public func expireTokens() {
        issuer.expireAll()
        logger.info("auth: every issued token expired")
    }

    /// The bearer token of `Authorization: Bearer …`, if any.
    static func bearerToken(_ request: Request) -> String? {
        guard let header = request.headers[.authorization], header.count > 7, header.prefix(7).lowercased() == "bearer " else { return nil }
        return String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
    }

    /// `WWW-Authenticate` for a refused bearer token (RFC 6750 §3): no error code when none was sent.
    static func bearerChallenge(_ refusal: TokenIssuer.Refusal) -> String {
        switch refusal {
        case .missing: #"Bearer realm="baton-sim""#
        case .unknown: #"Bearer realm="baton-sim", error="invalid_token", error_description="The access token is invalid""#
        case .expired: #"Bearer realm="baton-sim", error="invalid_token", error_description="The access token expired""#
        }
    }

    /// A 401 with the bearer challenge and a JSON body in the vendor's shape.
    static func unauthorized(_ refusal: TokenIssuer.Refusal, json: String) -> Response {
        Response(
            status: .unauthorized,
            headers: [.contentType: "application/json", .wwwAuthenticate: bearerChallenge(refusal)],
            body: ResponseBody(byteBuffer: ByteBuffer(string: json))
        )
    }

    func addAuthRoutes(to router: Router<SimulatorContext>) {
        addTokenRoutes(to: router)
        // The generic protected resource: a health document behind a bearer token.
        router.get("/protected/integrations/:name/health") { request, context in
            try await self.protectedHealth(request, context, includeBody: true)
        }
        router.head("/protected/integrations/:name/health") { request, context in
            try await self.protectedHealth(request, context, includeBody: false)
        }
        router.get("/_sim/auth") { _, _ in
            try Simulator.json(status: .ok, AuthStatus(settings: self.authSettings, requests: self.tokenRequests))
        }
        router.put("/_sim/auth") { request, _ in
            var request = request
            let body = try await request.collectBody(upTo: 64 << 10)
            do {
                let patch = try JSONDecoder().decode(AuthPatch.self, from: Data(buffer: body))
                return try Simulator.json(status: .ok, self.updateAuth(patch))
            } catch let error as DecodingError {
                return Simulator.error(.badRequest, error.plainDescription)
            } catch {
                return Simulator.error(.badRequest, "the body must be a JSON object of auth fields")
            }
        }
        router.post("/_sim/auth/expire") { _, _ in
            self.expireTokens()
            return try Simulator.json(status: .ok, ["expired": true])
        }
    }

    /// `{"settings": …, "token_requests": […]}`, the control API's view.
    struct AuthStatus: Encodable {
        var settings: AuthSettings
        var requests: [TokenRequestRecord]

        enum CodingKeys: String, CodingKey {
            case settings
            case requests = "token_requests"
        }
    }

    private func protectedHealth(_ request: Request, _ context: SimulatorContext, includeBody: Bool) async throws -> Response {
        if case .failure(let refusal) = issuer.check(Simulator.bearerToken(request)) {
            return Simulator.unauthorized(refusal, json: #"{"error":"invalid_token"}"#)
        }
        // Any name is served: the protected resource is about the token, not about which endpoints exist.
        return try await health(request, context, includeBody: includeBody, creating: true)
    }
}
