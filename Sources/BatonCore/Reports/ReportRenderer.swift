import Foundation

/// The output formats of `baton report`.
public enum ReportFormat: String, Sendable, CaseIterable {
    case table, markdown, csv, json
}

/// Renders an ``SLAReport`` for people (table, markdown) and for scripts (CSV, JSON).
/// Every format shows the same numbers; only the layout differs.
public enum ReportRenderer {
    /// - Parameters:
    ///   - width: Terminal columns for `table`; `nil` (a pipe) never cuts a line.
    public static func render(_ report: SLAReport, as format: ReportFormat, width: Int? = nil) -> String {
        switch format {
        case .table: table(report, width: width)
        case .markdown: markdown(report)
        case .csv: csv(report)
        case .json: json(report)
        }
    }

    // MARK: - Table

    static func table(_ report: SLAReport, width: Int?) -> String {
        var lines = [
            "SLA report \(report.windowStart) → \(report.windowEnd) (\(duration(report.windowSeconds)))",
            "\(report.total.integrations) integrations, attainment \(percent(report.total.attainment)), "
                + "\(report.total.breaches) breaches, \(report.total.overBudget) over budget",
            "",
        ]
        let headers = ["INTEGRATION", "OWNER", "TARGET", "ATTAINED", "BUDGET", "BREACHES", "MTTA", "MTTR"]
        var rows: [[String]] = []
        var details: [String] = []
        for item in report.integrations {
            rows.append([
                item.id, item.owner, percent(item.target), percent(item.attainment),
                item.overBudget ? "OVER" : budget(item.errorBudgetLeftPercent, hasTarget: item.target != nil),
                "\(item.breaches)", duration(item.mtta.mean), duration(item.mttr.mean),
            ])
            var detail = [item.name]
            if !item.tools.isEmpty { detail.append(item.tools.joined(separator: ", ")) }
            if !item.journey.isEmpty { detail.append(item.journey.joined(separator: ", ")) }
            detail.append("breach \(duration(item.time.breach))")
            if item.time.silenced > 0 { detail.append("silenced \(duration(item.time.silenced))") }
            if item.time.unknown > 0 { detail.append("unknown \(duration(item.time.unknown))") }
            details.append("  " + detail.joined(separator: " · "))
        }
        let widths = columnWidths(headers: headers, rows: rows, width: width)
        lines.append(line(headers, widths))
        for (row, detail) in zip(rows, details) {
            lines.append(line(row, widths))
            lines.append(cut(detail, to: width))
        }
        for (title, groups) in [("OWNER", report.owners), ("TOOL", report.tools), ("JOURNEY STAGE", report.journeyStages)] where !groups.isEmpty {
            lines.append("")
            let headers = [title, "INTEGRATIONS", "ATTAINED", "OVER BUDGET", "BREACHES", "MTTA", "MTTR"]
            let rows = groups.map { group in
                [group.name, "\(group.integrations)", percent(group.attainment), "\(group.overBudget)", "\(group.breaches)",
                 duration(group.mtta.mean), duration(group.mttr.mean)]
            }
            let widths = columnWidths(headers: headers, rows: rows, width: width)
            lines.append(line(headers, widths))
            lines += rows.map { line($0, widths) }
        }
        lines.append("")
        lines.append("MTTA and MTTR are means; median and p90 are in --format markdown, csv and json. Definitions: docs/sla.md.")
        return lines.joined(separator: "\n")
    }

