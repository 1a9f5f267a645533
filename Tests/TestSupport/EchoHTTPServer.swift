import Foundation

/// A keep-alive HTTP/1.1 server (Python's `http.server`) that answers every request with what it
/// received, as JSON; over TLS with any certificate, optionally demanding a client certificate
/// or HTTP basic credentials.
///
/// `openssl s_server -www` closes the connection after each answer, so it cannot show what
/// happens on a reused connection; this server keeps connections open.
public final class EchoHTTPServer: @unchecked Sendable {
    /// What the server echoes, decoded.
    public struct Echo: Decodable, Sendable {
        public var method: String
        public var path: String
        /// Request headers by lower-case name.
        public var headers: [String: String]
        public var body: String
    }

    public let port: Int
    public let baseURL: String
    private let child: ChildProcess
    private let directory: URL

    /// The `Last-Modified` every answer carries.
    public static let lastModified = "Tue, 01 Dec 2026 10:00:00 GMT"

    /// - Parameters:
    ///   - certificate: Serve TLS with this certificate (else plain HTTP).
    ///   - clientCA: Require a client certificate issued by this CA.
    ///   - basicAuth: Answer 401 unless these credentials come with the request.
    public init(certificate: TestPKI.Issued? = nil, clientCA: String? = nil, basicAuth: (user: String, password: String)? = nil) async throws {
        directory = try ChildProcess.temporaryDirectory("baton-echo")
        let script = directory.appendingPathComponent("echo_server.py")
        try EchoHTTPServer.script.write(to: script, atomically: true, encoding: .utf8)
        var options: [String: String] = ["last_modified": EchoHTTPServer.lastModified]
        if let certificate {
            options["cert"] = certificate.certificateFile
            options["key"] = certificate.keyFile
        }
        if let clientCA { options["client_ca"] = clientCA }
        if let basicAuth { options["basic"] = Data("\(basicAuth.user):\(basicAuth.password)".utf8).base64EncodedString() }
        let optionsJSON = String(decoding: try JSONEncoder().encode(options), as: UTF8.self)
        port = LoopbackPort.closed()
        baseURL = "\(certificate == nil ? "http" : "https")://127.0.0.1:\(port)"
        child = try ChildProcess("python3", [script.path, String(port), optionsJSON],
                                 logFile: directory.appendingPathComponent("server.log"))
        do {
            try await child.waitUntilListening(on: port)
        } catch {
            stop()
            throw error
        }
    }

    public func stop() {
        child.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    private static let script = #"""
    import base64, http.server, json, socket, ssl, sys

    port = int(sys.argv[1])
    options = json.loads(sys.argv[2])

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def answer(self, with_body=True):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length > 0 else b""
            expected = options.get("basic")
            if expected and self.headers.get("Authorization") != "Basic " + expected:
                status, payload = 401, b'{"error":"unauthorized"}'
            else:
                status = 200
                payload = json.dumps({
                    "method": self.command, "path": self.path,
                    "headers": {k.lower(): v for k, v in self.headers.items()},
                    "body": body.decode("utf-8", "replace"),
                }).encode()
            self.send_response(status)
            if status == 401:
                self.send_header("WWW-Authenticate", 'Basic realm="baton"')
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.send_header("Last-Modified", options["last_modified"])
            self.end_headers()
            if with_body:
                self.wfile.write(payload)

        def do_GET(self): self.answer()
        def do_POST(self): self.answer()
        def do_PUT(self): self.answer()
        def do_HEAD(self): self.answer(with_body=False)
        def log_message(self, *args): pass

    context = None
    if "cert" in options:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(options["cert"], options["key"])
        if "client_ca" in options:
            context.verify_mode = ssl.CERT_REQUIRED
            context.load_verify_locations(options["client_ca"])

    class Server(http.server.ThreadingHTTPServer):
        daemon_threads = True

        def finish_request(self, request, address):
            # The handshake runs in the connection's thread, so one bad client stalls no other.
            if context is not None:
                request = context.wrap_socket(request, server_side=True, do_handshake_on_connect=False)
                try:
                    request.do_handshake()
                except (ssl.SSLError, OSError):
                    # The alert is out; read what the client sent before closing, or the close would
                    # be a reset that can overtake the alert (TLS 1.3 clients send right away).
                    try:
                        request.settimeout(2)
                        socket.socket.shutdown(request, socket.SHUT_WR)
                        while socket.socket.recv(request, 4096):
                            pass
                    except OSError:
                        pass
                    return
            self.RequestHandlerClass(request, address, self)

    Server(("127.0.0.1", port), Handler).serve_forever()
    """#
}
