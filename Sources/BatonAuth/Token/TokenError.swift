import BatonHTTP

/// Why no access token could be had, in words fit for an integration's `down` reason.
///
/// No case ever holds a client secret, an assertion, a token, key material or a response
/// body: only statuses, OAuth error codes (RFC 6749 §5.2) checked to be short tokens, file
/// paths and the engine's secret-free transfer messages.
public enum TokenError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The token request failed before an answer: refused, timed out, TLS, DNS…
    case transfer(kind: TransferError.Kind, message: String)
    /// A non-2xx answer (or a 2xx carrying only an OAuth `error`), with its `error` code when it had a usable one.
    case rejected(status: Int, oauthError: String?)
    /// A 2xx answer whose body is not a JSON object.
    case notJSON(status: Int)
    /// A 2xx JSON answer without a non-empty `access_token`.
    case noAccessToken
    /// An `access_token` with bytes that cannot go into an HTTP header (controls, spaces, non-ASCII).
    case unusableAccessToken
    /// The service-account key file cannot be used.
    case keyFile(path: String, problem: KeyFileProblem)
    /// The key parsed but signing the assertion failed.
    case signingFailed(path: String)
    /// The credential lacks something its grant needs.
    case incompleteCredential(String)
    /// The resource answered 401 to the cached token and again to a freshly fetched one.
    case rejectedTwice(status: Int)
    case cancelled

    /// What is wrong with a key file.
    public enum KeyFileProblem: Error, Sendable, Equatable, CustomStringConvertible {
        case missing
        case unreadable(String)
        case notAFile
        case tooLarge(limit: Int)
        case notJSON
        case notServiceAccount(type: String)
        case missingField(String)
        case badPrivateKey

        public var description: String {
            switch self {
            case .missing: "no such file"
            case .unreadable(let reason): "cannot be read (\(reason))"
            case .notAFile: "is not a regular file"
            case .tooLarge(let limit): "is larger than \(limit / 1024) KiB: not a service-account key"
            case .notJSON: "is not a JSON object"
            case .notServiceAccount(let type): "is not a service-account key (type \(type))"
            case .missingField(let name): "has no \(name)"
            case .badPrivateKey: "has no usable private_key (expected an RSA key of 2048 bits or more, PEM)"
            }
        }
    }

    public var description: String {
        switch self {
        case .transfer(let kind, let message):
            switch kind {
            case .connect where message.hasPrefix("connection refused"):
                return "token endpoint refused the connection" + message.dropFirst("connection refused".count)
            case .timeout where message.hasPrefix("timeout after "):
                return "token endpoint timed out after " + message.dropFirst("timeout after ".count)
            case .timeout:
                return "token endpoint timed out (\(message))"
            case .cancelled:
                return "token request cancelled"
            default:
                return "token endpoint could not be reached: \(message)"
            }
        case .rejected(let status, let code):
            return "token endpoint answered \(status)" + (code.map { " \($0)" } ?? "")
        case .notJSON(let status):
            return "token endpoint answered non-JSON" + (status == 200 ? "" : " (HTTP \(status))")
        case .noAccessToken:
            return "token endpoint answer has no access_token"
        case .unusableAccessToken:
            return "token endpoint answered an access_token that cannot be sent in a header"
        case .keyFile(let path, let problem):
            return "key file \(path) \(problem)"
        case .signingFailed(let path):
            return "could not sign the JWT assertion with the key in \(path)"
        case .incompleteCredential(let what):
            return what
        case .rejectedTwice(let status):
            return "endpoint answered \(status) to a fresh access token too"
        case .cancelled:
            return "token request cancelled"
        }
    }

    init(_ error: TransferError) {
        self = error.kind == .cancelled ? .cancelled : .transfer(kind: error.kind, message: error.message)
    }
}
