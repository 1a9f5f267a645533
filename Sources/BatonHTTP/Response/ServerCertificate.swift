#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The identity and validity of the certificate a TLS server presented (the leaf of its chain).
public struct ServerCertificate: Sendable, Hashable {
    /// The subject's distinguished name as OpenSSL prints it, e.g. `CN = api.example.com`.
    public var subject: String
    /// The issuer's distinguished name, e.g. `C = US, O = Let's Encrypt, CN = R11`.
    public var issuer: String
    public var notBefore: Date
    public var notAfter: Date

    public init(subject: String, issuer: String, notBefore: Date, notAfter: Date) {
        self.subject = subject
        self.issuer = issuer
        self.notBefore = notBefore
        self.notAfter = notAfter
    }
}
