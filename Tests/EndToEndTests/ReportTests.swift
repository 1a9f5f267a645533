import BatonCore
import BatonSim
import Foundation
import Testing

/// `baton report` against the real daemon: the figures come from its transition log and incidents.
struct ReportTests {
    /// A breach and its recovery show up as one breach, one resolved incident with an MTTR, and
    /// attainment below 100 %; every format renders, and a bad `--since` is a usage error.
    @Test func reportCountsABreach() async throws {
        try await Scenario.with(["lead-sync": EndpointBehaviour()]) { scenario in
            try await DaemonHarness.running(config: IncidentTests.config(scenario)) { daemon in
                #expect(try await daemon.waitFor("lead-sync", toBe: "healthy"), "\(daemon.log)")
                var failing = EndpointBehaviour()
                failing.status = 503
                scenario.simulator.set("lead-sync", failing)
                #expect(try await daemon.waitFor("lead-sync", toBe: "down"))
                scenario.simulator.set("lead-sync", EndpointBehaviour())
                let resolved = try await Run.until(timeout: .seconds(10)) { try await IncidentTests.incidents(daemon).first?.status == "resolved" }
                #expect(resolved, "\(daemon.log)")

                let result = try await daemon.baton(["report", "--since", "1h", "--format", "json"])
                #expect(result.status == 0, "\(result.stderr)")
                let report = try JSONDecoder().decode(SLAReport.self, from: Data(result.stdout.utf8))
                let figures = try #require(report.integrations.first)
                #expect(figures.id == "lead-sync")
                #expect(figures.owner == "marketing-ops")
                #expect(figures.breaches == 1)
                #expect(figures.time.breach > 0)
                #expect((figures.attainment ?? 100) < 100)
                // Measured only since the integration first appeared, not over the whole hour.
                #expect(figures.time.measured < 120)
                #expect(report.windowSeconds == 3600)
                #expect(figures.incidents == 1)
                #expect(figures.resolved == 1)
                #expect(figures.mttr.count == 1)
                #expect(report.owners.first?.name == "Marketing Operations")
                #expect(report.tools.map(\.key).sorted() == ["Marketo", "Salesforce"])

                for format in ["table", "markdown", "csv"] {
                    let rendered = try await daemon.baton(["report", "--since", "1h", "--format", format])
                    #expect(rendered.status == 0, "\(format): \(rendered.stderr)")
                    #expect(rendered.stdout.contains("lead-sync"), "\(format)")
                }
                #expect(try await daemon.baton(["report", "--since", "soon"]).status == 64)
                #expect(try await daemon.baton(["report", "--format", "pdf"]).status == 64)
            }
        }
    }
}
