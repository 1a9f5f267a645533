/// How a transfer uses TLS: whom it trusts, how it identifies itself, what it reports.
public struct TLSOptions: Sendable, Hashable {
    /// A PEM file of CA certificates trusted instead of the system's store (`CURLOPT_CAINFO`).
    ///
    /// It replaces the system's CA directory too, so only these CAs are trusted.
    public var caFile: String?
    /// A PEM client certificate presented for mutual TLS (`CURLOPT_SSLCERT`).
    public var clientCertificateFile: String?
    /// The PEM private key of ``clientCertificateFile`` (`CURLOPT_SSLKEY`).
    public var clientKeyFile: String?
    /// The passphrase of an encrypted ``clientKeyFile``.
    public var clientKeyPassphrase: String?
    /// For `ftp://`: refuse to go on unless the server switches to TLS (explicit FTPS, `AUTH TLS`),
    /// for the login and every data connection. `ftps://` URLs always require it.
    public var required: Bool
    /// Whether the response carries the server's certificate (``HTTPResponse/certificate``),
    /// also when the transfer reused a connection that an earlier one opened.
    public var captureCertificate: Bool

    public init(
        caFile: String? = nil,
        clientCertificateFile: String? = nil,
        clientKeyFile: String? = nil,
        clientKeyPassphrase: String? = nil,
        required: Bool = false,
        captureCertificate: Bool = false
    ) {
        self.caFile = caFile
        self.clientCertificateFile = clientCertificateFile
        self.clientKeyFile = clientKeyFile
        self.clientKeyPassphrase = clientKeyPassphrase
        self.required = required
        self.captureCertificate = captureCertificate
    }
}

extension TLSOptions: CustomStringConvertible, CustomDebugStringConvertible {
    /// Names the files and flags, never the passphrase.
    public var description: String {
        var parts: [String] = []
        if let caFile { parts.append("ca_file: \(caFile)") }
        if let clientCertificateFile { parts.append("cert_file: \(clientCertificateFile)") }
        if let clientKeyFile { parts.append("key_file: \(clientKeyFile)") }
        if clientKeyPassphrase != nil { parts.append("key passphrase: (hidden)") }
        if required { parts.append("required") }
        if captureCertificate { parts.append("capture certificate") }
        return "TLSOptions(\(parts.joined(separator: ", ")))"
    }

    public var debugDescription: String { description }
}

extension TLSOptions: CustomReflectable {
    public var customMirror: Mirror { Mirror(self, children: KeyValuePairs<String, Any>()) }
}
