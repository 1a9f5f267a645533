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
        try insert(rows, in: session) { $0 }
    }

    /// Inserts a row made by `row` for each of `items`, building the values of one statement at a
    /// time: a batch of 10,000 rows never holds 10,000 rows of values at once.
    func insert<Items: Collection>(_ items: Items, in session: any SQLSession, row: (Items.Element) -> [SQLValue]) throws {
        var index = items.startIndex
        var remaining = items.count
        if remaining >= Self.chunk {
            let sql = statement(rows: Self.chunk)
            var values: [SQLValue] = []
            values.reserveCapacity(Self.chunk * columns)
            while remaining >= Self.chunk {
                values.removeAll(keepingCapacity: true)
                for _ in 0..<Self.chunk {
                    values.append(contentsOf: row(items[index]))
                    items.formIndex(after: &index)
                }
                try session.execute(sql, values)
                remaining -= Self.chunk
            }
        }
        guard remaining > 0 else { return }
        let single = statement(rows: 1)
        while index != items.endIndex {
            try session.execute(single, row(items[index]))
            items.formIndex(after: &index)
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
