import BatonCore
import Foundation
import Testing

/// The world the incident tests run in: the SPEC's teams, channels and standard policy, and
/// a small dependency chain `sfdc-api ← sfdc-marketo-leads ← lead-scoring`.
enum IncidentWorld {
    static let t0 = Date(timeIntervalSince1970: 1_795_428_000)  // 2026-11-23T10:00:00Z

    /// `t0` plus minutes: the injected clock.
    static func at(_ minutes: Double) -> Date { t0.addingTimeInterval(minutes * 60) }

    static let standard = EscalationPolicy(
        id: "standard",
        steps: [
            EscalationStep(after: .zero, notify: [.owner]),
            EscalationStep(after: .seconds(30 * 60), notify: [.accountable]),
            EscalationStep(after: .seconds(2 * 3600), notify: [.team("exec")]),
        ],
        repeatEvery: .seconds(4 * 3600)
    )

    static func integration(
        _ id: String, name: String? = nil, owner: String = "marketing-ops", accountable: String? = "marketing-cio",
        informed: [String] = [], tags: [String] = [], dependsOn: [String] = [], escalation: String? = "standard"
    ) -> Integration {
        Integration(
            id: id, name: name ?? id, tools: [], owner: owner, accountable: accountable, informed: informed, tags: tags,
            dependsOn: dependsOn,
            probe: .heartbeat(Heartbeat(token: SecretText(literal: "token"), period: .seconds(86_400), grace: .seconds(3600))),
            escalation: escalation
        )
    }

    static let leads: Integration = {
        var leads = integration(
            "sfdc-marketo-leads", name: "Salesforce → Marketo lead sync", informed: ["exec"], tags: ["crm", "tier1"], dependsOn: ["sfdc-api"]
        )
        leads.tools = ["Salesforce", "Marketo"]
        leads.sla = SLATarget(availability: 99.5)
        return leads
    }()

    static func config(integrations: [Integration]? = nil, policies: [EscalationPolicy] = [standard], publicURL: String? = "https://baton.example.com") -> Config {
        Config(
            daemon: DaemonSettings(publicURL: publicURL),
            teams: [
                Team(id: "marketing-ops", name: "Marketing Operations", channels: ["mops-slack"]),
                Team(id: "marketing-cio", name: "Marketing CIO office", channels: ["mcio-teams"]),
                Team(id: "exec", name: "CIO and CMO", channels: ["exec-slack", "audit"]),
            ],
            channels: ["mops-slack", "mcio-teams", "exec-slack", "audit", "ops-discord"].map {
                Channel(id: $0, type: .slack, url: SecretText(literal: "https://hooks.example/\($0)"))
            },
            escalationPolicies: policies,
            integrations: integrations ?? [
                integration("sfdc-api", name: "Salesforce API", tags: ["crm"]),
                leads,
                integration("lead-scoring", name: "Lead scoring", dependsOn: ["sfdc-marketo-leads"]),
                integration("ga4-bigquery-export", name: "GA4 daily export", accountable: nil, escalation: nil),
            ]
        )
    }

    static func book(config: Config = config(), incidents: [Incident] = [], nextIncidentID: Int = 42) -> IncidentBook {
        IncidentBook(config: config, incidents: incidents, conditions: [:], nextIncidentID: nextIncidentID)
    }

    /// `last_sync 3h12m old (error after 2h)`.
    static let staleReason = Reason.freshness(
        FreshnessFinding(label: "last_sync", outcome: .tooOld(ageSeconds: 11_520, limit: .errorAfter(.seconds(7200))))
    )

    static func stale(at minutes: Double, _ reason: Reason = staleReason) -> IntegrationCondition {
        IntegrationCondition(state: .stale, reason: reason, since: at(minutes))
    }

    /// Stale for a reason the incident logic only passes on: it never reads one.
    static func stale(at minutes: Double, _ reason: String) -> IntegrationCondition {
        stale(at: minutes, .text(reason))
    }

    static func condition(_ state: IntegrationState, at minutes: Double, _ reason: String = "", blockedBy: [String] = []) -> IntegrationCondition {
        IntegrationCondition(state: state, reason: .text(reason), since: at(minutes), blockedBy: blockedBy)
    }

    /// Never silenced.
    static func noSilence(_ integrationID: String) -> SilenceVerdict? { nil }
}

extension IncidentBook {
    /// Ticks with nothing silenced.
    mutating func tick(atMinute minutes: Double) -> [IncidentAction] {
        tick(at: IncidentWorld.at(minutes), silence: IncidentWorld.noSilence)
    }

    /// Reports a change with nothing silenced.
    mutating func change(_ id: String, to condition: IntegrationCondition, from previous: IntegrationState) -> [IncidentAction] {
        integrationChanged(id, to: condition, from: previous, silence: nil)
    }
}

extension [IncidentAction] {
    var notices: [Notice] {
        compactMap { if case .notify(let notice) = $0 { notice } else { nil } }
    }

    var events: [IncidentEvent] {
        compactMap { if case .record(let event) = $0 { event } else { nil } }
    }

    var saved: [Incident] {
        compactMap { if case .save(let incident) = $0 { incident } else { nil } }
    }

    /// `kind channel` per notice, in order: the shape most tests compare.
    var noticeSummary: [String] {
        notices.map { "\($0.kind) \($0.channelID)" }
    }

    var timeline: [String] {
        events.map(\.text)
    }
}
