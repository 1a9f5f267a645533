/// Stored fuzz inputs that still fail, for reasons fixed by another change: each by its fixture's
/// hash, with what is wrong. Remove an entry once the fix is in; the replay then runs it like
/// every other fixture (and says "known issue was not recorded" until the entry is gone).
enum KnownFuzzIssues {
    /// Inputs that trap in process (replayed in a child process, expected to fail there).
    static let crashes: [String: String] = [:]
}
