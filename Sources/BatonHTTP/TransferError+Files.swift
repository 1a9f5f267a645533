extension TransferError {
    /// The failures particular to sftp and ftp: a missing file, a refused login, a host key that
    /// is not known. Nil for anything the general mapping describes as well.
    static func fileTransferError(
        _ failure: CurlFailure, request: HTTPRequest, kind targetKind: TransferTarget.Kind, target: String, detail: String
    ) -> TransferError? {
        guard targetKind == .sftp || targetKind == .ftp else { return nil }
        let sftp = targetKind == .sftp
        let protocolName = sftp ? "SFTP" : "FTP"
        let kind: Kind
        let message: String
        switch failure.code {
        case 78:
            kind = .fileNotFound
            message = "file not found on \(target)"
        case 19 where detail.hasSuffix(": 550"):
            // A listing (NLST) of a directory that is not there.
            kind = .fileNotFound
            message = "file not found on \(target)"
        case 9:
            kind = .accessDenied
            message = sftp
                ? "permission denied for the remote file on \(target)"
                : "the FTP server on \(target) refused to enter the directory (it is missing or not permitted)"
        case 67:
            kind = .loginDenied
            message = loginDeniedMessage(protocolName: protocolName, request: request, target: target, sshReason: failure.sshLoginFailure)
        case 60 where sftp:
            kind = .hostKeyRejected
            message = hostKeyMessage(failure, target: target)
        case 2 where sftp && detail.contains("exchange encryption keys") && failure.knownHostsFile != nil:
            // libcurl asks the server for the key type that known_hosts lists for this host; a server
            // without a key of that type fails the key exchange before any key is shown.
            kind = .hostKeyRejected
            message = "SFTP host key of \(target) does not match \(failure.knownHostsFile ?? "known_hosts") (the server offers no key of the type listed there)"
        case 2 where sftp:
            kind = .protocol
            message = "SSH handshake with \(target) failed (\(detail))"
        case 79:
            kind = .protocol
            message = "SSH error on \(target) (\(detail))"
        case 64:
            kind = .tls
            message = "the FTP server on \(target) does not offer TLS, which is required"
        case 19:
            kind = .protocol
            message = "the FTP server on \(target) would not send the file (\(detail))"
        default:
            return nil
        }
        return TransferError(kind: kind, message: message, curlCode: failure.code, elapsed: failure.elapsed)
    }

    private static func loginDeniedMessage(protocolName: String, request: HTTPRequest, target: String, sshReason: String?) -> String {
        var user = ""
        switch request.authentication {
        case .ssh(let login): user = " for user \(login.username)"
        case .basic(let username, _): user = " for user \(username)"
        default: break
        }
        var message = "\(protocolName) login denied\(user) on \(target)"
        if let sshReason, case .ssh(let login) = request.authentication {
            if sshReason.contains("Username/PublicKey combination invalid") {
                message += ": the server does not accept the key \(login.privateKeyFile)"
            } else if sshReason.contains("Unable to extract public key") || sshReason.contains("Wrong passphrase") || sshReason.contains("unrecognized") {
                message += ": the key file \(login.privateKeyFile) could not be used (wrong passphrase or unknown format)"
            } else {
                message += " (\(redactingURLs(in: sshReason)))"
            }
        }
        return message
    }

    private static func hostKeyMessage(_ failure: CurlFailure, target: String) -> String {
        let file = failure.knownHostsFile ?? "known_hosts"
        switch failure.hostKeyVerdict {
        case .unknown: return "SFTP host key of \(target) is not in \(file)"
        case .mismatch: return "SFTP host key of \(target) does not match \(file)"
        case nil: return "SFTP host key of \(target) was rejected (checked against \(file))"
        }
    }
}
