import BatonCore
@testable import BatonDaemon
import Foundation
import Testing

/// `/metrics`: the per-integration state series are written from the monitor's snapshot, one per
/// integration in config order under one family header, beside the registry's metrics.
struct DaemonMetricsTests {
    static func heartbeat(_ token: String) -> ProbeKind {
        .heartbeat(Heartbeat(token: SecretText(literal: token), period: .seconds(86_400), grace: .zero))
    }

    @Test func everyIntegrationHasOneStateSeriesInConfigOrder() throws {
        let config = Config(
            teams: [Team(id: "data", name: "Data team", channels: [])],
            integrations: [
                Integration(id: "zeta-export", name: "Zeta", owner: "data", probe: Self.heartbeat("token-zeta-1")),
                Integration(id: "alpha-export", name: "Alpha", owner: "data", probe: Self.heartbeat("token-alpha-1")),
            ]
        )
        let parts = try DaemonParts(config: config)
        let text = String(decoding: parts.metrics.exposition(parts.monitor.snapshot(), notices: (pending: 0, dead: 0)), as: UTF8.self)
        let lines = text.split(separator: "\n").map(String.init)

        let series = lines.filter { $0.hasPrefix("baton_integration_state{") }
        #expect(series == [
            #"baton_integration_state{integration="zeta-export",state="unknown"} 1.0"#,
            #"baton_integration_state{integration="alpha-export",state="unknown"} 1.0"#,
        ])
        #expect(lines.filter { $0 == "# TYPE baton_integration_state gauge" }.count == 1)
        #expect(lines.contains(#"baton_integrations{state="unknown"} 2"#) || lines.contains(#"baton_integrations{state="unknown"} 2.0"#))
        // The registry's own families are still there, each once.
        #expect(lines.filter { $0 == "# TYPE baton_probes_total counter" }.count == 1)

        // A second scrape says the same, not twice as much.
        let again = String(decoding: parts.metrics.exposition(parts.monitor.snapshot(), notices: (pending: 0, dead: 0)), as: UTF8.self)
        #expect(again.split(separator: "\n").filter { $0.hasPrefix("baton_integration_state{") }.count == 2)
    }

    @Test func labelValuesAreEscapedAsTheTextFormatSays() {
        var bytes: [UInt8] = []
        DaemonMetrics.appendStateSeries(id: "a\"b\\c\nd", state: .down, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == #"baton_integration_state{integration="a\"b\\c\nd",state="down"} 1.0"# + "\n")
    }
}
