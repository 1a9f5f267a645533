import BatonCore
import BatonStatusPage
import Foundation
import TestSupport
import Testing

/// The status page, rendered by a real browser (headless Chromium): its DOM holds the fixture's
/// integrations, states and incidents, and a hostile name stays text.
@Suite struct StatusPageTests {
    static let now = Date(timeIntervalSince1970: 1_795_435_200)  // 2026-11-23T12:00:00Z
    static let hostile = "<script>alert(1)</script><img src=x onerror=alert(2)> \"Leads\" & 'co'"

    static func model() -> StatusPageModel {
        let healthyDays = Array(repeating: TimeSplit(measured: 86_400, up: 86_400), count: 29) + [TimeSplit(measured: 43_200, up: 43_200)]
        let brokenDays = Array(repeating: TimeSplit(), count: 27)
            + [TimeSplit(measured: 86_400, up: 86_400), TimeSplit(measured: 86_400, up: 82_800, breach: 3600), TimeSplit(measured: 43_200, breach: 43_200)]
        return StatusPageModel(
            generatedAt: now,
            rows: [
                .init(id: "sfdc-marketo-leads", name: hostile, owner: "marketing-ops", ownerName: "Marketing Operations",
                      journey: ["acquisition", "retention"], state: .stale, reason: "last_sync 3h12m old (error after 2h)",
                      since: now.addingTimeInterval(-43_200), silenced: false, days: brokenDays, availability: 68.75),
                .init(id: "ga4-bigquery", name: "GA4 daily export → BigQuery", owner: "analytics", ownerName: "Analytics & BI",
                      journey: [], state: .healthy, reason: "HTTP 200 in 12ms", since: nil, silenced: false, days: healthyDays,
                      availability: 100),
                .init(id: "consent", name: "OneTrust consent → Braze", owner: "marketing-ops", ownerName: "Marketing Operations",
                      journey: ["awareness"], state: .blocked, reason: "blocked by sfdc-marketo-leads", since: nil, silenced: true,
                      days: healthyDays, availability: 100),
            ],
            incidents: [
                .init(id: 42, integrationName: hostile, ownerName: "Marketing Operations", state: .stale, reason: "last_sync 3h12m old",
                      openedAt: now.addingTimeInterval(-43_200), step: 2, steps: 3, acknowledgedBy: "alice"),
            ],
            days: 30
        )
    }

    /// Text from config never becomes markup, in text or in attributes.
    @Test func escapesEverythingFromConfig() {
        let html = StatusPage.render(Self.model())
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt; &quot;Leads&quot; &amp; &#39;co&#39;"))
        #expect(html.contains("Analytics &amp; BI"))
        #expect(html.contains("<meta http-equiv=\"refresh\" content=\"30\">"))
        // No external assets and no script of its own.
        #expect(!html.contains(" src=\"") && !html.contains(" href=\"") && !html.contains("@import"))
    }

    /// Headless Chromium parses the page into one row per integration and group, with its state, the
    /// incident with its step and acknowledger, 30 bars each, and renders it to a PNG at phone width.
    @Test func chromiumRendersTheFixture() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("baton-page-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("status.html")
        try StatusPage.render(Self.model()).write(to: page, atomically: true, encoding: .utf8)

        let dom = try Chromium.run(["--dump-dom", page.absoluteString], folder: folder)
        // Each integration appears once by owner and once per journey stage (or under "No journey stage").
        #expect(Self.count("data-integration=\"sfdc-marketo-leads\"", in: dom) == 3)
        #expect(Self.count("data-integration=\"ga4-bigquery\"", in: dom) == 2)
        #expect(Self.count("data-integration=\"consent\"", in: dom) == 2)
        #expect(dom.contains("data-state=\"stale\""))
        #expect(dom.contains("data-state=\"blocked\""))
        #expect(dom.contains("blocked (silenced)"))
        #expect(dom.contains("id=\"owner-marketing-ops\""))
        #expect(dom.contains("id=\"journey-acquisition\""))
        #expect(dom.contains("#42"))
        #expect(dom.contains("step 2 of 3"))
        #expect(dom.contains("acknowledged by <bdi>alice</bdi>"))
        #expect(dom.contains("68.75%"))
        #expect(Self.count("<rect", in: dom) == 30 * 7)
        // The hostile name stayed text: the browser created no script or img element from it.
        #expect(!dom.contains("<script"))
        #expect(!dom.contains("<img"))

        let png = folder.appendingPathComponent("status.png")
        _ = try Chromium.run(["--window-size=412,2000", "--screenshot=\(png.path)", page.absoluteString], folder: folder)
        let bytes = try Data(contentsOf: png)
        #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(bytes.count > 10_000)
    }

    static func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }
}

/// Debian's `chromium`, headless, without a sandbox (tests run as root) and with a throwaway profile.
enum Chromium {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func run(_ arguments: [String], folder: URL) throws -> String {
        let process = try SpawnCommand("/usr/bin/chromium", [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--user-data-dir=\(folder.appendingPathComponent("profile").path)",
        ] + arguments, standardOutput: .pipe, standardError: .null).spawn()
        let output = try process.standardOutput?.readToEnd() ?? []
        let termination = process.waitUntilExit()
        guard termination == .exited(0) else { throw Failure(description: "chromium exited \(termination.status)") }
        return String(decoding: output, as: UTF8.self)
    }
}
