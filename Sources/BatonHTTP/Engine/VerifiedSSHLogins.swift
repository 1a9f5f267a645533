/// The SSH logins that have proven themselves on a connection of their own to each server.
///
/// libcurl 7.88 reuses an idle SSH connection for any transfer with the same user name, without
/// looking at its known_hosts file or its key: a second integration with a known_hosts that lacks
/// the server, or a key the server refuses, would ride on the first one's connection and pass.
/// So a login gets a fresh connection (`CURLOPT_FRESH_CONNECT`) until it has checked the host key
/// and logged in itself; after that, reusing any connection to the same server is what it would
/// have got anyway. Confined to the engine thread.
struct VerifiedSSHLogins {
    /// A login as the engine sees it: server, credentials, and the known_hosts file as it was.
    struct Key: Hashable {
        /// `sftp://host:port`.
        var origin: String
        var login: SSHKeyLogin?
        var knownHostsFile: String?
        /// The known_hosts file's modification time, so that an edited file is checked again.
        var knownHostsModified: Int64
    }

    private var verified: Set<Key> = []
    private let capacity: Int

    init(capacity: Int = 4096) {
        self.capacity = max(1, capacity)
    }

    func needsFreshConnection(_ key: Key) -> Bool {
        !verified.contains(key)
    }

    /// Learns from a finished transfer (`failure` nil when it succeeded): a login that got through
    /// on a connection it opened is verified; one refused for its host key or its key is not (any more).
    mutating func record(_ key: Key, openedConnection: Bool, failure: TransferError.Kind?) {
        switch failure {
        case nil, .fileNotFound, .accessDenied:
            // A missing or unreadable file is refused after the login: the login itself held.
            guard openedConnection else { return }
            if verified.count >= capacity { verified.removeAll() }
            verified.insert(key)
        case .hostKeyRejected, .loginDenied:
            verified.remove(key)
        default:
            return
        }
    }
}
