/// The `webhook` channel's body, version 1: documented field by field in `docs/webhook.md`.
///
/// Every key is always present; absent values are `null`. Fields are only ever added within
/// a version, so receivers should ignore keys they do not know.
struct WebhookEvent: Encodable, Sendable {
    var version = 1
    /// `incident.opened`, … `incident.unsilenced`, `test`, `digest`.
    var type: String
    /// The notice key, also sent as `webhook-id`: the same on every retry.
    var id: String
    var createdAt: String
    var channel: String
    var headline: String
    /// One line for people: the notice's title and lead sentence.
    var summary: String
    var state: String
    var reason: String
    var reasonText: String
    /// What kind of reason ``reason`` is (`freshness`, `http_status`, `transfer`, …): ``Reason/Kind``.
    var reasonKind: String
    var since: Nullable<String>
    var step: Nullable<Int>
    var steps: Nullable<Int>
    var acknowledgeCommand: Nullable<String>
    var link: Nullable<String>
    var incident: Nullable<WebhookIncident>
    var integration: Nullable<WebhookIntegration>
    var details: Nullable<String>

    private enum CodingKeys: String, CodingKey {
        case version, type, id, createdAt = "created_at", channel, headline, summary, state, reason
        case reasonText = "reason_text", reasonKind = "reason_kind", since, step, steps, acknowledgeCommand = "acknowledge_command", link, incident
        case integration, details
    }
}

struct WebhookIncident: Encodable, Sendable {
    var id: Int
    var acknowledgedBy: Nullable<String>
    var note: Nullable<String>
    var durationSeconds: Nullable<Int>
    var durationText: Nullable<String>

    private enum CodingKeys: String, CodingKey {
        case id, acknowledgedBy = "acknowledged_by", note, durationSeconds = "duration_seconds", durationText = "duration_text"
    }
}

struct WebhookIntegration: Encodable, Sendable {
    var id: String
    var name: String
    var tools: [String]
    var owner: WebhookTeam
    var accountable: Nullable<WebhookTeam>
    var blocks: [String]
    var slaTargetPercent: Nullable<Double>

    private enum CodingKeys: String, CodingKey {
        case id, name, tools, owner, accountable, blocks, slaTargetPercent = "sla_target_percent"
    }
}

struct WebhookTeam: Encodable, Sendable {
    var id: String
    var name: String
}
