import Crypto
import Foundation
import _CryptoExtras

/// Checks a JWT-bearer assertion (RFC 7523 §3) the way Google's token endpoint does.
enum JWTVerifier {
    struct Claims {
        var issuer: String
        var scope: String?
        var audience: String
    }

    /// Why an assertion is refused, worded like Google's `error_description`s.
    enum Failure: Error, Equatable {
        case malformed
        case unsupportedAlgorithm
        case unknownIssuer
        case badSignature
        case wrongAudience
        case badTimes
        case missingScope

        var errorCode: String { self == .missingScope ? "invalid_scope" : "invalid_grant" }

        var errorDescription: String {
            switch self {
            case .malformed: "Invalid JWT: could not parse the assertion."
            case .unsupportedAlgorithm: "Invalid JWT: the signing algorithm must be RS256."
            case .unknownIssuer: "Invalid grant: account not found"
            case .badSignature: "Invalid JWT Signature."
            case .wrongAudience: "Invalid JWT: Failed audience check."
            case .badTimes: "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim."
            case .missingScope: "Invalid oauth scope or ID token audience provided."
            }
        }
    }

    /// Verifies the RS256 signature with the issuer's public key, then `aud`, `iat` and `exp`.
    static func verify(
        _ assertion: String,
        keys: [String: _RSA.Signing.PublicKey],
        audiences: Set<String>,
        now: Int64
    ) -> Result<Claims, Failure> {
        let parts = assertion.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerData = decode(parts[0]), let payloadData = decode(parts[1]),
              let signature = decode(parts[2]),
              let header = (try? JSONSerialization.jsonObject(with: headerData)) as? [String: Any],
              let payload = (try? JSONSerialization.jsonObject(with: payloadData)) as? [String: Any] else {
            return .failure(.malformed)
        }
        guard header["alg"] as? String == "RS256" else { return .failure(.unsupportedAlgorithm) }
        guard let issuer = payload["iss"] as? String, let key = keys[issuer] else { return .failure(.unknownIssuer) }
        let signingInput = Array("\(parts[0]).\(parts[1])".utf8)
        guard key.isValidSignature(.init(rawRepresentation: signature), for: SHA256.hash(data: signingInput), padding: .insecurePKCS1v1_5) else {
            return .failure(.badSignature)
        }
        guard let audience = payload["aud"] as? String, audiences.contains(audience) else { return .failure(.wrongAudience) }
        guard let issuedAt = (payload["iat"] as? NSNumber)?.int64Value, let expiry = (payload["exp"] as? NSNumber)?.int64Value,
              expiry > issuedAt, expiry - issuedAt <= 3600, issuedAt <= now + 60, expiry > now else {
            return .failure(.badTimes)
        }
        let scope = payload["scope"] as? String
        guard let scope, !scope.isEmpty else { return .failure(.missingScope) }
        return .success(Claims(issuer: issuer, scope: scope, audience: audience))
    }

    /// Base64url without padding, as JWT segments are written.
    static func decode(_ segment: Substring) -> Data? {
        var text = segment.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while text.count % 4 != 0 { text += "=" }
        return Data(base64Encoded: text)
    }
}
