#if canImport(Glibc)
import Glibc
#endif

/// Where SSH host keys are looked up when a login names no known_hosts file.
public enum KnownHosts {
    /// The system-wide file first (what an administrator set up for every account), then the
    /// daemon user's own; the first that exists is used, and only that one (libssh2 reads one file).
    public static var candidates: [String] {
        var files = ["/etc/ssh/ssh_known_hosts"]
        if let home = getenv("HOME").map({ String(cString: $0) }), !home.isEmpty {
            files.append((home.hasSuffix("/") ? home : home + "/") + ".ssh/known_hosts")
        }
        return files
    }

    /// The first of ``candidates`` that exists, or nil when there is none.
    public static func systemFile() -> String? {
        candidates.first { access($0, F_OK) == 0 }
    }
}
