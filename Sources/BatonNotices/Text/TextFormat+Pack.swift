extension TextFormat {
    /// `pieces` joined with `separator` into as few texts as possible, each at most `limit`
    /// long in `unit`; a piece longer than `limit` is a text of its own (callers cut pieces first).
    static func packed(_ pieces: [String], separator: String, limit: Int, unit: TextUnit) -> [String] {
        var texts: [String] = []
        var current = ""
        var used = 0
        let joint = unit.count(separator)
        for piece in pieces {
            let cost = unit.count(piece)
            if current.isEmpty {
                current = piece
                used = cost
            } else if used + joint + cost <= limit {
                current += separator + piece
                used += joint + cost
            } else {
                texts.append(current)
                current = piece
                used = cost
            }
        }
        if !current.isEmpty { texts.append(current) }
        return texts
    }
}
