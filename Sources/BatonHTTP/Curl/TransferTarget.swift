/// The URL as libcurl gets it, and what its scheme asks of the transfer.
///
/// `ftps://` means explicit FTPS here, as in Baton's config: it is sent as `ftp://` with TLS
/// required (`AUTH TLS` on the control connection, port 21 by default). Implicit FTPS (TLS from
/// the first byte, port 990) is obsolete and rarely offered, so libcurl's own `ftps://` is not used.
struct TransferTarget: Equatable {
    enum Kind: Equatable {
        case http, ftp, sftp
        /// Anything else: libcurl's protocol list refuses it with a clear error.
        case unsupported
    }

    var url: String
    /// The scheme in lower case, after the `ftps` rewrite.
    var scheme: String
    var kind: Kind
    /// The URL asks for TLS on an FTP connection.
    var requiresTLS: Bool

    /// The protocols libcurl may speak (`CURLOPT_PROTOCOLS_STR`); redirects stay on http(s).
    static let allowedProtocols = "http,https,ftp,sftp"

    init(_ url: String) {
        let scheme = Self.scheme(of: url)
        switch scheme {
        case "http", "https":
            kind = .http
            self.scheme = scheme
            self.url = url
            requiresTLS = false
        case "ftp":
            kind = .ftp
            self.scheme = scheme
            self.url = url
            requiresTLS = false
        case "ftps":
            kind = .ftp
            self.scheme = "ftp"
            self.url = "ftp" + String(url.dropFirst(4))
            requiresTLS = true
        case "sftp":
            kind = .sftp
            self.scheme = scheme
            self.url = url
            requiresTLS = false
        default:
            kind = .unsupported
            self.scheme = scheme
            self.url = url
            requiresTLS = false
        }
    }

    /// The lower-cased bytes before `://`, or "" when there is none. Read for every transfer, so
    /// done on bytes: a substring search and `lowercased()` cost 5 % of the daemon's CPU at
    /// 1,000 probes a second. Schemes are ASCII letters, digits, `+`, `-` and `.` (RFC 3986).
    static func scheme(of url: String) -> String {
        var scheme: [UInt8] = []
        var colonSeen = false
        var slashes = 0
        for byte in url.utf8 {
            if colonSeen {
                guard byte == UInt8(ascii: "/") else { return "" }
                slashes += 1
                if slashes == 2 { return String(decoding: scheme, as: UTF8.self) }
                continue
            }
            if byte == UInt8(ascii: ":") {
                colonSeen = true
                continue
            }
            // Nothing longer is a scheme libcurl is asked for; a long run is a URL without one.
            guard scheme.count < 16 else { return "" }
            scheme.append(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte)
        }
        return ""
    }

    /// Whether the connection speaks TLS, so that it has a server certificate to report.
    func usesTLS(_ tls: TLSOptions) -> Bool {
        scheme == "https" || (kind == .ftp && (requiresTLS || tls.required))
    }

    /// The URL of a directory, ending in `/` as libcurl's sftp and ftp listings need.
    var directoryURL: String {
        url.hasSuffix("/") ? url : url + "/"
    }
}
