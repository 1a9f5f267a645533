import BatonCore
import Foundation

/// The read-only status page: server-rendered HTML with inline SVG bars, no script and no
/// external assets, readable on a phone, reloaded by the browser every 30 seconds.
///
/// Everything that comes from the config or from endpoints (names, reasons, team names) is
/// user input: it goes through ``HTML/escape(_:)``, and in its own `<bdi>` so that a
/// right-to-left override in one name cannot reorder the page around it.
public enum StatusPage {
    /// The HTTP response headers the page must be served with: no script, no external
    /// assets, never framed (no clickjacking), and never sniffed as anything but HTML.
    public static let responseHeaders: [(name: String, value: String)] = [
        ("Content-Type", "text/html; charset=utf-8"),
        ("Cache-Control", "no-store"),
        ("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'"),
        ("X-Frame-Options", "DENY"),
        ("X-Content-Type-Options", "nosniff"),
    ]

    public static func render(_ model: StatusPageModel) -> String {
        var html = HTML()
        html.raw("""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="refresh" content="30">
            <title>Baton status</title>
            <style>\(style)</style>
            </head><body>
            """)
        let counts = Dictionary(grouping: model.rows, by: \.state).mapValues(\.count)
        let breaching = (counts[.stale] ?? 0) + (counts[.down] ?? 0)
        html.raw("<header><h1>Marketing integrations</h1><p class=\"summary\">")
        html.text(summary(model.rows.count, counts))
        html.raw("</p><p class=\"updated\">Updated ")
        html.raw("<time datetime=\"\(UTCTime.rfc3339(model.generatedAt))\">")
        html.text(UTCTime.human(model.generatedAt))
        html.raw("</time> · refreshes every 30 s</p>")
        if breaching == 0 {
            html.raw("<p class=\"banner ok\">Everything is flowing.</p>")
        } else {
            html.raw("<p class=\"banner bad\">\(breaching) integration\(breaching == 1 ? " is" : "s are") stale or down.</p>")
        }
        html.raw("</header>")

        incidents(model, into: &html)

        html.raw("<section id=\"by-owner\"><h2>By owner</h2>")
        let owners = Dictionary(grouping: model.rows, by: \.owner)
        for owner in orderedKeys(model.rows.map(\.owner)) {
            guard let rows = owners[owner], let first = rows.first else { continue }
            group(title: first.ownerName, id: "owner-\(owner)", rows: rows, days: model.days, into: &html)
        }
        html.raw("</section><section id=\"by-journey\"><h2>By customer-journey stage</h2>")
        for stage in JourneyStage.allCases {
            let rows = model.rows.filter { $0.journey.contains(stage.rawValue) }
            guard !rows.isEmpty else { continue }
            group(title: stage.rawValue.capitalized, id: "journey-\(stage.rawValue)", rows: rows, days: model.days, into: &html)
        }
        let unstaged = model.rows.filter(\.journey.isEmpty)
        if !unstaged.isEmpty { group(title: "No journey stage", id: "journey-none", rows: unstaged, days: model.days, into: &html) }
        html.raw("</section><footer>Baton · bars show the last \(model.days) days (UTC); availability excludes silenced and unknown time.</footer>")
        html.raw("</body></html>\n")
        return html.output
    }

    // MARK: - Parts

    private static func summary(_ total: Int, _ counts: [IntegrationState: Int]) -> String {
        let parts = IntegrationState.allCases.compactMap { state in counts[state].map { "\($0) \(state.rawValue)" } }
        return "\(total) integration\(total == 1 ? "" : "s")" + (parts.isEmpty ? "" : ": " + parts.joined(separator: ", "))
    }

    private static func incidents(_ model: StatusPageModel, into html: inout HTML) {
        html.raw("<section id=\"incidents\"><h2>Open incidents</h2>")
        guard !model.incidents.isEmpty else {
            html.raw("<p class=\"none\">No open incidents.</p></section>")
            return
        }
        html.raw("<ul class=\"incidents\">")
        for incident in model.incidents {
            html.raw("<li class=\"incident \(incident.state.rawValue)\" data-incident=\"\(incident.id)\"><strong>#\(incident.id) ")
            html.isolated(incident.integrationName)
            html.raw("</strong> <span class=\"state\">\(incident.state.rawValue)</span><br><span class=\"reason\">")
            html.isolated(incident.reason)
            html.raw("</span><br><span class=\"meta\">")
            html.isolated(incident.ownerName)
            html.text(" · since \(UTCTime.human(incident.openedAt)) · step \(incident.step) of \(incident.steps) · ")
            if let acknowledgedBy = incident.acknowledgedBy {
                html.text("acknowledged by ")
                html.isolated(acknowledgedBy)
            } else {
                html.text("not acknowledged (baton ack \(incident.id))")
            }
            html.raw("</span></li>")
        }
        html.raw("</ul></section>")
    }

