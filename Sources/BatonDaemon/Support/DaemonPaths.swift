import Foundation

/// Where the daemon keeps its database and its socket (SPEC.md "Names and files").
public enum DaemonPaths {
    /// `--state-dir`, else `$STATE_DIRECTORY` (systemd), else `./.baton/`.
    public static func stateDirectory(flag: String?, environment: [String: String]) -> String {
        if let flag { return flag }
        // systemd may pass several colon-separated directories; the first is ours.
        if let fromSystemd = environment["STATE_DIRECTORY"]?.split(separator: ":").first { return String(fromSystemd) }
        return ".baton"
    }

    /// `--socket`, else `$RUNTIME_DIRECTORY/baton.sock` (systemd), else `./.baton/baton.sock`.
    public static func socket(flag: String?, environment: [String: String]) -> String {
        if let flag { return flag }
        if let runtime = environment["RUNTIME_DIRECTORY"]?.split(separator: ":").first { return "\(runtime)/baton.sock" }
        return ".baton/baton.sock"
    }
}
