import CCurl

/// What the known_hosts check said about an SFTP server's host key.
enum HostKeyVerdict: Equatable {
    /// known_hosts has no key for this host and port.
    case unknown
    /// known_hosts has a different key for this host and port.
    case mismatch
}

extension Transfer {
    /// Accepts a host key only when known_hosts has exactly it; records why anything else was refused.
    func judgeHostKey(_ match: curl_khmatch) -> Int32 {
        if match == CURLKHMATCH_OK { return Int32(CURLKHSTAT_FINE.rawValue) }
        hostKeyVerdict = match == CURLKHMATCH_MISMATCH ? .mismatch : .unknown
        // REJECT, never FINE_ADD_TO_FILE: no trust on first use, and known_hosts is never written.
        return Int32(CURLKHSTAT_REJECT.rawValue)
    }

    /// Keeps the one verbose line that says why libssh2 refused the key login.
    func noteDebugText(_ bytes: UnsafeRawBufferPointer) {
        guard sshLoginFailure == nil else { return }
        let prefix = Transfer.sshLoginFailurePrefix
        guard bytes.count > prefix.count, bytes.starts(with: prefix) else { return }
        var text = String(decoding: bytes.dropFirst(prefix.count).prefix(200), as: UTF8.self)
        while let last = text.last, last.isNewline || last == " " { text.removeLast() }
        sshLoginFailure = text
    }

    private static let sshLoginFailurePrefix = Array("SSH public key authentication failed: ".utf8)
}

/// libcurl's SSH host key callback; the client pointer is the ``Transfer``.
let transferHostKeyCallback: curl_sshkeycallback = { _, _, _, match, clientPointer in
    guard let clientPointer else { return Int32(CURLKHSTAT_REJECT.rawValue) }
    return Transfer.from(opaque: clientPointer).judgeHostKey(match)
}

/// libcurl's debug callback, installed for sftp transfers only; reads informational text, never data.
let transferDebugCallback: curl_debug_callback = { _, type, data, size, userPointer in
    guard type == CURLINFO_TEXT, let data, let userPointer else { return 0 }
    Transfer.from(opaque: userPointer).noteDebugText(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}