    private static func group(title: String, id: String, rows: [StatusPageModel.Row], days: Int, into html: inout HTML) {
        html.raw("<div class=\"group\" id=\"")
        html.text(id)
        html.raw("\"><h3>")
        html.isolated(title)
        html.raw("</h3><ul class=\"rows\">")
        for row in rows { self.row(row, days: days, into: &html) }
        html.raw("</ul></div>")
    }

    private static func row(_ row: StatusPageModel.Row, days: Int, into html: inout HTML) {
        html.raw("<li class=\"row\" data-integration=\"")
        html.text(row.id)
        html.raw("\" data-state=\"\(row.state.rawValue)\"><div class=\"line\"><span class=\"dot \(row.state.rawValue)\"></span><span class=\"name\">")
        html.isolated(row.name)
        html.raw("</span><span class=\"state \(row.state.rawValue)\">")
        html.text(row.state.rawValue + (row.silenced ? " (silenced)" : ""))
        html.raw("</span></div><div class=\"reason\">")
        html.isolated(row.reason)
        if let since = row.since { html.text(" · since \(UTCTime.human(since))") }
        html.raw("</div>")
        bars(row, days: days, into: &html)
        html.raw("</li>")
    }

    /// One bar per day: green when fully available, amber under 100 %, red under 99 %, grey without data.
    private static func bars(_ row: StatusPageModel.Row, days: Int, into html: inout HTML) {
        let width = 6
        let gap = 2
        let total = max(1, row.days.count) * (width + gap) - gap
        html.raw("<div class=\"bars\"><svg role=\"img\" viewBox=\"0 0 \(total) 24\" width=\"\(total)\" height=\"24\" preserveAspectRatio=\"none\">")
        html.raw("<title>")
        html.text("\(HTML.isolatedPlain(row.name)): \(row.availability.map(ReportRenderer.percent) ?? "no data") over \(days) days")
        html.raw("</title>")
        for (index, day) in row.days.enumerated() {
            let colour: String
            switch day.attainment {
            case nil: colour = "#c9ccd1"
            case let value? where value >= 100: colour = "#2e9e5b"
            case let value? where value >= 99: colour = "#e0a100"
            default: colour = "#d64545"
            }
            html.raw("<rect x=\"\(index * (width + gap))\" y=\"0\" width=\"\(width)\" height=\"24\" rx=\"1\" fill=\"\(colour)\"><title>")
            let label = day.attainment.map { "\(ReportRenderer.percent($0)) available" } ?? "no data"
            html.text("\(days - 1 - index == 0 ? "today" : "\(days - 1 - index) days ago"): \(label)"
                      + (day.breach > 0 ? ", breach \(ReportRenderer.duration(day.breach))" : ""))
            html.raw("</title></rect>")
        }
        html.raw("</svg><span class=\"availability\">")
        html.text(row.availability.map(ReportRenderer.percent) ?? "no data")
        html.raw("</span></div>")
    }

    /// Distinct values in first-seen order.
    private static func orderedKeys(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        return values.filter { seen.insert($0).inserted }
    }

    static let style = """
        body{font:15px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:60rem;padding:1rem;color:#1d2330;background:#f7f8fa}\
        h1{font-size:1.4rem;margin:.2rem 0}h2{font-size:1.15rem;margin:1.5rem 0 .5rem}h3{font-size:1rem;margin:1rem 0 .3rem;color:#4a5263}\
        ul{list-style:none;margin:0;padding:0}.row,.incident{background:#fff;border:1px solid #e1e4e8;border-radius:6px;padding:.5rem .7rem;margin:.3rem 0}\
        .line{display:flex;align-items:center;gap:.5rem}.name{font-weight:600;flex:1;overflow-wrap:anywhere}\
        .dot{width:.7rem;height:.7rem;border-radius:50%;flex:none;background:#c9ccd1}\
        .dot.healthy{background:#2e9e5b}.dot.degraded{background:#e0a100}.dot.stale,.dot.down{background:#d64545}.dot.blocked{background:#7a5cc4}\
        .state{font-size:.85rem;color:#4a5263}.state.stale,.state.down{color:#b42323;font-weight:600}\
        .reason,.meta,.updated,.summary,footer{font-size:.85rem;color:#4a5263;overflow-wrap:anywhere}\
        .bars{display:flex;align-items:center;gap:.5rem;margin-top:.3rem}.bars svg{max-width:100%;height:24px;flex:1}\
        .availability{font-size:.85rem;font-variant-numeric:tabular-nums;min-width:4.5rem;text-align:right}\
        .banner{padding:.5rem .7rem;border-radius:6px;font-weight:600}.banner.ok{background:#e3f4ea;color:#1f6e40}.banner.bad{background:#fbe4e4;color:#8f1d1d}\
        .incident{border-left:4px solid #d64545}footer{margin-top:2rem}
        """
}
