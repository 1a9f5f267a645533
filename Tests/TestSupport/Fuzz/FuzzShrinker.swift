/// Makes a failing input smaller while it still fails the same way, so a stored fixture shows
/// the problem and little else: whole lines first, then runs of bytes (a small ddmin).
public enum FuzzShrinker {
    /// - Parameters:
    ///   - input: The failing input.
    ///   - verdict: How it failed; a smaller input is kept only when it fails alike.
    ///   - budget: How long shrinking may take.
    ///   - verdictOf: Tries bytes again.
    public static func shrink(
        _ input: FuzzInput, keeping verdict: FuzzVerdict, budget: Duration = .seconds(20),
        _ verdictOf: ([UInt8]) async -> FuzzVerdict
    ) async -> FuzzInput {
        let deadline = ContinuousClock.now + budget
        let kind = failureKind(verdict)
        var best = input.bytes
        func stillFails(_ candidate: [UInt8]) async -> Bool {
            guard ContinuousClock.now < deadline else { return false }
            return failureKind(await verdictOf(candidate)) == kind
        }
        // Lines.
        var lines = best.split(separator: 10, omittingEmptySubsequences: false).map(Array.init)
        var chunk = max(1, lines.count / 2)
        while chunk >= 1, lines.count > 1, ContinuousClock.now < deadline {
            var start = 0
            while start < lines.count, ContinuousClock.now < deadline {
                var candidate = lines
                candidate.removeSubrange(start..<min(lines.count, start + chunk))
                if await stillFails(Array(candidate.joined(separator: [10]))) {
                    lines = candidate
                } else {
                    start += chunk
                }
            }
            chunk /= 2
        }
        best = Array(lines.joined(separator: [10]))
        // Bytes, when few enough to try.
        if best.count <= 16_384 {
            chunk = max(1, best.count / 2)
            while chunk >= 1, ContinuousClock.now < deadline {
                var start = 0
                while start < best.count, ContinuousClock.now < deadline {
                    var candidate = best
                    candidate.removeSubrange(start..<min(best.count, start + chunk))
                    if await stillFails(candidate) {
                        best = candidate
                    } else {
                        start += chunk
                    }
                }
                chunk /= 2
            }
        }
        return FuzzInput(bytes: best, recipe: input.recipe + ", shrunk")
    }

    /// What kind of failure a verdict is: its message up to the first digit or colon, so
    /// "took 2.3 s" and "took 2.9 s" are alike and "error without line" is not "took".
    static func failureKind(_ verdict: FuzzVerdict) -> String? {
        guard case .failed(let message) = verdict else { return nil }
        return String(message.prefix { !$0.isNumber && $0 != ":" })
    }
}
