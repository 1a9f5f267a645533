import BatonCore
import Prometheus

/// The daemon's Prometheus metrics: counted as things happen (probes, deliveries) or read from the
/// monitor when scraped (states, incidents, notices).
final class DaemonMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    let probeDuration: DurationHistogram
    let lateness: DurationHistogram
    let probes: Counter
    let probeErrors: [ProbeErrorKind: Counter]
    let noticesDelivered: Counter
    let noticesDead: Counter
    let deliveryRetries: Counter
    /// `/ping` requests refused, by why (``PingRejection``).
    let pingRejected: [PingRejection: Counter]

    /// `baton_<name>_<unit>` with its help line.
    static func name(_ name: String, unit: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "baton", metricName: name, unitName: unit, helpText: help)
    }

    init() {
        probeDuration = registry.makeDurationHistogram(
            descriptor: Self.name("probe_duration", unit: "seconds", "Time from the start of a probe to the end of its answer."),
            buckets: [.milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
                      .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10)]
        )
        lateness = registry.makeDurationHistogram(
            descriptor: Self.name("scheduler_lateness", unit: "seconds", "How late probes start after their scheduled slot."),
            buckets: [.milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(20), .milliseconds(50),
                      .milliseconds(100), .milliseconds(500), .seconds(1)]
        )
        probes = registry.makeCounter(descriptor: Self.name("probes", unit: "total", "Probes made."))
        var errors: [ProbeErrorKind: Counter] = [:]
        for kind in ProbeErrorKind.allCases {
            errors[kind] = registry.makeCounter(
                descriptor: Self.name("probe_errors", unit: "total", "Probes that got no usable answer, by kind."), labels: [("kind", kind.rawValue)]
            )
        }
        probeErrors = errors
        noticesDelivered = registry.makeCounter(descriptor: Self.name("notices_delivered", unit: "total", "Notices a receiver accepted."))
        noticesDead = registry.makeCounter(descriptor: Self.name("notices_dead", unit: "total", "Notices given up on (refused, too old, channel disabled)."))
        deliveryRetries = registry.makeCounter(descriptor: Self.name("notice_delivery_retries", unit: "total", "Delivery attempts that will be retried."))
        var rejected: [PingRejection: Counter] = [:]
        for reason in PingRejection.allCases {
            rejected[reason] = registry.makeCounter(
                descriptor: Self.name("ping_rejected", unit: "total", "/ping requests refused: an unknown token, or too many of them from one source."),
                labels: [("reason", reason.rawValue)]
            )
        }
        pingRejected = rejected
    }

    /// Called on the engine thread for every scheduled probe.
    func probed(latency: Duration, lateness late: Duration, error: ProbeErrorKind?) {
        probes.increment()
        probeDuration.record(latency)
        lateness.record(max(late, .zero))
        if let error { probeErrors[error]?.increment() }
    }

    /// The scrape: gauges refreshed from the monitor and the store, then everything in the text format.
    func exposition(
        _ snapshot: MonitorSnapshot, notices: (pending: Int, dead: Int)?, leadership: Leadership.View? = nil, leading: Bool = true,
        tokenRequests: [(credential: String, requests: Int)] = []
    ) -> [UInt8] {
        var counts: [IntegrationState: Int] = [:]
        // One series per integration, written straight from the snapshot: kept as registry gauges,
        // 10,000 integrations cost a gauge object each and seconds on the first scrape.
        var states = Self.stateFamilyHeader
        states.reserveCapacity(states.count + snapshot.order.count * 64)
        for id in snapshot.order {
            guard let state = snapshot.integrations[id]?.effective.state else { continue }
            counts[state, default: 0] += 1
            Self.appendStateSeries(id: id, state: state, to: &states)
        }
        for state in IntegrationState.allCases {
            registry.makeGauge(descriptor: Self.name("integrations", unit: "", "Integrations per state."), labels: [("state", state.rawValue)])
                .set(Int64(counts[state, default: 0]))
        }
        registry.makeGauge(descriptor: Self.name("open_incidents", unit: "", "Incidents not yet resolved.")).set(Int64(snapshot.openIncidents.count))
        if let notices {
            registry.makeGauge(descriptor: Self.name("notices_queued", unit: "", "Notices stored and not yet delivered.")).set(Int64(notices.pending))
            registry.makeGauge(descriptor: Self.name("notices_dead_letters", unit: "", "Dead letters kept in the database.")).set(Int64(notices.dead))
        }
        for (credential, requests) in tokenRequests {
            registry.makeGauge(
                descriptor: Self.name("oauth_token_requests", unit: "", "OAuth2 token requests made since the start, per credential (secrets shown as ***)."),
                labels: [("credential", credential)]
            ).set(Int64(requests))
        }
        registry.makeGauge(descriptor: Self.name("leader", unit: "", "1 while this node leads (always with SQLite), else 0.")).set(Int64(leading ? 1 : 0))
        registry.makeGauge(descriptor: Self.name("lease_epoch", unit: "", "The epoch of the leader lease this node last held or saw (0 with SQLite)."))
            .set(leadership?.epoch ?? 0)
        var bytes = registry.emitToBuffer()
        bytes.append(contentsOf: states)
        return bytes
    }

    private static let stateFamilyHeader = Array(
        "# HELP baton_integration_state 1 for the integration's current state.\n# TYPE baton_integration_state gauge\n".utf8
    )

    /// `baton_integration_state{integration="<id>",state="<state>"} 1.0`, the label value escaped as
    /// the text format wants (ids are validated, so this is only a guard).
    static func appendStateSeries(id: String, state: IntegrationState, to bytes: inout [UInt8]) {
        bytes.append(contentsOf: #"baton_integration_state{integration=""#.utf8)
        for byte in id.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): bytes.append(contentsOf: #"\\"#.utf8)
            case UInt8(ascii: "\""): bytes.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\n"): bytes.append(contentsOf: #"\n"#.utf8)
            default: bytes.append(byte)
            }
        }
        bytes.append(contentsOf: #"",state=""#.utf8)
        bytes.append(contentsOf: state.rawValue.utf8)
        bytes.append(contentsOf: "\"} 1.0\n".utf8)
    }
}

/// Why a `/ping` request was refused, as the `reason` label of `baton_ping_rejected_total`.
enum PingRejection: String, CaseIterable, Sendable {
    case unknownToken = "unknown_token"
    case rateLimited = "rate_limited"
}
