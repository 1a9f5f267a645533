import Foundation

/// A private CA made with `openssl`, issuing server and client certificates with any validity.
///
/// Debian 12's OpenSSL 3.0 has no `-not_before`/`-not_after` for `req`/`x509` (3.4 adds them) and
/// refuses negative `-days`; `openssl ca -startdate -enddate` sets both dates, past or future.
/// Keys are P-256: generating one takes milliseconds, even on a busy machine.
public final class TestPKI: @unchecked Sendable {
    public enum Usage: Sendable {
        /// `serverAuth`, valid for `127.0.0.1` and `localhost`.
        case server
        /// `clientAuth`, for mutual TLS.
        case client
    }

    /// A certificate and its unencrypted key, both PEM.
    public struct Issued: Sendable {
        public var certificateFile: String
        public var keyFile: String
        public var notBefore: Date
        public var notAfter: Date
    }

    public let directory: URL
    public let caFile: String
    public let caName: String
    private let config: String
    private var serial = 0

    /// A new CA with its own directory and `openssl ca` database.
    public init(caName: String = "Baton Test CA") throws {
        directory = try ChildProcess.temporaryDirectory("baton-pki")
        self.caName = caName
        caFile = directory.appendingPathComponent("ca.pem").path
        config = directory.appendingPathComponent("openssl.cnf").path
        let dir = directory.path
        try FileManager.default.createDirectory(atPath: dir + "/issued", withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: dir + "/index.txt", contents: nil)
        try "1000\n".write(toFile: dir + "/serial", atomically: true, encoding: .utf8)
        try TestPKI.config(directory: dir).write(toFile: config, atomically: true, encoding: .utf8)
        try ChildProcess.run("/usr/bin/openssl", [
            "req", "-x509", "-config", config, "-extensions", "ca_ext", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
            "-nodes", "-subj", "/O=Baton Tests/CN=\(caName)", "-days", "30", "-keyout", dir + "/ca.key", "-out", caFile,
        ])
    }

    /// Issues a certificate for `commonName`, valid from `notBefore` to `notAfter`.
    public func issue(_ commonName: String, usage: Usage = .server, notBefore: Date, notAfter: Date) throws -> Issued {
        serial += 1
        let base = directory.appendingPathComponent("\(usage == .server ? "server" : "client")-\(serial)").path
        try ChildProcess.run("/usr/bin/openssl", [
            "req", "-new", "-config", config, "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-subj", "/CN=\(commonName)", "-keyout", base + ".key", "-out", base + ".csr",
        ])
        try ChildProcess.run("/usr/bin/openssl", [
            "ca", "-batch", "-config", config, "-extensions", usage == .server ? "server_ext" : "client_ext",
            "-startdate", TestPKI.asn1Time(notBefore), "-enddate", TestPKI.asn1Time(notAfter), "-notext",
            "-in", base + ".csr", "-out", base + ".pem",
        ])
        // Whole seconds, as the certificate stores them.
        return Issued(certificateFile: base + ".pem", keyFile: base + ".key",
                      notBefore: Date(timeIntervalSince1970: notBefore.timeIntervalSince1970.rounded(.down)),
                      notAfter: Date(timeIntervalSince1970: notAfter.timeIntervalSince1970.rounded(.down)))
    }

    /// Issues a certificate valid `days` from now (negative: already expired), having started `since` ago.
    public func issue(_ commonName: String, usage: Usage = .server, validFor days: Double, since: Double = 1) throws -> Issued {
        let now = Date()
        return try issue(commonName, usage: usage, notBefore: now.addingTimeInterval(-since * 86_400),
                         notAfter: now.addingTimeInterval(days * 86_400))
    }

    public func remove() {
        try? FileManager.default.removeItem(at: directory)
    }

    /// `YYYYMMDDHHMMSSZ`, which `openssl ca` takes for both dates.
    private static func asn1Time(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String { let v = value ?? 0; return v < 10 ? "0\(v)" : "\(v)" }
        return "\(parts.year ?? 1970)\(two(parts.month))\(two(parts.day))\(two(parts.hour))\(two(parts.minute))\(two(parts.second))Z"
    }

    private static func config(directory: String) -> String {
        """
        [ req ]
        distinguished_name = dn
        prompt = no
        [ dn ]
        CN = unused
        [ ca ]
        default_ca = test_ca
        [ test_ca ]
        dir = \(directory)
        database = $dir/index.txt
        new_certs_dir = $dir/issued
        serial = $dir/serial
        certificate = $dir/ca.pem
        private_key = $dir/ca.key
        default_md = sha256
        policy = any_name
        unique_subject = no
        [ any_name ]
        commonName = supplied
        [ ca_ext ]
        basicConstraints = critical, CA:TRUE
        keyUsage = critical, keyCertSign, cRLSign
        subjectKeyIdentifier = hash
        [ server_ext ]
        basicConstraints = CA:FALSE
        subjectAltName = IP:127.0.0.1, DNS:localhost
        extendedKeyUsage = serverAuth
        [ client_ext ]
        basicConstraints = CA:FALSE
        extendedKeyUsage = clientAuth

        """
    }
}
