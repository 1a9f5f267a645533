/// Why a transfer produced no response, in words an operator understands.
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
    /// One plain sentence; never contains a URL's path, query or userinfo (they may hold secrets).
    public var message: String
    /// The libcurl result code (`CURLE_*`), or 0 when the transfer never reached libcurl.
    public var curlCode: Int32
    /// From the start of the transfer to the failure; zero when it never started.
    public var elapsed: Duration

    public init(kind: Kind, message: String, curlCode: Int32 = 0, elapsed: Duration = .zero) {
        self.kind = kind
        self.message = message
        self.curlCode = curlCode
        self.elapsed = elapsed
    }

    public var description: String { message }

    static func cancelled(_ message: String = "transfer cancelled", elapsed: Duration = .zero) -> TransferError {
        TransferError(kind: .cancelled, message: message, elapsed: elapsed)
    }
}
