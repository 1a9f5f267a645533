import BatonCore
import BatonHTTP
import Foundation

/// Builds the POST a token endpoint expects for each grant.
enum TokenRequest {
    static let jwtBearerGrant = "urn:ietf:params:oauth:grant-type:jwt-bearer"

    /// Client credentials (RFC 6749 §4.4.2), authenticated per §2.3.1.
    static func clientCredentials(_ credential: OAuth2Credential, timeout: Duration) throws(TokenError) -> HTTPRequest {
        guard let clientID = credential.clientID?.revealed, !clientID.isEmpty,
              let clientSecret = credential.clientSecret?.revealed else {
            throw .incompleteCredential("oauth2 client_credentials needs a client_id and a client_secret")
        }
        guard !credential.tokenURL.revealed.isEmpty else {
            throw .incompleteCredential("oauth2 client_credentials needs a token_url")
        }
        var form: [(String, String)] = [("grant_type", "client_credentials")]
        if !credential.scopes.isEmpty { form.append(("scope", credential.scopes.joined(separator: " "))) }
        if let audience = credential.audience { form.append(("audience", audience)) }
        var headers: [HTTPRequest.Header] = []
        switch credential.clientAuth {
        case .basic:
            let pair = FormEncoding.escape(clientID) + ":" + FormEncoding.escape(clientSecret)
            headers.append(HTTPRequest.Header(name: "Authorization", value: "Basic " + Data(pair.utf8).base64EncodedString()))
        case .post:
            form.append(("client_id", clientID))
            form.append(("client_secret", clientSecret))
        }
        return post(to: credential.tokenURL.revealed, form: form, headers: headers, timeout: timeout)
    }

    /// JWT bearer (RFC 7523 §2.1): the assertion replaces client authentication.
    static func jwtBearer(_ credential: OAuth2Credential, issuedAt: Int64, timeout: Duration) throws(TokenError) -> HTTPRequest {
        guard let path = credential.keyFile, !path.isEmpty else {
            throw .incompleteCredential("oauth2 jwt_bearer needs a key_file")
        }
        let key = try ServiceAccountKey.load(path: path)
        let tokenURL = credential.tokenURL.revealed.isEmpty ? (key.tokenURI ?? "") : credential.tokenURL.revealed
        guard !tokenURL.isEmpty else {
            throw .incompleteCredential("oauth2 jwt_bearer needs a token_url (none in the config nor in \(path))")
        }
        let assertion = try JWTAssertion.sign(
            key: key, audience: credential.audience ?? tokenURL, scopes: credential.scopes, issuedAt: issuedAt, keyPath: path
        )
        return post(to: tokenURL, form: [("grant_type", jwtBearerGrant), ("assertion", assertion.revealed)], headers: [], timeout: timeout)
    }

    private static func post(to url: String, form: [(String, String)], headers: [HTTPRequest.Header], timeout: Duration) -> HTTPRequest {
        HTTPRequest(
            url: url,
            method: "POST",
            headers: headers + [
                HTTPRequest.Header(name: "Content-Type", value: "application/x-www-form-urlencoded"),
                HTTPRequest.Header(name: "Accept", value: "application/json"),
            ],
            body: Array(FormEncoding.encode(form).utf8),
            timeout: timeout,
            maxBodyBytes: 64 * 1024,
            // A token endpoint that redirects a POST carrying secrets is answered, not followed.
            followRedirects: false
        )
    }
}
