/// The one plain sentence that leads every incident notice.
enum Headline {
    /// `Salesforce → Marketo lead sync is stale: last_sync 3h12m old (error after 2h)`, or
    /// `… is blocked by sfdc-api` while a dependency is the cause.
    static func breach(_ name: String, _ state: IntegrationState, _ reason: Reason) -> String {
        if state == .blocked, case .blocked = reason { return "\(name) is \(reason.compact)" }
        let reason = reason.compact
        return "\(name) is \(state)" + (reason.isEmpty ? "" : ": \(reason)")
    }

    /// `#42 acknowledged by alice: vendor ticket 1234`
    static func acknowledged(_ id: Int, by user: String, note: String?) -> String {
        "#\(id) acknowledged by \(user)" + (note.map { ": \($0)" } ?? "")
    }

    /// `Salesforce → Marketo lead sync recovered: #42 resolved after 1h12m`
    static func recovered(_ name: String, _ id: Int, afterSeconds seconds: Int) -> String {
        "\(name) recovered: #\(id) resolved after \(Duration.seconds(seconds).compact)"
    }

    /// `Salesforce → Marketo lead sync was removed from the config: #42 resolved after 1h12m`
    static func removed(_ name: String, _ id: Int, afterSeconds seconds: Int) -> String {
        "\(name) was removed from the config: #\(id) resolved after \(Duration.seconds(seconds).compact)"
    }

    /// `Salesforce → Marketo lead sync is down again: HTTP 503 (#42 re-opened)`
    static func reopened(_ name: String, _ state: IntegrationState, _ reason: Reason, _ id: Int) -> String {
        let reason = reason.compact
        return "\(name) is \(state) again" + (reason.isEmpty ? "" : ": \(reason)") + " (#\(id) re-opened)"
    }

    /// `#42 silenced: maintenance: vendor maintenance`
    static func silenced(_ id: Int, by description: String) -> String {
        "#\(id) silenced: \(description)"
    }

    /// `#42: silence ended, escalation resumes`; an acknowledged incident does not escalate, so it says less.
    static func unsilenced(_ id: Int, acknowledged: Bool) -> String {
        acknowledged ? "#\(id): silence ended" : "#\(id): silence ended, escalation resumes"
    }
}
