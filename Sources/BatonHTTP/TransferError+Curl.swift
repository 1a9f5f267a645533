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
}

extension TransferError {
    /// Maps a libcurl result to a kind and a typed failure without secrets.
    init(_ failure: CurlFailure, request: HTTPRequest) {
        let authority = URLAuthority(failure.effectiveURL ?? request.url)
        let target: String = request.unixSocketPath.map { "unix socket \($0)" } ?? authority?.hostAndPort ?? "unknown host"
        let detail = TransferError.detail(failure)
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
            typed = .tls(TransferError.tlsMessage(code: failure.code, detail: detail, host: authority?.host))
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
            typed = .other("unsupported URL scheme \(authority?.scheme ?? "(none)"): only http and https are allowed")
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
    private static func detail(_ failure: CurlFailure) -> String {
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

    private static func tlsMessage(code: Int32, detail: String, host: String?) -> String {
        let problemPrefix = "ssl certificate problem: "
        if detail.lowercased().hasPrefix(problemPrefix) {
            return "TLS certificate not trusted: " + detail.dropFirst(problemPrefix.count)
        }
        if detail.contains("subject name") || detail.contains("does not match") {
            return "TLS certificate does not match host \(host ?? "(unknown)")"
        }
        switch code {
        case 60, 51: return "TLS certificate not trusted: \(detail)"
        case 58: return "TLS client certificate problem: \(detail)"
        case 77: return "TLS trust store could not be read: \(detail)"
        case 90: return "TLS public key does not match the pinned key"
        default: return "TLS handshake failed: \(detail)"
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
