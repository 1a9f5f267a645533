/// A plain-text table: left-aligned columns, the last one takes what is left of the width.
struct Table {
    var headers: [String]
    var rows: [[Cell]] = []

    /// A cell's text, and how it is painted (painting does not count toward the width).
    struct Cell {
        var text: String
        var paint: (String) -> String = { $0 }
    }

    func render(width: Int?) -> String {
        guard !headers.isEmpty else { return "" }
        var widths = headers.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.text.count)
            }
        }
        // Fixed columns are capped so the last (a reason) keeps some room on an 80-column screen.
        let last = widths.count - 1
        if let width {
            for index in 0..<last { widths[index] = min(widths[index], index == 1 ? 28 : 14) }
            let used = widths[0..<last].reduce(0, +) + 2 * last
            widths[last] = max(12, width - used)
        }
        var lines = [line(headers.map { Cell(text: $0) }, widths, isLastUnbounded: width == nil)]
        lines += rows.map { line($0, widths, isLastUnbounded: width == nil) }
        return lines.joined(separator: "\n")
    }

    private func line(_ cells: [Cell], _ widths: [Int], isLastUnbounded: Bool) -> String {
        var parts: [String] = []
        for (index, cell) in cells.enumerated() {
            let isLast = index == widths.count - 1
            let text = isLast && isLastUnbounded ? cell.text : cell.text.truncated(to: widths[index])
            let padded = isLast ? text : text.padded(to: widths[index])
            parts.append(cell.paint(padded))
        }
        var joined = parts.joined(separator: "  ")
        while joined.hasSuffix(" ") { joined.removeLast() }
        return joined
    }
}
