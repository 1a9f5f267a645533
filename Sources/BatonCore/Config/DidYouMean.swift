/// Finds the known word an operator probably meant when they wrote an unknown one.
enum DidYouMean {
    /// The closest candidate: the same word in another case or with `_`/`-` swapped or
    /// dropped (`failureThreshold`, `failure-threshold`), else one within two edits
    /// (one for short words, where two edits would match almost anything).
    static func suggestion(for word: String, among candidates: [String]) -> String? {
        let folded = fold(word)
        if let variant = candidates.first(where: { fold($0) == folded }) { return variant }
        let limit = word.count <= 4 ? 1 : 2
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(word.lowercased(), candidate.lowercased())
            if distance <= limit, distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.candidate
    }

    /// `"; did you mean `x`?"`, or an empty string when nothing is close.
    static func hint(for word: String, among candidates: [String]) -> String {
        guard let suggestion = suggestion(for: word, among: candidates) else { return "" }
        return "; did you mean `\(suggestion)`?"
    }

    private static func fold(_ word: String) -> String {
        String(word.lowercased().filter { $0 != "_" && $0 != "-" && $0 != " " })
    }

    /// Levenshtein distance, one row at a time.
    static func editDistance(_ left: String, _ right: String) -> Int {
        let a = Array(left), b = Array(right)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
