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
        let separator = url.firstRange(of: "://")
        let scheme = separator.map { url[..<$0.lowerBound].lowercased() } ?? ""
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
            self.url = separator.map { "ftp" + url[$0.lowerBound...] } ?? url
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

    /// Whether the connection speaks TLS, so that it has a server certificate to report.
    func usesTLS(_ tls: TLSOptions) -> Bool {
        scheme == "https" || (kind == .ftp && (requiresTLS || tls.required))
    }

    /// The URL of a directory, ending in `/` as libcurl's sftp and ftp listings need.
    var directoryURL: String {
        url.hasSuffix("/") ? url : url + "/"
    }
}
