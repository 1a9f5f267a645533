/// A server that would not let the check in: SSH host keys (`known_hosts`) and logins.
public enum AccessProblem: Sendable, Hashable, Codable {
    /// `host key of files.partner.example is not in known_hosts`: never trusted on first use.
    case hostKeyUnknown(host: String)
    /// `host key of files.partner.example does not match known_hosts`: possibly another server.
    case hostKeyMismatch(host: String)
    /// `login denied for baton`; the user name, never a password or key.
    case loginDenied(user: String)

    public var compact: String {
        switch self {
        case .hostKeyUnknown(let host): "host key of \(host) is not in known_hosts"
        case .hostKeyMismatch(let host): "host key of \(host) does not match known_hosts"
        case .loginDenied(let user): "login denied for \(user)"
        }
    }
}
