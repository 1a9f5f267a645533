import Foundation
import NIOSSL
import PostgresNIO

/// How to reach PostgreSQL, from `storage.postgres.url` (libpq's URL form) and its password.
///
/// `postgres://user@host:port/database?sslmode=verify-full&sslrootcert=/etc/baton/pg-ca.pem`;
/// `sslmode` is `disable`, `prefer`, `require` (encrypted, not verified), `verify-ca` or
/// `verify-full` (the default: a database holding who acknowledged what deserves a verified peer).
/// `host=/run/postgresql` in the query connects to a Unix socket in that folder.
public struct PostgresConnectionSettings: Sendable {
    let configuration: PostgresConnection.Configuration
    /// The URL without its password, for messages.
    public let displayURL: String

    /// Why a PostgreSQL URL cannot be used.
    public struct Invalid: Error, CustomStringConvertible {
        public var description: String
    }

    public init(url text: String, password explicit: String?) throws(Invalid) {
        guard let components = URLComponents(string: text), let scheme = components.scheme,
              scheme == "postgres" || scheme == "postgresql" else {
            throw Invalid(description: "storage.postgres.url must look like postgres://user@host:5432/baton")
        }
        let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, last in last })
        let user = components.user.flatMap { $0.removingPercentEncoding } ?? "baton"
        let password = explicit ?? components.password.flatMap { $0.removingPercentEncoding }
        let database = components.path.split(separator: "/").first.map(String.init).flatMap { $0.removingPercentEncoding } ?? user
        var display = components
        display.password = nil
        displayURL = display.string ?? "postgres://\(components.host ?? "")"

        if let socketFolder = query["host"], socketFolder.hasPrefix("/") {
            let port = components.port ?? 5432
            configuration = .init(unixSocketPath: "\(socketFolder)/.s.PGSQL.\(port)", username: user, password: password, database: database)
            return
        }
        guard let host = components.host, !host.isEmpty else { throw Invalid(description: "storage.postgres.url has no host") }
        let tls: PostgresConnection.Configuration.TLS
        do {
            tls = try Self.tls(mode: query["sslmode"] ?? "verify-full", rootCertificate: query["sslrootcert"])
        } catch let error as Invalid {
            throw error
        } catch {
            throw Invalid(description: "storage.postgres.url: cannot set up TLS: \(error)")
        }
        configuration = .init(host: host, port: components.port ?? 5432, username: user, password: password, database: database, tls: tls)
    }

    private static func tls(mode: String, rootCertificate: String?) throws -> PostgresConnection.Configuration.TLS {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let rootCertificate { tls.trustRoots = .file(rootCertificate) }
        switch mode {
        case "disable":
            return .disable
        case "prefer", "allow":
            tls.certificateVerification = .none
            return .prefer(try NIOSSLContext(configuration: tls))
        case "require":
            tls.certificateVerification = .none
            return .require(try NIOSSLContext(configuration: tls))
        case "verify-ca":
            tls.certificateVerification = .noHostnameVerification
            return .require(try NIOSSLContext(configuration: tls))
        case "verify-full":
            tls.certificateVerification = .fullVerification
            return .require(try NIOSSLContext(configuration: tls))
        default:
            throw Invalid(description: "storage.postgres.url: sslmode \"\(mode)\" is not one of disable, prefer, require, verify-ca, verify-full")
        }
    }
}
