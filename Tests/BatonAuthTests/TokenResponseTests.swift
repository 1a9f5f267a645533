@testable import BatonAuth
import BatonCore
import BatonHTTP
import Testing

@Suite("Token responses and keys")
struct TokenResponseTests {
    static let key = OAuth2Credential(tokenURL: SecretText(literal: "https://login.example/token"), clientID: SecretText(literal: "id")).cacheKey

    /// `expires_in` is read as a number or a numeric string, clamped to zero … a year; anything else is no lifetime.
    @Test(arguments: [
        (#""expires_in":3599"#, Duration?.some(.seconds(3599))),
        (#""expires_in":"3599""#, .seconds(3599)),
        (#""expires_in":299.5"#, .milliseconds(299_500)),
        (#""expires_in":-20"#, .seconds(0)),
        (#""expires_in":1e300"#, .seconds(31_536_000)),
        (#""expires_in":"soon""#, nil),
        (#""expires_in":null"#, nil),
        (#""scope":"api""#, nil),
    ])
    func lifetime(_ member: String, _ expected: Duration?) throws {
        let body = #"{"access_token":"abc","token_type":"Bearer",\#(member)}"#

        let token = try TokenResponse.read(HTTPResponse(status: 200, body: Array(body.utf8)), cacheKey: Self.key).get()

        #expect(token.lifetime == expected)
    }

    /// Each answer that is not a usable token reads as its own error; an `error` code is kept
    /// only when it is a short code, never free text from the body.
    @Test(arguments: [
        (401, #"{"error":"invalid_client","error_description":"secret canary-xyz"}"#, TokenError.rejected(status: 401, oauthError: "invalid_client")),
        (400, #"{"error":"bad things happened to canary-xyz"}"#, .rejected(status: 400, oauthError: nil)),
        (503, "<html>down</html>", .rejected(status: 503, oauthError: nil)),
        (200, "<html>login</html>", .notJSON(status: 200)),
        (200, "[1,2]", .notJSON(status: 200)),
        (200, #"{"token_type":"Bearer"}"#, .noAccessToken),
        (200, #"{"access_token":""}"#, .noAccessToken),
        (200, #"{"error":"invalid_scope"}"#, .rejected(status: 200, oauthError: "invalid_scope")),
        (200, #"{"access_token":"abc\r\nX-Evil: 1"}"#, .unusableAccessToken),
        (200, #"{"access_token":"ab c"}"#, .unusableAccessToken),
    ])
    func failures(_ status: Int, _ body: String, _ expected: TokenError) {
        let result = TokenResponse.read(HTTPResponse(status: status, body: Array(body.utf8)), cacheKey: Self.key)

        #expect(result.failure == expected)
        #expect(!(result.failure?.description.contains("canary") ?? true))
    }

    /// The cache key tells apart everything that changes the token, and nothing else.
    @Test func cacheKeys() {
        let base = OAuth2Credential(tokenURL: SecretText(literal: "https://a/token"), clientID: SecretText(literal: "id"), clientSecret: SecretText(literal: "s1"), scopes: ["api"])
        var otherSecret = base
        otherSecret.clientSecret = SecretText(literal: "s2")
        var post = base
        post.clientAuth = .post
        var otherScopes = base
        otherScopes.scopes = ["api", "web"]
        var otherAudience = base
        otherAudience.audience = "https://api"
        var otherClient = base
        otherClient.clientID = SecretText(literal: "id2")
        var otherURL = base
        otherURL.tokenURL = SecretText(literal: "https://b/token")
        let jwt = OAuth2Credential(grant: .jwtBearer, tokenURL: SecretText(literal: "https://a/token"), scopes: ["api"], keyFile: "/k.json")

        #expect(base.cacheKey == otherSecret.cacheKey)
        #expect(base.cacheKey == post.cacheKey)
        for different in [otherScopes, otherAudience, otherClient, otherURL, jwt] {
            #expect(base.cacheKey != different.cacheKey)
        }
        #expect(jwt.cacheKey.label == "jwt_bearer https://a/token key_file=/k.json scopes=api")
        #expect(!base.cacheKey.description.contains("s1"))
    }

    /// Form encoding keeps unreserved bytes, writes a space as `+` and escapes the rest.
    @Test func formEncoding() {
        #expect(FormEncoding.encode([("scope", "a b"), ("client_secret", "x/+=&%é")]) == "scope=a+b&client_secret=x%2F%2B%3D%26%25%C3%A9")
    }
}
