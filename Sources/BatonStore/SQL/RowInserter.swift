/// Inserts many rows with few statements: full chunks as one multi-row `INSERT … VALUES (…), (…)`,
/// the rest one row at a time, so each statement's text repeats and stays prepared.
struct RowInserter {
    /// `table (column, …)`.
    let into: String
    let columns: Int
    /// `ON CONFLICT …`, or empty.
    let conflict: String
    static let chunk = 64

    init(into: String, columns: Int, conflict: String = "") {
        self.into = into
        self.columns = columns
        self.conflict = conflict
    }

    func insert(_ rows: [[SQLValue]], in session: any SQLSession) throws {
        guard !rows.isEmpty else { return }
        var index = 0
        if rows.count >= Self.chunk {
            let sql = statement(rows: Self.chunk)
            while rows.count - index >= Self.chunk {
                try session.execute(sql, rows[index..<index + Self.chunk].flatMap { $0 })
                index += Self.chunk
            }
        }
        guard index < rows.count else { return }
        let single = statement(rows: 1)
        for row in rows[index...] {
            try session.execute(single, row)
        }
    }

    private func statement(rows: Int) -> String {
        let row = "(" + Array(repeating: "?", count: columns).joined(separator: ", ") + ")"
        return "INSERT INTO \(into) VALUES " + Array(repeating: row, count: rows).joined(separator: ", ") + (conflict.isEmpty ? "" : " " + conflict)
    }

    /// The last element for each key, in the order of those last elements: one statement may not
    /// touch a row twice (PostgreSQL refuses `ON CONFLICT DO UPDATE` on the same row twice).
    static func lastPerKey<T, Key: Hashable>(_ items: [T], key: (T) -> Key) -> [T] {
        var last: [Key: Int] = [:]
        for (index, item) in items.enumerated() { last[key(item)] = index }
        guard last.count < items.count else { return items }
        let keep = Set(last.values)
        return items.enumerated().filter { keep.contains($0.offset) }.map(\.element)
    }
}
