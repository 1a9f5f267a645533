extension YAMLReader {
    static let tlsKeys = ["ca_file", "cert_file", "key_file", "required"]
    static let certificateKeys = ["warn_before", "error_before"]

    /// `tls:`: a private CA, a client certificate with its key, and `required` for ftp.
    func checkTLS(_ node: YAMLNode) -> (CheckTLS?, ConfigMapping)? {
        guard let map = mapping(node, "`tls`", allowed: Self.tlsKeys) else { return nil }
        let before = diagnostics.errors.count
        let caFile = map["ca_file"].flatMap { readableFile($0, "ca_file") }
        let certFile = map["cert_file"].flatMap { readableFile($0, "cert_file") }
        let keyFile = map["key_file"].flatMap { readableFile($0, "key_file") }
        switch (map.entry("cert_file"), map.entry("key_file")) {
        case (let cert?, nil):
            report("cert_file: a client certificate needs its `key_file` too", at: cert.keyNode)
        case (nil, let key?):
            report("key_file: a client key needs its `cert_file` too", at: key.keyNode)
        default:
            break
        }
        var required: Bool? = false
        if let value = map["required"] { required = bool(value, "required") }
        guard diagnostics.errors.count == before, let required else { return (nil, map) }
        return (CheckTLS(caFile: caFile, certFile: certFile, keyFile: keyFile, required: required), map)
    }

    /// `expect.certificate`: days left on the server certificate before it is degraded or down.
    func certificateExpectation(_ node: YAMLNode) -> CertificateExpectation? {
        guard let map = mapping(node, "`certificate`", allowed: Self.certificateKeys) else { return nil }
        let warnNode = map["warn_before"], errorNode = map["error_before"]
        guard warnNode != nil || errorNode != nil else {
            diagnostics.report("`certificate` needs `warn_before` (degraded), `error_before` (down), or both", at: map.location)
            return nil
        }
        let warnBefore = warnNode.flatMap { duration($0, "warn_before", in: ConfigLimits.certificate) }
        let errorBefore = errorNode.flatMap { duration($0, "error_before", in: ConfigLimits.certificate) }
        if let errorNode, let warnBefore, let errorBefore, errorBefore > warnBefore {
            report("error_before: must be at most warn_before (\(warnBefore.compact)), found \(errorBefore.compact)", at: errorNode)
            return nil
        }
        guard warnNode == nil || warnBefore != nil, errorNode == nil || errorBefore != nil else { return nil }
        return CertificateExpectation(warnBefore: warnBefore, errorBefore: errorBefore)
    }
}
