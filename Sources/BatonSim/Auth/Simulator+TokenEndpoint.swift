import Foundation
import Hummingbird
import NIOCore

/// The simulated token endpoints (OAuth2 client credentials, RFC 6749 §4.4, and JWT bearer, RFC 7523).
///
/// One handler answers every vendor's path, in that vendor's answer shape:
/// - `POST /oauth2/token`: a plain RFC 6749 answer with `expires_in`.
/// - `POST /services/oauth2/token`: Salesforce's client-credentials answer, which has no
///   `expires_in` (https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_client_credentials_flow.htm).
/// - `GET|POST /identity/oauth/token`: Marketo's identity endpoint, credentials in the query
///   or the form (https://experienceleague.adobe.com/en/docs/marketo-developer/marketo/rest/authentication).
/// - `POST /token`: Google's `oauth2.googleapis.com/token`, for service-account assertions
///   (https://developers.google.com/identity/protocols/oauth2/service-account#httprest).
extension Simulator {
    enum TokenFlavour {
        case generic, salesforce, marketo, google
    }

    func addTokenRoutes(to router: Router<SimulatorContext>) {
        router.post("/oauth2/token") { request, context in try await self.issueToken(request, context, .generic) }
        router.post("/services/oauth2/token") { request, context in try await self.issueToken(request, context, .salesforce) }
        router.get("/identity/oauth/token") { request, context in try await self.issueToken(request, context, .marketo) }
        router.post("/identity/oauth/token") { request, context in try await self.issueToken(request, context, .marketo) }
        router.post("/token") { request, context in try await self.issueToken(request, context, .google) }
    }

    private func issueToken(_ request: Request, _ context: SimulatorContext, _ flavour: TokenFlavour) async throws -> Response {
        var request = request
        var fields = FormDecoding.fields(request.uri.query.map { $0[...] } ?? "")
        if request.method == .post {
            let body = try await request.collectBody(upTo: 64 << 10)
            if request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") ?? false {
                fields.merge(FormDecoding.fields(String(buffer: body)[...])) { _, form in form }
            }
        }
        let basic = FormDecoding.basicCredentials(request.headers[.authorization])
        var record = TokenRequestRecord(
            path: request.uri.path, method: request.method.rawValue, grantType: fields["grant_type"],
            clientAuth: basic != nil ? "basic" : fields["client_secret"] != nil ? "post" : fields["assertion"] != nil ? "assertion" : "none",
            clientID: basic?.id ?? fields["client_id"], scope: fields["scope"], audience: fields["audience"], answeredStatus: 0
        )
        let settings = issuer.settings
        switch settings.fault {
        case .hang:
            issuer.record(record)
            await Simulator.waitUntilClosed(context.channel)
            return Response(status: .serviceUnavailable)
        case .closeConnection:
            issuer.record(record)
            try? await context.channel.close()
            return Response(status: .serviceUnavailable)
        case .serverError:
            return answer(&record, .internalServerError, #"{"error":"server_error","error_description":"simulated failure"}"#)
        case .notJSON:
            record.answeredStatus = 200
            issuer.record(record)
            return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(string: HealthDocument.htmlPage)))
        case .noAccessToken:
            return answer(&record, .ok, #"{"token_type":"Bearer","expires_in":\#(Int(settings.tokenLifetimeSeconds.rounded()))}"#)
        case .none:
            break
        }

        let subject: String
        switch fields["grant_type"] {
        case "client_credentials":
            if basic != nil && fields["client_secret"] != nil {
                // RFC 6749 §2.3: a client must not use more than one authentication method per request.
                return answer(&record, .badRequest, oauthError("invalid_request", "use one client authentication method"))
            }
            guard let id = basic?.id ?? fields["client_id"], let secret = basic?.secret ?? fields["client_secret"],
                  let expected = settings.clients[id], expected.utf8.elementsEqual(secret.utf8) else {
                var response = answer(&record, .unauthorized, oauthError("invalid_client", "invalid client credentials"))
                if basic != nil { response.headers[.wwwAuthenticate] = #"Basic realm="baton-sim""# }
                return response
            }
            subject = id
        case "urn:ietf:params:oauth:grant-type:jwt-bearer":
            let host = request.head.authority ?? "localhost"
            let audiences: Set<String> = ["http://\(host)\(request.uri.path)", "https://oauth2.googleapis.com/token"]
            let verdict = JWTVerifier.verify(fields["assertion"] ?? "", keys: issuer.serviceAccounts, audiences: audiences, now: Int64(Date().timeIntervalSince1970))
            switch verdict {
            case .failure(let failure):
                return answer(&record, .badRequest, oauthError(failure.errorCode, failure.errorDescription))
            case .success(let claims):
                record.clientID = claims.issuer
                record.scope = claims.scope
                record.audience = claims.audience
                subject = claims.issuer
            }
        default:
            return answer(&record, .badRequest, oauthError("unsupported_grant_type", "grant type not supported"))
        }
        return answer(&record, .ok, tokenAnswer(for: subject, flavour, scope: fields["scope"], host: request.head.authority ?? "localhost"))
    }

    private func tokenAnswer(for subject: String, _ flavour: TokenFlavour, scope: String?, host: String) -> String {
        let q = HealthDocument.jsonString
        switch flavour {
        case .salesforce:
            let (token, _) = issuer.issue(to: subject, prefix: "00DSIM0000000001!")
            let issuedAt = Int64(Date().timeIntervalSince1970 * 1000)
            return #"{"access_token":\#(q(token)),"signature":"c2ltdWxhdGVkLXNpZ25hdHVyZQ==","scope":\#(q(scope ?? "api")),"instance_url":\#(q("http://\(host)")),"id":\#(q("http://\(host)/id/00DSIM0000000001/005SIM0000000001")),"token_type":"Bearer","issued_at":\#(q(String(issuedAt)))}"#
        case .marketo:
            let (token, lifetime) = issuer.issue(to: subject, prefix: "", suffix: ":sim")
            return #"{"access_token":\#(q(token)),"token_type":"bearer","expires_in":\#(Int(lifetime.rounded())),"scope":\#(q(subject + "@baton-sim"))}"#
        case .google:
            let (token, lifetime) = issuer.issue(to: subject, prefix: "ya29.sim-")
            return #"{"access_token":\#(q(token)),"expires_in":\#(Int(lifetime.rounded())),"token_type":"Bearer"}"#
        case .generic:
            let (token, lifetime) = issuer.issue(to: subject, prefix: "sim-")
            let scopePart = scope.map { #","scope":\#(q($0))"# } ?? ""
            return #"{"access_token":\#(q(token)),"token_type":"Bearer","expires_in":\#(Int(lifetime.rounded()))\#(scopePart)}"#
        }
    }

    /// Records the request with its answer and builds a JSON response.
    private func answer(_ record: inout TokenRequestRecord, _ status: HTTPResponse.Status, _ json: String) -> Response {
        record.answeredStatus = status.code
        issuer.record(record)
        return Response(
            status: status,
            headers: [.contentType: "application/json;charset=UTF-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: json))
        )
    }

    private func oauthError(_ code: String, _ description: String) -> String {
        #"{"error":\#(HealthDocument.jsonString(code)),"error_description":\#(HealthDocument.jsonString(description))}"#
    }
}
