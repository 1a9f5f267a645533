@testable import BatonHTTP
import Testing

@Suite("Transfer targets and listings")
struct TransferTargetTests {
    /// `ftps://` is explicit FTPS: sent as `ftp://` with TLS required; other schemes pass as given.
    @Test(arguments: [
        ("ftps://h.example/exports/a.csv", "ftp://h.example/exports/a.csv", TransferTarget.Kind.ftp, true),
        ("FTPS://h.example:2121/a", "ftp://h.example:2121/a", .ftp, true),
        ("ftp://h.example/a", "ftp://h.example/a", .ftp, false),
        ("sftp://h.example/a", "sftp://h.example/a", .sftp, false),
        ("https://h.example/a", "https://h.example/a", .http, false),
        ("file:///etc/passwd", "file:///etc/passwd", .unsupported, false),
        ("HTTPS://h.example/a", "HTTPS://h.example/a", .http, false),
        ("h.example/a", "h.example/a", .unsupported, false),
        ("mailto:a@b.example", "mailto:a@b.example", .unsupported, false),
        ("https:/h.example", "https:/h.example", .unsupported, false),
        ("averyveryverylongscheme://h", "averyveryverylongscheme://h", .unsupported, false),
        ("", "", .unsupported, false),
    ])
    func schemes(_ url: String, _ sent: String, _ kind: TransferTarget.Kind, _ requiresTLS: Bool) {
        let target = TransferTarget(url)
        #expect(target.url == sent)
        #expect(target.kind == kind)
        #expect(target.requiresTLS == requiresTLS)
    }

    /// The scheme is read from the bytes before the first `://`, lower-cased; anything else has none.
    @Test(arguments: [("HtTp://a", "http"), ("sftp://a", "sftp"), ("a.b-c+d://x", "a.b-c+d"), ("x:/y", ""), ("://x", ""), ("no scheme", "")])
    func scheme(_ url: String, _ scheme: String) {
        #expect(TransferTarget.scheme(of: url) == scheme)
    }

    /// Listings keep names only: no `.`/`..`, no blank lines, paths cut to their last part, CRLF tolerated.
    @Test func directoryNames() {
        let listing = Array(".\n..\nleads_1.csv\r\nexports/leads_2.csv\n\nread me.txt\n".utf8)
        #expect(Transfer.directoryNames(in: listing) == ["leads_1.csv", "leads_2.csv", "read me.txt"])
    }

    /// Default ports make one cache key per server.
    @Test(arguments: [("https://a.example/x", "https://a.example:443"), ("sftp://a.example/x", "sftp://a.example:22"),
                      ("ftp://u:p@a.example:2121/x", "ftp://a.example:2121")])
    func originKeys(_ url: String, _ key: String) {
        #expect(URLAuthority(url)?.originKey == key)
    }
}
