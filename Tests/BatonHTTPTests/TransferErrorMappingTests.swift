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
