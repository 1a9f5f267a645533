import CCurl

#if canImport(Glibc)
import Glibc
#endif

/// Process-wide libcurl set-up, run exactly once before the first engine starts.
///
/// `curl_global_init` is not thread-safe and must precede every other libcurl call, so it
/// lives in a lazily initialised global (Swift runs that initialiser once, atomically).
///
/// SIGPIPE is ignored here because OpenSSL writes to sockets with plain `write(2)`: a peer
/// that closes a TLS connection mid-write would otherwise kill the daemon.
/// `CURLOPT_NOSIGNAL` keeps libcurl itself away from signals, but cannot stop OpenSSL.
/// This is the only signal disposition the library touches.
private let curlGlobalInitialisation: CURLcode = {
    signal(SIGPIPE, SIG_IGN)
    return baton_curl_global_init()
}()

enum CurlGlobal {
    static func initialise() {
        precondition(curlGlobalInitialisation == CURLE_OK, "curl_global_init failed: \(curlGlobalInitialisation.rawValue)")
    }

    /// The libcurl version string, e.g. `7.88.1`.
    static var version: String {
        initialise()
        guard let info = baton_curl_version_info(), let version = info.pointee.version else { return "unknown" }
        return String(cString: version)
    }
}
