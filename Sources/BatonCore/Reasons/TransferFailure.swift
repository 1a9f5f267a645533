/// Why a transfer got no usable answer: no connection, no answer in time, TLS, and so on.
///
/// Texts never hold a URL's path, query or credentials: only a host and port. Messages that
/// come from libcurl (TLS, protocol, other) are kept as written, already free of URLs.
public enum TransferFailure: Sendable, Hashable, Codable {
    /// `connection refused (127.0.0.1:9480)`; the target is `host:port` or `unix socket PATH`.
    case connect(ConnectProblem, target: String)
    /// `timeout after 5s`.
    case timeout(afterMilliseconds: Int64)
    /// `could not resolve host marketo.example.com`.
    case unresolvedHost(String)
    /// `could not resolve the proxy`.
    case unresolvedProxy
    /// `TLS certificate not trusted: certificate has expired`: the whole message.
    case tls(String)
    /// `more than 5 redirects`.
    case redirects(maximum: Int)
    /// `body larger than 1 MiB`.
    case bodyTooLarge(maximumBytes: Int)
    /// `server closed the connection without answering`: the whole message.
    case `protocol`(String)
    /// `malformed URL`, `transfer failed: …`: the whole message.
    case other(String)
    /// A file drop's server refused: `file not found on 127.0.0.1:2222`,
    /// `SFTP host key of 127.0.0.1:2222 is not in /etc/baton/known_hosts`: the whole message.
    case remoteFile(RemoteFileProblem, String)

    /// `timeout after 5s`.
    public static func timeout(after duration: Duration) -> TransferFailure {
        .timeout(afterMilliseconds: duration.milliseconds)
    }

    /// The family, as metrics count it.
    public var kind: ProbeErrorKind {
        switch self {
        case .connect: .connect
        case .timeout: .timeout
        case .unresolvedHost, .unresolvedProxy: .dns
        case .tls: .tls
        case .redirects: .redirects
        case .bodyTooLarge: .bodyTooLarge
        case .protocol: .protocol
        case .other: .other
        case .remoteFile(let problem, _): problem.kind
        }
    }

    public var compact: String {
        switch self {
        case .connect(let problem, let target): "\(problem.compact) (\(target))"
        case .timeout(let ms): "timeout after \(Duration.milliseconds(ms).compact)"
        case .unresolvedHost(let host): "could not resolve host \(host)"
        case .unresolvedProxy: "could not resolve the proxy"
        case .tls(let message), .protocol(let message), .other(let message): message
        case .redirects(let maximum): "more than \(ReasonText.count(maximum, "redirect", "redirects"))"
        case .bodyTooLarge(let bytes): "body larger than \(ByteCount.text(bytes))"
        case .remoteFile(_, let message): message
        }
    }
}

/// Why an sftp or ftp server gave no file.
public enum RemoteFileProblem: String, Sendable, Hashable, Codable, CaseIterable {
    case notFound, accessDenied, loginDenied, hostKeyRejected

    public var kind: ProbeErrorKind {
        switch self {
        case .notFound: .fileNotFound
        case .accessDenied: .accessDenied
        case .loginDenied: .loginDenied
        case .hostKeyRejected: .hostKeyRejected
        }
    }
}

/// Why a connection could not be made, from the operating system's error.
public enum ConnectProblem: String, Sendable, Hashable, Codable, CaseIterable {
    case refused, noSuchSocket, permissionDenied, networkUnreachable, hostUnreachable, timedOut, failed

    /// `connection refused`, `host unreachable`, `could not connect`.
    public var compact: String {
        switch self {
        case .refused: "connection refused"
        case .noSuchSocket: "no such socket"
        case .permissionDenied: "permission denied"
        case .networkUnreachable: "network unreachable"
        case .hostUnreachable: "host unreachable"
        case .timedOut: "connection timed out"
        case .failed: "could not connect"
        }
    }
}
