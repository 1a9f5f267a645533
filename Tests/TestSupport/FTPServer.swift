import Foundation

/// An FTP server (pyftpdlib) on a loopback port, plain or requiring explicit TLS (`AUTH TLS`,
/// protected data connections), with one user whose home is ``root``.
public final class FTPServer: @unchecked Sendable {
    public let port: Int
    /// The user's home: `ftp://127.0.0.1:port/name` is `root/name`.
    public let root: URL
    public let username = "baton"
    public let password = "ftp-test-password"
    private let directory: URL
    private let child: ChildProcess

    /// - Parameter certificate: When set, the server speaks TLS and refuses any login without it.
    public init(certificate: TestPKI.Issued? = nil) async throws {
        directory = try ChildProcess.temporaryDirectory("baton-ftpd")
        root = directory.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let script = directory.appendingPathComponent("ftp_server.py")
        try FTPServer.script.write(to: script, atomically: true, encoding: .utf8)
        var options = ["user": username, "password": password, "root": root.path]
        if let certificate {
            options["cert"] = certificate.certificateFile
            options["key"] = certificate.keyFile
        }
        let optionsJSON = String(decoding: try JSONEncoder().encode(options), as: UTF8.self)
        port = LoopbackPort.closed()
        child = try ChildProcess("python3", [script.path, String(port), optionsJSON],
                                 logFile: directory.appendingPathComponent("ftpd.log"))
        do {
            try await child.waitUntilListening(on: port)
        } catch {
            stop()
            throw error
        }
    }

    /// `scheme://127.0.0.1:port/relativePath`.
    public func url(_ relativePath: String, scheme: String = "ftp") -> String {
        "\(scheme)://127.0.0.1:\(port)/\(relativePath)"
    }

    /// Writes `contents` to `relativePath` under ``root`` with the given modification time.
    public func putFile(_ relativePath: String, contents: [UInt8], modified: Date) throws {
        let url = root.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(contents).write(to: url)
        try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: url.path)
    }

    public func stop() {
        child.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    public func logTail() -> String { child.logTail() }

    private static let script = #"""
    import json, logging, sys
    from pyftpdlib.authorizers import DummyAuthorizer
    from pyftpdlib.handlers import FTPHandler, TLS_FTPHandler
    from pyftpdlib.servers import FTPServer

    port = int(sys.argv[1])
    options = json.loads(sys.argv[2])
    logging.basicConfig(level=logging.WARNING)

    authorizer = DummyAuthorizer()
    authorizer.add_user(options["user"], options["password"], options["root"], perm="elr")
    if "cert" in options:
        handler = TLS_FTPHandler
        handler.certfile = options["cert"]
        handler.keyfile = options["key"]
        handler.tls_control_required = True
        handler.tls_data_required = True
    else:
        handler = FTPHandler
    handler.authorizer = authorizer
    FTPServer(("127.0.0.1", port), handler).serve_forever()
    """#
}
