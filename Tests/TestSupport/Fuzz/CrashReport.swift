/// Reads a crashed program's stderr (the Swift runtime's message and backtrace) and tells a
/// crash already known and being fixed elsewhere from a new one.
public enum CrashReport {
    /// Places whose traps another change of issue 12 is fixing (documented ranges for every
    /// config value, saturating arithmetic in delivery): a crash whose backtrace passes through
    /// one is counted as known, not failed. Remove an entry when that change is in.
    public static let knownSites: [(site: String, issue: String)] = [
        ("Sources/BatonCore/Config/", "config values without a documented range (issue 12)"),
        ("Delivery/DeliveryPolicy.swift", "delivery arithmetic on config values (issue 12)"),
        ("Schedule/ProbeSlots.swift", "probe slots of an interval beyond any range (issue 12)"),
    ]

    /// Whether the program trapped: the Swift runtime says so on stderr (the final signal may be
    /// another, when the program was stopped while it wrote its backtrace).
    public static func crashed(signal: Int32?, stderr: String) -> Bool {
        if let signal, signal != 15, signal != 9 { return true }
        return stderr.contains("Backtracing from") || stderr.contains("Program crashed") || stderr.contains("Fatal error:")
    }

    /// The verdict on a program that ended by `signal`.
    public static func verdict(_ program: String, signal: Int32, stderr: String) -> FuzzVerdict {
        let frames = crashFrames(stderr)
        // Where it trapped: the innermost frame in this project's code (not a dependency's).
        if let site = frames.first, let known = knownSites.first(where: { site.contains($0.site) }) {
            return .known("\(program) crashed in \(known.site): \(known.issue)")
        }
        let summary = frames.first ?? stderr.split(separator: "\n").last.map(String.init) ?? ""
        return .failed("\(program) crashed with signal \(signal): \(summary.prefix(300))\n\(stderr.suffix(1_500))")
    }

    /// The lines of the crashed thread's backtrace that name a source file of this project
    /// (not of a dependency in `.build/checkouts`), innermost first.
    public static func crashFrames(_ stderr: String) -> [String] {
        let lines = stderr.split(separator: "\n").map(String.init)
        guard let start = lines.firstIndex(where: { $0.contains("crashed:") || $0.contains("Program crashed") }) else {
            return lines.filter(isProjectFrame)
        }
        var frames: [String] = []
        for line in lines[start...] {
            if line.hasPrefix("Thread "), !line.contains("crashed") { break }
            if isProjectFrame(line) { frames.append(line) }
        }
        return frames
    }

    private static func isProjectFrame(_ line: String) -> Bool {
        line.contains("/Sources/") && !line.contains("/.build/")
    }
}
