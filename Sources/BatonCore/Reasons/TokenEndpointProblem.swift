/// Why an OAuth2 token could not be had, so the check could not even ask its endpoint.
///
/// Never holds a secret, an assertion, a token or a response body: statuses, OAuth error
/// codes (RFC 6749 §5.2, short tokens) and secret-free transfer failures only.
public enum TokenEndpointProblem: Sendable, Hashable, Codable {
    /// `token endpoint answered 401 invalid_client`; the OAuth `error` code when it sent a usable one.
    case answered(status: Int, oauthError: String?)
    /// `token endpoint refused the connection (host:port)`, `token endpoint timed out after 5s`,
    /// `token endpoint could not be reached: …`.
    case unreachable(TransferFailure)
    /// `token endpoint answered non-JSON`, with the status when it was not 200.
    case notJSON(status: Int)
    /// `token endpoint answer has no access_token`.
    case noAccessToken
    /// Anything else about the token, as one sentence: `key file /etc/baton/keys/sa.json has no private_key`.
    case other(String)

    public var compact: String {
        switch self {
        case .answered(let status, let error):
            return "token endpoint answered \(status)" + (error.map { " \($0)" } ?? "")
        case .unreachable(.connect(.refused, let target)):
            return "token endpoint refused the connection (\(target))"
        case .unreachable(.timeout(let ms)):
            return "token endpoint timed out after \(Duration.milliseconds(ms).compact)"
        case .unreachable(let failure):
            return "token endpoint could not be reached: \(failure.compact)"
        case .notJSON(let status):
            return "token endpoint answered non-JSON" + (status == 200 ? "" : " (HTTP \(status))")
        case .noAccessToken:
            return "token endpoint answer has no access_token"
        case .other(let text):
            return text
        }
    }
}
