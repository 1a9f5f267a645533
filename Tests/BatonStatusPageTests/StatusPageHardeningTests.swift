import BatonCore
import BatonStatusPage
import Foundation
import Testing

/// The status page cannot be framed or sniffed, and a right-to-left override in one name cannot
/// reorder the text around it.
struct StatusPageHardeningTests {
    static let now = Date(timeIntervalSince1970: 1_795_435_200)
    /// Displays as "exec-slack" in a plain context: U+202E reverses what follows it.
    static let spoof = "exec-\u{202E}kcals"

    static func model() -> StatusPageModel {
        StatusPageModel(
            generatedAt: now,
            rows: [
                .init(id: "spoof", name: spoof, owner: "mops", ownerName: "Team \u{202E}spo-gnitekram", journey: [], state: .down,
                      reason: "HTTP 503 \u{202E}from upstream", since: now.addingTimeInterval(-60), silenced: false, days: [], availability: nil),
            ],
            incidents: [
                .init(id: 7, integrationName: spoof, ownerName: "Team \u{202E}x", state: .down, reason: "HTTP 503 \u{202E}x",
                      openedAt: now.addingTimeInterval(-60), step: 1, steps: 2, acknowledgedBy: "mallory\u{202E}"),
            ],
            days: 30
        )
    }

    /// The page is served with nosniff, DENY framing, and `frame-ancestors 'none'` in its CSP.
    @Test func responseHeadersForbidFramingAndSniffing() {
        let headers = Dictionary(StatusPage.responseHeaders.map { ($0.name.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
        #expect(headers["x-content-type-options"] == "nosniff")
        #expect(headers["x-frame-options"] == "DENY")
        let policy = headers["content-security-policy"] ?? ""
        #expect(policy.contains("frame-ancestors 'none'"))
        #expect(policy.contains("default-src 'none'"))
        #expect(headers["content-type"] == "text/html; charset=utf-8")
    }

    /// Every user-written name, team, reason and acknowledger sits in its own `<bdi>`, override inside.
    @Test(arguments: [
        "<span class=\"name\"><bdi>exec-\u{202E}kcals</bdi></span>",
        "<strong>#7 <bdi>exec-\u{202E}kcals</bdi></strong>",
        "<h3><bdi>Team \u{202E}spo-gnitekram</bdi></h3>",
        "<div class=\"reason\"><bdi>HTTP 503 \u{202E}from upstream</bdi> · since",
        "<span class=\"reason\"><bdi>HTTP 503 \u{202E}x</bdi></span>",
        "<span class=\"meta\"><bdi>Team \u{202E}x</bdi> · since",
        "acknowledged by <bdi>mallory\u{202E}</bdi></span>",
    ])
    func namesAreIsolated(fragment: String) {
        #expect(StatusPage.render(Self.model()).contains(fragment))
    }

    /// Outside `<bdi>`, a name only appears in an SVG tooltip, isolated by FSI … PDI.
    @Test func tooltipIsolatesTheName() {
        let html = StatusPage.render(Self.model())
        #expect(html.contains("<title>\u{2068}exec-\u{202E}kcals\u{2069}: no data over 30 days</title>"))
        // Every override on the page is inside an isolate: count openings against overrides.
        let overrides = html.components(separatedBy: "\u{202E}").count - 1
        let isolated = html.components(separatedBy: "<bdi>").count - 1 + html.components(separatedBy: "\u{2068}").count - 1
        // The row twice (by owner, and under "No journey stage"): name, reason, tooltip; its team; the incident's four.
        #expect(overrides == 11)
        #expect(isolated >= overrides)
    }
}
