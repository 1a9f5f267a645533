@testable import BatonHTTP
import BatonCore
import Testing

@Suite("TransferError from libcurl results")
struct TransferErrorMappingTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var code: Int32
        var errorText: String
        var osErrno: Int32 = 0
        var capExceeded = false
        var kind: TransferError.Kind
        var message: String
        var testDescription: String { "curl \(code) → \(kind.rawValue)" }
    }

    static let request = HTTPRequest(url: "https://user:pw@crm.example.com/api/sync?token=s3cret", timeout: .milliseconds(1500), maxBodyBytes: 512 << 10)

    static let cases: [Case] = [
        Case(code: 7, errorText: "Failed to connect to crm.example.com port 443 after 0 ms: Couldn't connect to server", osErrno: 111,
             kind: .connect, message: "connection refused (crm.example.com:443)"),
        Case(code: 7, errorText: "", osErrno: 113, kind: .connect, message: "host unreachable (crm.example.com:443)"),
        Case(code: 28, errorText: "Operation timed out after 1501 milliseconds with 0 bytes received", kind: .timeout, message: "timeout after 1.5s"),
        Case(code: 6, errorText: "Could not resolve host: crm.example.com", kind: .dns, message: "could not resolve host crm.example.com"),
        Case(code: 60, errorText: "SSL certificate problem: certificate has expired", kind: .tls, message: "TLS certificate not trusted: certificate has expired"),
        Case(code: 60, errorText: "SSL certificate problem: certificate is not yet valid", kind: .tls, message: "TLS certificate not trusted: certificate is not yet valid"),
        Case(code: 60, errorText: "SSL certificate problem: unable to get local issuer certificate", kind: .tls,
             message: "TLS certificate not trusted: issued by an unknown CA (unable to get local issuer certificate)"),
        Case(code: 56, errorText: "Recv failure: Connection reset by peer", kind: .protocol, message: "receiving the response failed (recv failure: Connection reset by peer)"),
        Case(code: 60, errorText: "SSL: no alternative certificate subject name matches target host name 'crm.example.com'",
             kind: .tls, message: "TLS certificate does not match host crm.example.com"),
        Case(code: 35, errorText: "OpenSSL/3.0.17: error:0A00010B:SSL routines::wrong version number",
             kind: .tls, message: "TLS handshake failed: OpenSSL/3.0.17: error:0A00010B:SSL routines::wrong version number"),
        Case(code: 47, errorText: "Maximum (5) redirects followed", kind: .redirects, message: "more than 5 redirects"),
        Case(code: 23, errorText: "Failure writing output to destination", capExceeded: true, kind: .bodyTooLarge, message: "body larger than 512 KiB"),
        Case(code: 23, errorText: "Failure writing output to destination", kind: .other, message: "transfer failed: failure writing output to destination"),
        Case(code: 52, errorText: "Empty reply from server", kind: .protocol, message: "server closed the connection without answering"),
        Case(code: 56, errorText: "Recv failure: Connection reset by peer", kind: .protocol, message: "receiving the response failed (recv failure: Connection reset by peer)"),
        Case(code: 18, errorText: "transfer closed with 10 bytes remaining to read", kind: .protocol, message: "server closed the connection before the whole body arrived"),
        Case(code: 8, errorText: "Unsupported HTTP version in response", kind: .protocol, message: "server sent an invalid HTTP response"),
        Case(code: 3, errorText: "URL using bad/illegal format or missing URL", kind: .other, message: "malformed URL"),
        Case(code: 43, errorText: "Leaked https://user:pw@crm.example.com/api?token=s3cret here", kind: .other,
             message: "transfer failed: leaked https://crm.example.com here"),
    ]

    /// Each libcurl code family maps to its kind and a plain sentence free of paths, queries and credentials.
    @Test(arguments: cases)
    func mapping(_ testCase: Case) {
        let failure = CurlFailure(code: testCase.code, errorText: testCase.errorText, summary: "generic", osErrno: testCase.osErrno,
                                  effectiveURL: Self.request.url, bodyCapExceeded: testCase.capExceeded)

        let error = TransferError(failure, request: Self.request)

        #expect(error.kind == testCase.kind)
        #expect(error.message == testCase.message)
        #expect(error.failure.kind.rawValue == testCase.kind.rawValue)
        #expect(!error.message.contains("s3cret") && !error.message.contains("/api/sync") && !error.message.contains("pw@"))
    }

    struct FileCase: Sendable, CustomTestStringConvertible {
        var url: String
        var code: Int32
        var errorText: String
        var knownHosts: String? = nil
        var verdict: HostKeyVerdict? = nil
        var sshReason: String? = nil
        var kind: TransferError.Kind
        var message: String
        var testDescription: String { "\(url.prefix(while: { $0 != ":" })) curl \(code) → \(kind.rawValue)" }
    }

    static let login = Authentication.ssh(SSHKeyLogin(username: "baton", privateKeyFile: "/etc/baton/keys/sftp", passphrase: "s3cret"))

    static let fileCases: [FileCase] = [
        FileCase(url: "sftp://files.example/exports/a.csv", code: 78, errorText: "Could not open remote file for reading: No such file or directory",
                 kind: .fileNotFound, message: "file not found on files.example:22"),
        FileCase(url: "ftp://files.example/a.csv", code: 78, errorText: "Given file does not exist", kind: .fileNotFound, message: "file not found on files.example:21"),
        FileCase(url: "ftp://files.example/missing/", code: 19, errorText: "RETR response: 550", kind: .fileNotFound, message: "file not found on files.example:21"),
        FileCase(url: "ftp://files.example/a.csv", code: 19, errorText: "RETR response: 425", kind: .protocol,
                 message: "the FTP server on files.example:21 would not send the file (RETR response: 425)"),
        FileCase(url: "sftp://files.example/a.csv", code: 9, errorText: "Could not open remote file for reading: Permission denied",
                 kind: .accessDenied, message: "permission denied for the remote file on files.example:22"),
        FileCase(url: "sftp://files.example:2222/a.csv", code: 60, errorText: "", knownHosts: "/etc/baton/known_hosts", verdict: .unknown,
                 kind: .hostKeyRejected, message: "SFTP host key of files.example:2222 is not in /etc/baton/known_hosts"),
        FileCase(url: "sftp://files.example:2222/a.csv", code: 60, errorText: "", knownHosts: "/etc/baton/known_hosts", verdict: .mismatch,
                 kind: .hostKeyRejected, message: "SFTP host key of files.example:2222 does not match /etc/baton/known_hosts"),
        FileCase(url: "sftp://files.example/a.csv", code: 67, errorText: "Authentication failure", sshReason: "Username/PublicKey combination invalid",
                 kind: .loginDenied, message: "SFTP login denied for user baton on files.example:22: the server does not accept the key /etc/baton/keys/sftp"),
        FileCase(url: "sftp://files.example/a.csv", code: 79, errorText: "Failure initializing sftp session: Timeout waiting for response",
                 kind: .protocol, message: "SSH error on files.example:22 (failure initializing sftp session: Timeout waiting for response)"),
        FileCase(url: "ftps://files.example/a.csv", code: 64, errorText: "Requested SSL level failed", kind: .tls,
                 message: "the FTP server on files.example:21 does not offer TLS, which is required"),
        FileCase(url: "ftp://files.example/a.csv", code: 67, errorText: "Access denied: 530", kind: .loginDenied, message: "FTP login denied on files.example:21"),
    ]

    /// sftp and ftp failures map to kinds the judgement can tell apart, without paths or secrets.
    @Test(arguments: fileCases)
    func fileTransferMapping(_ testCase: FileCase) {
        var request = HTTPRequest(url: testCase.url)
        if testCase.url.hasPrefix("sftp") { request.authentication = Self.login }
        let failure = CurlFailure(code: testCase.code, errorText: testCase.errorText, summary: "generic", effectiveURL: testCase.url,
                                  knownHostsFile: testCase.knownHosts, hostKeyVerdict: testCase.verdict, sshLoginFailure: testCase.sshReason)

        let error = TransferError(failure, request: request)

        #expect(error.kind == testCase.kind)
        #expect(error.message == testCase.message)
        #expect(!error.message.contains("s3cret") && !error.message.contains("exports"))
    }

    /// TLS alerts name the client-certificate problem, also when they arrive as a read or write error.
    @Test(arguments: [
        (56, "OpenSSL SSL_read: error:0A00045C:SSL routines::tlsv13 alert certificate required, errno 0", false,
         "TLS server requires a client certificate, and none is configured (alert: certificate required)"),
        (56, "OpenSSL SSL_read: error:0A000418:SSL routines::tlsv1 alert unknown ca, errno 0", true,
         "TLS client certificate refused by the server (alert: unknown ca)"),
        (35, "OpenSSL/3.0.19: error:0A000412:SSL routines::sslv3 alert bad certificate", true,
         "TLS client certificate refused by the server (alert: bad certificate)"),
        (35, "OpenSSL/3.0.19: error:0A000410:SSL routines::sslv3 alert handshake failure", false,
         "TLS handshake failed: the server sent alert handshake failure (does it require a client certificate?)"),
        (35, "OpenSSL/3.0.19: error:0A000438:SSL routines::tlsv1 alert internal error", true,
         "TLS handshake failed: the server sent alert internal error"),
    ] as [(Int32, String, Bool, String)])
    func tlsAlerts(code: Int32, text: String, presented: Bool, expected: String) {
        var request = Self.request
        if presented { request.tls.clientCertificateFile = "/etc/baton/tls/baton.crt" }
        let error = TransferError(CurlFailure(code: code, errorText: text, summary: "", effectiveURL: request.url), request: request)
        #expect(error.kind == .tls)
        #expect(error.message == expected)
    }

    /// URLs inside messages keep only scheme, host and port.
    @Test(arguments: [
        ("see https://u:p@h.example:8443/a/b?c=d#e now", "see https://h.example:8443 now"),
        ("'http://[::1]:9/x'", "'http://[::1]:9'"),
        ("no url here", "no url here"),
    ])
    func redaction(_ text: String, _ expected: String) {
        #expect(redactingURLs(in: text) == expected)
    }
}
