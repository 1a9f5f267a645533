import BatonCore
import BatonHTTP

/// Reads a token endpoint's answer (RFC 6749 §5.1 and §5.2) into a token or a precise error.
enum TokenResponse {
    /// The longest lifetime believed: a year. A larger `expires_in` is read as this.
    static let longestLifetime: Int64 = 365 * 86_400

    static func read(_ response: HTTPResponse, cacheKey: OAuth2CacheKey) -> Result<AccessToken, TokenError> {
        let members: [JSONKey: JSONValue]?
        if case .object(let object)? = try? JSONParser.parse(response.body) {
            members = object
        } else {
            members = nil
        }
        guard (200..<300).contains(response.status) else {
            return .failure(.rejected(status: response.status, oauthError: members.flatMap(errorCode)))
        }
        guard let members else { return .failure(.notJSON(status: response.status)) }
        guard case .string(let token)? = members["access_token"], !token.isEmpty else {
            // Some endpoints answer 200 with only an OAuth error; name it when there is one.
            if let code = errorCode(members) { return .failure(.rejected(status: response.status, oauthError: code)) }
            return .failure(.noAccessToken)
        }
        guard token.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else { return .failure(.unusableAccessToken) }
        var tokenType: String?
        if case .string(let type)? = members["token_type"] { tokenType = String(type.prefix(32)) }
        return .success(AccessToken(value: token, tokenType: tokenType, lifetime: lifetime(members["expires_in"]), cacheKey: cacheKey))
    }

    /// `expires_in` as a number or a numeric string, clamped to 0 … a year; nil when absent or unreadable.
    static func lifetime(_ value: JSONValue?) -> Duration? {
        let seconds: Double
        switch value {
        case .number(let number): seconds = number
        case .string(let text): guard let number = Double(text) else { return nil }; seconds = number
        default: return nil
        }
        guard seconds.isFinite else { return nil }
        let clamped = min(max(seconds, 0), Double(longestLifetime))
        return .milliseconds(Int64((clamped * 1000).rounded(.down)))
    }

    /// The OAuth `error` code, only when it is a short code (letters, digits, `_.-`): never free text from the body.
    static func errorCode(_ members: [JSONKey: JSONValue]) -> String? {
        guard case .string(let code)? = members["error"], (1...64).contains(code.utf8.count) else { return nil }
        let allowed = code.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
        }
        return allowed ? code : nil
    }
}
