import BatonCore
import Crypto
import _CryptoExtras

/// The RS256-signed JWT a client presents in the JWT-bearer grant (RFC 7523 §2.1, §3).
///
/// Claims as Google's service-account flow wants them: `iss` is the service account,
/// `scope` the space-joined scopes, `aud` the token endpoint (or the configured
/// audience), `iat` now and `exp` an hour later.
enum JWTAssertion {
    /// Google accepts assertions that live at most an hour.
    static let lifetime: Int64 = 3600

    static func sign(
        key: ServiceAccountKey,
        audience: String,
        scopes: [String],
        issuedAt: Int64,
        keyPath: String
    ) throws(TokenError) -> Concealed {
        var header: [JSONKey: JSONValue] = ["alg": .string("RS256"), "typ": .string("JWT")]
        if let keyID = key.keyID { header["kid"] = .string(keyID) }
        var claims: [JSONKey: JSONValue] = [
            "iss": .string(key.clientEmail),
            "aud": .string(audience),
            "iat": .number(Double(issuedAt)),
            "exp": .number(Double(issuedAt &+ lifetime)),
        ]
        if !scopes.isEmpty { claims["scope"] = .string(scopes.joined(separator: " ")) }
        // JSONValue's description is compact JSON with sorted keys: a stable, valid encoding.
        let signingInput = Base64URL.encode(JSONValue.object(header).description) + "." + Base64URL.encode(JSONValue.object(claims).description)
        let signature: _RSA.Signing.RSASignature
        do {
            signature = try key.privateKey.signature(for: SHA256.hash(data: Array(signingInput.utf8)), padding: .insecurePKCS1v1_5)
        } catch {
            throw .signingFailed(path: keyPath)
        }
        return Concealed(signingInput + "." + Base64URL.encode(signature.rawRepresentation))
    }
}