    /// Content widths, with the first two (free-text) columns narrowed when the line would not fit.
    private static func columnWidths(headers: [String], rows: [[String]], width: Int?) -> [Int] {
        var widths = headers.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], cell.count) }
        }
        guard let width else { return widths }
        var overflow = widths.reduce(0, +) + 2 * (widths.count - 1) - width
        for index in [0, 1] where overflow > 0 && index < widths.count {
            let floor = min(widths[index], index == 0 ? 16 : 10)
            let cut = min(overflow, widths[index] - floor)
            widths[index] -= cut
            overflow -= cut
        }
        return widths
    }

    private static func line(_ cells: [String], _ widths: [Int]) -> String {
        var parts: [String] = []
        for (index, cell) in cells.enumerated() {
            let limit = index < widths.count ? widths[index] : cell.count
            let text = cut(cell, to: limit)
            // Numbers read best right-aligned; the two name columns left-aligned.
            let padding = String(repeating: " ", count: max(0, limit - text.count))
            parts.append(index < 2 ? text + padding : padding + text)
        }
        var joined = parts.joined(separator: "  ")
        while joined.hasSuffix(" ") { joined.removeLast() }
        return joined
    }

    private static func cut(_ text: String, to width: Int?) -> String {
        let text = printable(text)
        guard let width, text.count > width else { return text }
        return width <= 1 ? String(text.prefix(width)) : String(text.prefix(width - 1)) + "…"
    }

    /// Control characters (line breaks, terminal escapes) and bidirectional overrides from
    /// user-written names become spaces (``TerminalText/isUnsafe(_:)``).
    private static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: TerminalText.isUnsafe) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { TerminalText.isUnsafe($0) ? " " : $0 }))
    }

    // MARK: - Markdown

    static func markdown(_ report: SLAReport) -> String {
        var lines = [
            "## SLA report \(report.windowStart) → \(report.windowEnd)",
            "",
            "\(report.total.integrations) integrations · attainment \(percent(report.total.attainment)) · "
                + "\(report.total.breaches) breaches · \(report.total.overBudget) over budget",
            "",
            "| Integration | Owner | Tools | Journey | Target | Attained | Budget left | Breaches | Breach time | Silenced | Unknown | MTTA mean / median / p90 | MTTR mean / median / p90 |",
            "| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for item in report.integrations {
            let cells = [
                "\(markdownCell(item.name)) (`\(markdownCell(item.id))`)", markdownCell(item.owner),
                markdownCell(item.tools.joined(separator: ", ")), markdownCell(item.journey.joined(separator: ", ")),
                percent(item.target), percent(item.attainment),
                item.overBudget ? "**over** (\(budget(item.errorBudgetLeftPercent, hasTarget: true)))" : budget(item.errorBudgetLeftPercent, hasTarget: item.target != nil),
                "\(item.breaches)", duration(item.time.breach), duration(item.time.silenced), duration(item.time.unknown),
                statistics(item.mtta), statistics(item.mttr),
            ]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        for (title, groups) in [("Owner", report.owners), ("Tool", report.tools), ("Journey stage", report.journeyStages)] where !groups.isEmpty {
            lines += ["", "| \(title) | Integrations | Attained | Over budget | Breaches | MTTA mean / median / p90 | MTTR mean / median / p90 |",
                      "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
            for group in groups {
                let cells = [markdownCell(group.name), "\(group.integrations)", percent(group.attainment), "\(group.overBudget)",
                             "\(group.breaches)", statistics(group.mtta), statistics(group.mttr)]
                lines.append("| " + cells.joined(separator: " | ") + " |")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Names are user input: pipes would split the cell, newlines the row, and markup would render.
    private static func markdownCell(_ text: String) -> String {
        var result = ""
        for character in printable(text) {
            switch character {
            case "|", "\\", "`", "*", "_", "[", "]", "<", ">", "#": result += "\\\(character)"
            default: result.append(character)
            }
        }
        return result
    }

    // MARK: - CSV

    /// RFC 4180: one header row, one row per integration, CRLF line ends, seconds and percentages as plain numbers.
    static func csv(_ report: SLAReport) -> String {
        let header = [
            "id", "name", "owner", "tools", "journey", "target_percent", "attainment_percent", "measured_seconds", "up_seconds",
            "breach_seconds", "silenced_seconds", "unknown_seconds", "error_budget_seconds", "error_budget_left_seconds",
            "error_budget_left_percent", "over_budget", "breaches", "incidents", "acknowledged", "resolved",
            "mtta_mean_seconds", "mtta_median_seconds", "mtta_p90_seconds", "mttr_mean_seconds", "mttr_median_seconds", "mttr_p90_seconds",
        ]
        var text = ""
        text.reserveCapacity(200 * (report.integrations.count + 1))
        func append(_ row: [String]) {
            for (index, field) in row.enumerated() {
                if index > 0 { text += "," }
                text += csvField(field)
            }
            text += "\r\n"
        }
        append(header)
        for item in report.integrations {
            append([
                item.id, item.name, item.owner, item.tools.joined(separator: ";"), item.journey.joined(separator: ";"),
                number(item.target), number(item.attainment), number(item.time.measured), number(item.time.up),
                number(item.time.breach), number(item.time.silenced), number(item.time.unknown), number(item.errorBudget),
                number(item.errorBudgetLeft), number(item.errorBudgetLeftPercent), item.overBudget ? "true" : "false",
                "\(item.breaches)", "\(item.incidents)", "\(item.acknowledged)", "\(item.resolved)",
                number(item.mtta.mean), number(item.mtta.median), number(item.mtta.p90),
                number(item.mttr.mean), number(item.mttr.median), number(item.mttr.p90),
            ])
        }
        return text
    }

    /// Quotes a field when it holds a comma, quote or line break, doubling quotes. A field that a
    /// spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) gets a leading apostrophe,
    /// unless it is a number.
    private static func csvField(_ text: String) -> String {
        var value = text
        if let first = value.first, "=+-@\t\r".contains(first), Double(value) == nil { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    // MARK: - JSON

    static func json(_ report: SLAReport) -> String {
        report.json()
    }

    // MARK: - Numbers

    /// `99.812%`, `99.5%`, `100%`: at most three decimals, no trailing zeros; `—` when not applicable.
    public static func percent(_ value: Double?) -> String {
        guard let value else { return "—" }
        // Rounded down: 99.9996 % must not read as a clean 100 %.
        var text = String(format: "%.3f", (value * 1000).rounded(.down) / 1000)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text + "%"
    }

    private static func budget(_ leftPercent: Double?, hasTarget: Bool) -> String {
        guard hasTarget else { return "—" }
        guard let leftPercent else { return "0%" }
        return String(format: "%.0f%%", leftPercent)
    }

    /// `3h12m`; `0s`; `—` when not applicable.
    public static func duration(_ seconds: Double?) -> String {
        seconds.map { DurationText.age(seconds: $0).compact } ?? "—"
    }

    private static func statistics(_ value: DurationStatistics) -> String {
        guard value.count > 0 else { return "—" }
        return "\(duration(value.mean)) / \(duration(value.median)) / \(duration(value.p90))"
    }

    /// A plain number: up to 3 decimals, no exponent, empty when not applicable.
    private static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        var text = String(format: "%.3f", value)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}
