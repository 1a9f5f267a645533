import BatonCore
#if canImport(Glibc)
import Glibc
#endif

/// What the engine knows about a failed transfer when it turns it into a ``TransferError``.
struct CurlFailure {
    var code: Int32
    /// The transfer's `CURLOPT_ERRORBUFFER` text; may be empty and may contain URLs.
    var errorText: String
    /// `curl_easy_strerror(code)`, used when the error buffer is empty.
    var summary: String
    /// `CURLINFO_OS_ERRNO`: the errno of the last failed connect.
    var osErrno: Int32 = 0
    /// The URL libcurl was working on when it failed (after redirects).
    var effectiveURL: String?
    var bodyCapExceeded = false
    var elapsed: Duration = .zero
    /// SFTP: the known_hosts file the host key was checked against.
    var knownHostsFile: String?
    /// SFTP: why the host key callback refused the key.
    var hostKeyVerdict: HostKeyVerdict?
    /// SFTP: libssh2's reason for refusing the key login, from libcurl's verbose text.
    var sshLoginFailure: String?
}

extension TransferError {
    /// Maps a libcurl result to a kind and a typed failure without secrets.
    init(_ failure: CurlFailure, request: HTTPRequest) {
        let url = failure.effectiveURL ?? request.url
        let authority = URLAuthority(url)
        let target: String = request.unixSocketPath.map { "unix socket \($0)" } ?? authority?.hostAndPort ?? "unknown host"
        let detail = TransferError.detail(failure)
        if let fileError = TransferError.fileTransferError(failure, request: request, kind: TransferTarget(url).kind, target: target, detail: detail) {
            self = fileError
            return
        }
        // TLS 1.3 servers refuse a client certificate after the client thinks the handshake is
        // done, so their alert arrives with the first read or write (55, 56) instead of as a 35.
        if failure.code == 55 || failure.code == 56, TransferError.tlsAlert(in: detail) != nil {
            let message = TransferError.tlsMessage(code: failure.code, detail: detail, host: authority?.host, tls: request.tls)
            self.init(kind: .tls, message: message, curlCode: failure.code, elapsed: failure.elapsed)
            return
        }
        let kind: Kind
        let typed: TransferFailure
        switch failure.code {
        case 7:
            kind = .connect
            typed = .connect(TransferError.connectProblem(errno: failure.osErrno), target: target)
        case 28:
            kind = .timeout
            typed = .timeout(after: request.timeout)
        case 5:
            kind = .dns
            typed = .unresolvedProxy
        case 6:
            kind = .dns
            typed = .unresolvedHost(authority?.host ?? "(unknown)")
        case 35, 51, 53, 54, 58, 59, 60, 64, 66, 77, 80, 83, 90, 91:
            kind = .tls
            typed = .tls(TransferError.tlsMessage(code: failure.code, detail: detail, host: authority?.host, tls: request.tls))
        case 47:
            kind = .redirects
            typed = .redirects(maximum: request.maxRedirects)
        case 23 where failure.bodyCapExceeded:
            kind = .bodyTooLarge
            typed = .bodyTooLarge(maximumBytes: request.maxBodyBytes)
        case 52:
            kind = .protocol
            typed = .protocol("server closed the connection without answering")
        case 18:
            kind = .protocol
            typed = .protocol("server closed the connection before the whole body arrived")
        case 8:
            kind = .protocol
            typed = .protocol("server sent an invalid HTTP response")
        case 16, 92:
            kind = .protocol
            typed = .protocol("HTTP/2 protocol error (\(detail))")
        case 55:
            kind = .protocol
            typed = .protocol("sending the request failed (\(detail))")
        case 56:
            kind = .protocol
            typed = .protocol("receiving the response failed (\(detail))")
        case 61:
            kind = .protocol
            typed = .protocol("could not decode the response body (\(detail))")
        case 1:
            kind = .other
            typed = .other("unsupported URL scheme \(authority?.scheme ?? "(none)"): only http, https, sftp, ftp and ftps are allowed")
        case 3:
            kind = .other
            typed = .other("malformed URL")
        default:
            kind = .other
            typed = .other("transfer failed: \(detail)")
        }
        self.init(kind: kind, failure: typed, curlCode: failure.code, elapsed: failure.elapsed)
    }

    /// The error buffer's text without URLs and without libcurl's "Failed to …" prefixes,
    /// falling back to the code's generic description.
    static func detail(_ failure: CurlFailure) -> String {
        var text = failure.errorText.trimmingTrailingNewlines()
        if text.isEmpty { text = failure.summary }
        text = redactingURLs(in: text)
        return text.lowercasingFirstLetter()
    }

    private static func connectProblem(errno: Int32) -> ConnectProblem {
        switch errno {
        case ECONNREFUSED: .refused
        case ENOENT: .noSuchSocket
        case EACCES, EPERM: .permissionDenied
        case ENETUNREACH: .networkUnreachable
        case EHOSTUNREACH: .hostUnreachable
        case ETIMEDOUT: .timedOut
        default: .failed
        }
    }
}

extension String {
    fileprivate func trimmingTrailingNewlines() -> String {
        var text = self[...]
        while let last = text.last, last.isNewline || last == " " { text = text.dropLast() }
        return String(text)
    }

    fileprivate func lowercasingFirstLetter() -> String {
        guard let first = first, first.isUppercase else { return self }
        // Keep names and acronyms ("SSL", "OpenSSL/3.0", "HTTP/2") as they are.
        let firstWord = prefix(while: { $0.isLetter })
        if firstWord.dropFirst().contains(where: \.isUppercase) { return self }
        return first.lowercased() + dropFirst()
    }
}
