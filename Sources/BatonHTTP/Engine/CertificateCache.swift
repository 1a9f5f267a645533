/// The last certificate seen on a new TLS connection to each origin, so that transfers over a
/// reused connection (which libcurl gives no certificate for) still report one.
///
/// libcurl fills `CURLINFO_CERTINFO` only during a handshake. The engine records what a new
/// connection showed, answers from here when a transfer reused a connection, and asks for a
/// fresh connection when it has nothing for the origin yet. Confined to the engine thread.
struct CertificateCache {
    /// What a finished transfer saw, for ``settle(_:)``.
    struct Observation {
        /// `scheme://host:port` of the requested URL.
        var origin: String
        /// `scheme://host:port` of the URL finally answered (after redirects).
        var finalOrigin: String
        /// The certificate of the handshake this transfer made, when it belongs to ``finalOrigin``.
        var certificate: ServerCertificate?
        /// Whether the transfer opened at least one connection.
        var openedConnection: Bool
    }

    private var certificates: [String: ServerCertificate] = [:]
    /// Where a requested origin redirected to last time, so a fresh connection is asked for there too.
    private var redirects: [String: String] = [:]
    /// Origins are few (one per configured host); the bound only guards against a runaway caller.
    private let capacity: Int

    init(capacity: Int = 4096) {
        self.capacity = max(1, capacity)
    }

    var count: Int { certificates.count }

    /// Whether a transfer to `origin` must open its own connection to see a certificate.
    func needsFreshConnection(origin: String) -> Bool {
        guard certificates[origin] != nil else { return true }
        if let target = redirects[origin], certificates[target] == nil { return true }
        return false
    }

    /// The certificate to report for a transfer that asked for one, learning from what it saw.
    mutating func settle(_ observation: Observation) -> ServerCertificate? {
        if observation.origin != observation.finalOrigin {
            if redirects.count >= capacity { redirects.removeAll() }
            redirects[observation.origin] = observation.finalOrigin
        } else {
            redirects.removeValue(forKey: observation.origin)
        }
        if let certificate = observation.certificate {
            store(certificate, for: observation.finalOrigin)
            return certificate
        }
        return certificates[observation.finalOrigin]
    }

    /// A connection to `origin` opened without reading its certificate: the server may have
    /// changed it since, so the next transfer that asks looks again.
    mutating func forget(origin: String) {
        certificates.removeValue(forKey: origin)
    }

    private mutating func store(_ certificate: ServerCertificate, for origin: String) {
        if certificates[origin] == nil && certificates.count >= capacity { certificates.removeAll() }
        certificates[origin] = certificate
    }
}
