extension TransferError {
    /// One sentence for a TLS failure: which certificate, and what was wrong with it.
    static func tlsMessage(code: Int32, detail: String, host: String?, tls: TLSOptions) -> String {
        if let alert = tlsAlert(in: detail) {
            return alertMessage(alert, detail: detail, presentedCertificate: tls.clientCertificateFile != nil)
        }
        let problemPrefix = "ssl certificate problem: "
        if detail.lowercased().hasPrefix(problemPrefix) {
            let problem = detail.dropFirst(problemPrefix.count)
            if problem.hasPrefix("unable to get local issuer certificate") || problem.hasPrefix("unable to get issuer certificate") {
                return "TLS certificate not trusted: issued by an unknown CA (\(problem))"
            }
            return "TLS certificate not trusted: " + problem
        }
        if detail.contains("subject name") || detail.contains("does not match") {
            return "TLS certificate does not match host \(host ?? "(unknown)")"
        }
        switch code {
        case 60, 51: return "TLS certificate not trusted: \(detail)"
        case 58: return "TLS client certificate problem: \(detail)"
        case 64: return "TLS required, but the server does not offer it"
        case 77: return "TLS trust store could not be read: \(detail)"
        case 90: return "TLS public key does not match the pinned key"
        default: return "TLS handshake failed: \(detail)"
        }
    }

    /// The alert a TLS peer sent, as OpenSSL names it: `…SSL routines::tlsv13 alert certificate required, errno 0`
    /// gives `certificate required`.
    static func tlsAlert(in detail: String) -> Substring? {
        guard let marker = detail.firstRange(of: " alert ") else { return nil }
        let before = detail[..<marker.lowerBound]
        guard before.hasSuffix("sslv3") || before.hasSuffix("tlsv1") || before.hasSuffix("tlsv13") else { return nil }
        let alert = detail[marker.upperBound...].prefix(while: { $0 != "," && $0 != "(" && !$0.isNewline })
        let trimmed = alert.reversed().drop(while: { $0 == " " }).reversed()
        return trimmed.isEmpty ? nil : Substring(String(trimmed))
    }

    /// Alerts about our certificate mean the server refused (or wanted) a client certificate.
    private static let clientCertificateAlerts: Set<String> = [
        "certificate required", "bad certificate", "unknown ca", "certificate unknown",
        "certificate expired", "certificate revoked", "unsupported certificate", "access denied",
    ]

    private static func alertMessage(_ alert: Substring, detail: String, presentedCertificate: Bool) -> String {
        let alertText = String(alert)
        if alertText == "certificate required" && !presentedCertificate {
            return "TLS server requires a client certificate, and none is configured (alert: \(alertText))"
        }
        if clientCertificateAlerts.contains(alertText) {
            return "TLS client certificate refused by the server (alert: \(alertText))"
        }
        if alertText == "handshake failure" && !presentedCertificate {
            // TLS 1.2 servers answer a missing client certificate this way, but so they do a cipher mismatch.
            return "TLS handshake failed: the server sent alert handshake failure (does it require a client certificate?)"
        }
        return "TLS handshake failed: the server sent alert \(alertText)"
    }
}
