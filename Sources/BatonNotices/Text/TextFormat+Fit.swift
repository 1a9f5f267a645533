extension TextFormat {
    /// The mark that ends a cut text.
    static let ellipsis: Character = "…"

    /// `text` escaped, and cut with `…` so that the escaped result is at most `limit` long in `unit`.
    ///
    /// Cuts between grapheme clusters and never inside an escape sequence.
    func fit(_ text: String, limit: Int, unit: TextUnit) -> String {
        let escaped = apply(text)
        if unit.count(escaped) <= limit { return escaped }
        let mark = String(Self.ellipsis)
        guard limit >= unit.count(mark) else { return "" }
        return escapedPrefix(text, room: limit - unit.count(mark), unit: unit) + mark
    }

    /// `text` escaped and split into pieces of at most `limit` each, at line ends; at most
    /// `maxPieces`, the last one ending with `…` when some text was left out.
    func chunks(_ text: String, limit: Int, unit: TextUnit, maxPieces: Int) -> [String] {
        var pieces: [[String]] = [[]]
        var used = 0
        var leftOut = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let cost = unit.count(fit(line, limit: limit, unit: unit))
            let separator = pieces[pieces.count - 1].isEmpty ? 0 : 1
            if used + separator + cost <= limit {
                pieces[pieces.count - 1].append(line)
                used += separator + cost
            } else if pieces.count == maxPieces {
                leftOut = true
                break
            } else {
                pieces.append([line])
                used = cost
            }
        }
        return pieces.enumerated().map { index, lines in
            if leftOut && index == pieces.count - 1 { return fitMarked(lines.joined(separator: "\n"), limit: limit, unit: unit) }
            return lines.map { fit($0, limit: limit, unit: unit) }.joined(separator: "\n")
        }.filter { !$0.isEmpty }
    }

    /// Like ``fit(_:limit:unit:)``, but ends with `…` even when the text fits: more was left out.
    func fitMarked(_ text: String, limit: Int, unit: TextUnit) -> String {
        let mark = String(Self.ellipsis)
        guard limit >= unit.count(mark) else { return "" }
        return escapedPrefix(text, room: limit - unit.count(mark), unit: unit) + mark
    }

    /// The longest escaped prefix of `text` at most `room` long, cut between characters.
    private func escapedPrefix(_ text: String, room: Int, unit: TextUnit) -> String {
        var out = ""
        var used = 0
        for character in text {
            let piece = escape(character) ?? String(character)
            let cost = unit.count(piece)
            if used + cost > room { break }
            out += piece
            used += cost
        }
        return out
    }
}
