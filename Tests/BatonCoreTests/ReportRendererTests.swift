import BatonCore
import Foundation
import Testing

/// Every report format shows the same figures, survives hostile names and parses back.
@Suite("Report formats")
struct ReportRendererTests {
    static let hostile = "Evil, \"quoted\" | <b>name</b>\n=cmd()"

    static func report() -> SLAReport {
        let inputs = [
            SLACalculatorTests.input(
                SLACalculatorTests.integration("leads"),
                changes: [SLACalculatorTests.change(.healthy, .stale, at: 1), SLACalculatorTests.change(.stale, .healthy, at: 2)],
                incidents: [SLACalculatorTests.incident(1, opened: 1, acked: 1.25, resolved: 2)]
            ),
            SLACalculatorTests.input({
                var integration = SLACalculatorTests.integration("odd", owner: "web", tools: [hostile], target: nil)
                integration.name = hostile
                return integration
            }()),
        ]
        return SLACalculator.report(inputs, window: SLACalculatorTests.span(0, 10), generatedAt: SLACalculatorTests.at(10))
    }

    /// CSV is RFC 4180: parsed back, it has one row per integration with the same numbers, hostile name intact
    /// (bar the apostrophe that keeps spreadsheets from running it as a formula).
    @Test func csvParsesBack() throws {
        let text = ReportRenderer.render(Self.report(), as: .csv)
        let rows = try Self.parseCSV(text)
        #expect(rows.count == 3)
        let header = try #require(rows.first)
        #expect(header.first == "id")
        #expect(Set(rows.map(\.count)) == [header.count])
        let leads = try #require(rows.first { $0.first == "leads" })
        func field(_ row: [String], _ name: String) -> String? { header.firstIndex(of: name).map { row[$0] } }
        #expect(field(leads, "attainment_percent") == "90")
        #expect(field(leads, "breach_seconds") == "3600")
        #expect(field(leads, "over_budget") == "true")
        #expect(field(leads, "mtta_mean_seconds") == "900")
        #expect(field(leads, "mttr_p90_seconds") == "3600")
        let odd = try #require(rows.first { $0.first == "odd" })
        #expect(field(odd, "name") == Self.hostile)
        #expect(field(odd, "tools") == Self.hostile)
        #expect(field(odd, "target_percent") == "")
        #expect(text.hasSuffix("\r\n"))
    }

    /// JSON has every key, `null` where a figure does not apply, decodes to the same report, and is
    /// what `Codable` would write (names with quotes, line breaks and markup included).
    @Test func jsonHasEveryKey() throws {
        let report = Self.report()
        let text = ReportRenderer.render(report, as: .json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["generated_at", "window_start", "window_end", "window_seconds", "integrations", "owners", "tools", "journey_stages", "total"])
        let integrations = try #require(object["integrations"] as? [[String: Any]])
        for item in integrations {
            #expect(Set(item.keys) == [
                "id", "name", "owner", "tools", "journey", "target_percent", "attainment_percent", "time", "error_budget_seconds",
                "error_budget_left_seconds", "error_budget_left_percent", "over_budget", "breaches", "incidents", "acknowledged",
                "resolved", "mtta", "mttr",
            ])
            #expect(Set((item["time"] as? [String: Any])?.keys.map { $0 } ?? []) == [
                "measured_seconds", "up_seconds", "breach_seconds", "silenced_seconds", "unknown_seconds",
            ])
            #expect(Set((item["mttr"] as? [String: Any])?.keys.map { $0 } ?? []) == ["count", "mean_seconds", "median_seconds", "p90_seconds"])
        }
        let odd = try #require(integrations.first { $0["id"] as? String == "odd" })
        #expect(odd["target_percent"] is NSNull)
        #expect((odd["mtta"] as? [String: Any])?["mean_seconds"] is NSNull)
        #expect(try JSONDecoder().decode(SLAReport.self, from: Data(text.utf8)) == report)
        // The hand-written JSON is the document Codable would write.
        let viaCodable = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(report)) as? NSDictionary
        #expect(viaCodable == (object as NSDictionary))
    }

    /// Markdown keeps one row per integration whatever the name holds.
    @Test func markdownEscapesNames() {
        let text = ReportRenderer.render(Self.report(), as: .markdown)
        let row = text.split(separator: "\n").first { $0.contains("`odd`") }.map(String.init) ?? ""
        #expect(row.contains("Evil, \"quoted\" \\| \\<b\\>name\\</b\\> =cmd()"))
        // Columns: as many unescaped pipes as the header row.
        let header = text.split(separator: "\n").first { $0.hasPrefix("| Integration") }.map(String.init) ?? ""
        #expect(Self.unescapedPipes(row) == Self.unescapedPipes(header))
    }

    /// The table fits 80 columns, worst first, and a pipe gets whole lines; control characters
    /// in names (a line break, a terminal escape) are shown as spaces.
    @Test func tableFitsTheTerminal() {
        let text = ReportRenderer.render(Self.report(), as: .table, width: 80)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.allSatisfy { $0.count <= 80 || $0.hasPrefix("MTTA") })
        #expect(lines.contains { $0.hasPrefix("leads") && $0.contains("90%") && $0.contains("OVER") && $0.contains("15m") })
        #expect(ReportRenderer.render(Self.report(), as: .table, width: nil).contains(Self.hostile.replacingOccurrences(of: "\n", with: " ")))
    }

    static func unescapedPipes(_ line: String) -> Int {
        var count = 0
        var escaped = false
        for character in line {
            if character == "|", !escaped { count += 1 }
            escaped = character == "\\" && !escaped
        }
        return count
    }

    /// A small RFC 4180 reader, independent of the writer.
    static func parseCSV(_ text: String) throws -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var characters = Array(text.unicodeScalars)[...]
        while let scalar = characters.popFirst() {
            if quoted {
                if scalar == "\"" {
                    if characters.first == "\"" { field.unicodeScalars.append("\""); characters = characters.dropFirst() } else { quoted = false }
                } else {
                    field.unicodeScalars.append(scalar)
                }
            } else if scalar == "\"" {
                quoted = true
            } else if scalar == "," {
                row.append(field)
                field = ""
            } else if scalar == "\r", characters.first == "\n" {
                characters = characters.dropFirst()
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            } else {
                field.unicodeScalars.append(scalar)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}
