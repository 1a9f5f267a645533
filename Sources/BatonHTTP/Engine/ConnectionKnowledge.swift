/// What the engine must remember because a reused connection does not say it again: the
/// server's certificate (``CertificateCache``) and which SSH logins checked the server themselves
/// (``VerifiedSSHLogins``). Decides when a transfer needs a connection of its own.
/// Confined to the engine thread.
struct ConnectionKnowledge {
    private var certificates = CertificateCache()
    private var sshLogins = VerifiedSSHLogins()

    /// The identity an sftp transfer logs in with; nil for other schemes.
    static func sshLogin(of request: HTTPRequest, target: TransferTarget) -> VerifiedSSHLogins.Key? {
        guard target.kind == .sftp, let origin = URLAuthority(target.url)?.originKey else { return nil }
        var login: SSHKeyLogin?
        if case .ssh(let given) = request.authentication { login = given }
        let knownHosts = KnownHosts.file(for: request.authentication)
        return VerifiedSSHLogins.Key(
            origin: origin, login: login, knownHostsFile: knownHosts,
            knownHostsModified: knownHosts.map(KnownHosts.modificationTime) ?? 0
        )
    }

    /// Whether the transfer must open its own connection (`CURLOPT_FRESH_CONNECT`): to read a
    /// certificate not seen yet for its origin, or to check an SSH login not yet checked.
    func needsFreshConnection(_ request: HTTPRequest, target: TransferTarget, sshLogin: VerifiedSSHLogins.Key?) -> Bool {
        if let sshLogin, sshLogins.needsFreshConnection(sshLogin) { return true }
        guard request.tls.captureCertificate, target.usesTLS(request.tls),
              let origin = URLAuthority(target.url)?.originKey
        else { return false }
        return certificates.needsFreshConnection(origin: origin)
    }

    /// Learns from a finished transfer (read before it leaves the multi handle), and gives a
    /// successful one that asked for it the certificate of its connection.
    mutating func learn(from transfer: Transfer, result: inout Result<HTTPResponse, TransferError>) {
        guard let request = transfer.job?.request else { return }
        if let sshLogin = transfer.sshLogin {
            var failure: TransferError.Kind?
            if case .failure(let error) = result { failure = error.kind }
            sshLogins.record(sshLogin, openedConnection: transfer.openedConnections > 0, failure: failure)
            return
        }
        guard case .success(var response) = result else { return }
        if request.tls.captureCertificate {
            guard transfer.target.usesTLS(request.tls),
                  let observation = transfer.certificateObservation(readingCertificate: true)
            else { return }
            response.certificate = certificates.settle(observation)
            result = .success(response)
        } else if response.newConnections > 0 && certificates.count > 0,
                  let observation = transfer.certificateObservation(readingCertificate: false) {
            // A handshake nobody read: the server may have changed its certificate since.
            certificates.forget(origin: observation.finalOrigin)
        }
    }
}
