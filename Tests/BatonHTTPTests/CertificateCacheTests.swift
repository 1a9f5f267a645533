@testable import BatonHTTP
import Foundation
import Testing

@Suite("CertificateCache and certificate fields")
struct CertificateCacheTests {
    static let first = ServerCertificate(subject: "CN = a", issuer: "CN = CA", notBefore: Date(timeIntervalSince1970: 0), notAfter: Date(timeIntervalSince1970: 86_400))
    static let rotated = ServerCertificate(subject: "CN = a", issuer: "CN = CA", notBefore: Date(timeIntervalSince1970: 0), notAfter: Date(timeIntervalSince1970: 172_800))

    private func observation(_ certificate: ServerCertificate?, origin: String = "https://a:443", final: String? = nil, opened: Bool) -> CertificateCache.Observation {
        .init(origin: origin, finalOrigin: final ?? origin, certificate: certificate, openedConnection: opened)
    }

    /// An unknown origin needs a fresh connection; once seen, reused connections get the stored certificate.
    @Test func remembersWhatNewConnectionsShowed() {
        var cache = CertificateCache()
        #expect(cache.needsFreshConnection(origin: "https://a:443"))
        #expect(cache.settle(observation(Self.first, opened: true)) == Self.first)
        #expect(!cache.needsFreshConnection(origin: "https://a:443"))
        #expect(cache.settle(observation(nil, opened: false)) == Self.first)
        // A later handshake replaces it: the server rotated its certificate.
        #expect(cache.settle(observation(Self.rotated, opened: true)) == Self.rotated)
        #expect(cache.settle(observation(nil, opened: false)) == Self.rotated)
    }

    /// A connection opened without reading the certificate makes the next capturing transfer look again.
    @Test func forgetsAfterAnUnreadHandshake() {
        var cache = CertificateCache()
        _ = cache.settle(observation(Self.first, opened: true))
        cache.forget(origin: "https://a:443")
        #expect(cache.needsFreshConnection(origin: "https://a:443"))
        #expect(cache.settle(observation(nil, opened: false)) == nil)
    }

    /// A redirect's target is remembered, so its certificate is fetched fresh too.
    @Test func followsRedirectTargets() {
        var cache = CertificateCache()
        _ = cache.settle(observation(Self.first, opened: true))
        #expect(!cache.needsFreshConnection(origin: "https://a:443"))
        // a now redirects to b, over a reused connection whose certificate was never seen.
        #expect(cache.settle(observation(nil, final: "https://b:443", opened: false)) == nil)
        #expect(cache.needsFreshConnection(origin: "https://a:443"))
        #expect(cache.settle(observation(Self.rotated, final: "https://b:443", opened: true)) == Self.rotated)
        #expect(!cache.needsFreshConnection(origin: "https://a:443"))
        #expect(cache.settle(observation(nil, final: "https://b:443", opened: false)) == Self.rotated)
    }

    /// The cache stays bounded whatever callers do.
    @Test func bounded() {
        var cache = CertificateCache(capacity: 3)
        for index in 0..<10 {
            _ = cache.settle(observation(Self.first, origin: "https://h\(index):443", opened: true))
        }
        #expect(cache.count <= 3)
    }

    /// OpenSSL's printed times parse to the exact second, and junk is refused.
    @Test(arguments: [
        ("Dec  7 12:00:00 2026 GMT", 1_796_644_800.0 as Double?),
        ("Jan  1 00:00:00 1970 GMT", 0),
        ("Feb 29 23:59:59 2028 GMT", 1_835_481_599),
        ("Dec  7 12:00:00 2026 UTC", nil),
        ("Foo  7 12:00:00 2026 GMT", nil),
        ("Dec 32 12:00:00 2026 GMT", nil),
        ("Dec  7 25:00:00 2026 GMT", nil),
        ("Dec  7 12:00 2026 GMT", nil),
        ("", nil),
    ])
    func openSSLTimes(_ text: String, _ expected: Double?) {
        #expect(ServerCertificate.parseOpenSSLTime(text[...])?.timeIntervalSince1970 == expected)
    }

    /// libcurl's certinfo lines become a certificate; one without dates does not.
    @Test func certInfoFields() {
        let fields: [Substring] = ["Subject:CN = 127.0.0.1", "Issuer:O = Baton Tests, CN = Baton Test CA", "Version:2",
                                   "Start date:Dec  1 00:00:00 2026 GMT", "Expire date:Dec  7 12:00:00 2026 GMT"]
        let certificate = ServerCertificate(certInfoFields: fields)
        #expect(certificate?.subject == "CN = 127.0.0.1")
        #expect(certificate?.issuer == "O = Baton Tests, CN = Baton Test CA")
        #expect(certificate?.notAfter == Date(timeIntervalSince1970: 1_796_644_800))
        #expect(ServerCertificate(certInfoFields: Array(fields.prefix(3))) == nil)
    }
}
