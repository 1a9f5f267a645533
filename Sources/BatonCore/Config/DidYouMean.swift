/// Finds the known word an operator probably meant when they wrote an unknown one.
enum DidYouMean {
    /// The closest candidate: the same word in another case or with `_`/`-` swapped or
    /// dropped (`failureThreshold`, `failure-threshold`), else one within two edits
    /// (one for short words, where two edits would match almost anything); swapping two
    /// neighbouring letters counts as one edit.
    static func suggestion(for word: String, among candidates: [String]) -> String? {
        let folded = fold(word)
        if let variant = candidates.first(where: { fold($0) == folded }) { return variant }
        let length = word.count
        let limit = length <= 4 ? 1 : 2
        // Lengths further apart than the limit cannot be within it: skipping them keeps a value of
        // a megabyte (hostile or pasted by mistake) from costing its length times every candidate.
        let near = candidates.filter { abs($0.count - length) <= limit }
        guard !near.isEmpty else { return nil }
        let lowered = word.lowercased()
        var best: (candidate: String, distance: Int)?
        for candidate in near {
            let distance = editDistance(lowered, candidate.lowercased())
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

    /// Edit distance where swapping two neighbouring letters counts as one edit, the most
    /// common typo (`evn` for `env`): optimal string alignment distance.
    static func editDistance(_ left: String, _ right: String) -> Int {
        let a = Array(left), b = Array(right)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }
}
