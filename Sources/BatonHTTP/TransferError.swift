import BatonCore

/// Why a transfer produced no response, typed, and in words an operator understands.
public struct TransferError: Error, Sendable, CustomStringConvertible {
    /// The family of failure, stable enough to count and alert on.
    public enum Kind: String, Sendable, CaseIterable {
        case connect, timeout, tls, dns, redirects
        case bodyTooLarge = "body_too_large"
        case `protocol`, cancelled, other
        /// The remote file or directory does not exist (sftp, ftp `550`).
        case fileNotFound = "file_not_found"
        /// The server refused to read the file or enter the directory (sftp permission denied,
        /// ftp refusing `CWD`, which also covers a directory that does not exist).
        case accessDenied = "access_denied"
        /// The server refused the login: SSH key, ftp user and password.
        case loginDenied = "login_denied"
        /// The SFTP server's host key is not in known_hosts, does not match it, or cannot be checked.
        case hostKeyRejected = "host_key_rejected"
    }

    public var kind: Kind
    /// What went wrong, typed: a probe's reason is made of it without reading ``message``.
    public var failure: TransferFailure
    /// The libcurl result code (`CURLE_*`), or 0 when the transfer never reached libcurl.
    public var curlCode: Int32
    /// From the start of the transfer to the failure; zero when it never started.
    public var elapsed: Duration

    public init(kind: Kind, failure: TransferFailure, curlCode: Int32 = 0, elapsed: Duration = .zero) {
        self.kind = kind
        self.failure = failure
        self.curlCode = curlCode
        self.elapsed = elapsed
    }

    /// A failure known by its kind and sentence: TLS, protocol and file-drop kinds keep their
    /// type, anything else is ``TransferFailure/other(_:)``.
    public init(kind: Kind, message: String, curlCode: Int32 = 0, elapsed: Duration = .zero) {
        let failure: TransferFailure = switch kind {
        case .tls: .tls(message)
        case .protocol: .protocol(message)
        case .fileNotFound: .remoteFile(.notFound, message)
        case .accessDenied: .remoteFile(.accessDenied, message)
        case .loginDenied: .remoteFile(.loginDenied, message)
        case .hostKeyRejected: .remoteFile(.hostKeyRejected, message)
        case .connect, .timeout, .dns, .redirects, .bodyTooLarge, .cancelled, .other: .other(message)
        }
        self.init(kind: kind, failure: failure, curlCode: curlCode, elapsed: elapsed)
    }

    /// One plain sentence; never contains a URL's path, query or userinfo (they may hold secrets).
    public var message: String { failure.compact }

    public var description: String { message }

    static func cancelled(_ message: String = "transfer cancelled", elapsed: Duration = .zero) -> TransferError {
        TransferError(kind: .cancelled, message: message, elapsed: elapsed)
    }
}
