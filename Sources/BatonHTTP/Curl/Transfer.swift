import CCurl

/// One easy handle with everything a transfer needs, reused from transfer to transfer.
///
/// Confined to the engine thread; libcurl's callbacks reach it through an unretained
/// pointer (`CURLOPT_PRIVATE`, `CURLOPT_WRITEDATA`, `CURLOPT_HEADERDATA`), which stays valid
/// because the engine keeps every ``Transfer`` alive while its handle is in the multi.
final class Transfer {
    let easy: UnsafeMutableRawPointer
    /// Stable for the handle's whole life, as `CURLOPT_ERRORBUFFER` requires.
    let errorBuffer: UnsafeMutablePointer<CChar>

    /// The decoded body received so far; its storage is kept between transfers.
    var body: [UInt8] = []
    var maxBodyBytes = 0
    var bodyCapExceeded = false

    /// Lower-case header names to keep, as bytes, to match without building strings.
    var captureNames: [[UInt8]] = []
    var capturedHeaders: [String: String] = [:]

    /// The request headers; must outlive the transfer, freed on recycle.
    var headerList: UnsafeMutablePointer<curl_slist>?

    var job: Job?
    var startedAt = MonotonicInstant(nanoseconds: 0)
    /// The job's URL as libcurl got it.
    var target = TransferTarget("")
    /// Whether this transfer was told to open its own connection (`CURLOPT_FRESH_CONNECT`).
    var usedFreshConnection = false

    /// SFTP only: the known_hosts file in use, why the host key was refused, and libssh2's
    /// reason for a refused key login. Set by callbacks while the transfer runs.
    var knownHostsFile: String?
    var hostKeyVerdict: HostKeyVerdict?
    var sshLoginFailure: String?
    /// SFTP only: the login this transfer makes, recorded in the engine's ``VerifiedSSHLogins``.
    var sshLogin: VerifiedSSHLogins.Key?

    /// Bodies bigger than this give their storage back instead of pinning it in the pool.
    static let retainedBodyCapacity = 256 << 10

    init?() {
        guard let easy = curl_easy_init() else { return nil }
        self.easy = easy
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    }

    deinit {
        curl_easy_cleanup(easy)
        if let headerList { curl_slist_free_all(headerList) }
        errorBuffer.deallocate()
    }

    /// The handle's pointer for libcurl's `void *` slots.
    var opaque: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }

    static func from(opaque: UnsafeMutableRawPointer) -> Transfer {
        Unmanaged<Transfer>.fromOpaque(opaque).takeUnretainedValue()
    }

    var errorText: String {
        errorBuffer[Int(CURL_ERROR_SIZE) - 1] = 0
        return String(cString: errorBuffer)
    }

    /// Forgets the last transfer, keeping the handle, its connections and modest buffers.
    func recycle() {
        job = nil
        if body.capacity > Transfer.retainedBodyCapacity {
            body = []
        } else {
            body.removeAll(keepingCapacity: true)
        }
        bodyCapExceeded = false
        captureNames.removeAll(keepingCapacity: true)
        capturedHeaders.removeAll(keepingCapacity: true)
        if let headerList {
            curl_slist_free_all(headerList)
            self.headerList = nil
        }
        errorBuffer[0] = 0
        target = TransferTarget("")
        usedFreshConnection = false
        knownHostsFile = nil
        hostKeyVerdict = nil
        sshLoginFailure = nil
        sshLogin = nil
    }
}
