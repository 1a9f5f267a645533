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

    /// The file an sftp transfer checks host keys against: the login's, else the system's.
    static func file(for authentication: Authentication?) -> String? {
        if case .ssh(let login) = authentication, let file = login.knownHostsFile { return file }
        return systemFile()
    }

    /// The file's modification time in nanoseconds since the epoch, or 0 when it cannot be read.
    static func modificationTime(_ path: String) -> Int64 {
        var info = stat()
        guard stat(path, &info) == 0 else { return 0 }
        return Int64(info.st_mtim.tv_sec) &* 1_000_000_000 &+ Int64(info.st_mtim.tv_nsec)
    }
}
