/// The plain words of incident timeline entries, as `baton show` prints them.
enum TimelineText {
    /// `opened: stale — last_sync 3h12m old (error after 2h)`
    static func opened(_ state: IntegrationState, _ reason: Reason) -> String {
        "opened: " + stateAndReason(state, reason)
    }

    /// `re-opened: down — HTTP 503`
    static func reopened(_ state: IntegrationState, _ reason: Reason) -> String {
        "re-opened: " + stateAndReason(state, reason)
    }

    /// `step 1: notified owner marketing-ops (mops-slack)`; several targets are listed with commas.
    static func step(_ number: Int, reached groups: [Recipients.Group]) -> String {
        let named = groups.filter { !$0.channels.isEmpty }.map { group in
            group.isChannel ? group.label : "\(group.label) (\(group.channels.joined(separator: ", ")))"
        }
        guard !named.isEmpty else { return "step \(number): nobody to notify" }
        return "step \(number): notified " + named.joined(separator: ", ")
    }

    /// `repeated step 3`
    static func repeated(_ number: Int) -> String {
        "repeated step \(number)"
    }

    /// `acknowledged by alice: vendor ticket 1234`
    static func acknowledged(by user: String, note: String?) -> String {
        "acknowledged by \(user)" + (note.map { ": \($0)" } ?? "")
    }

    /// `recovering: resolves after 10m without a new breach`
    static func recovering(cooldown: Duration) -> String {
        "recovering: resolves after \(cooldown.compact) without a new breach"
    }

    /// `resolved after 1h12m`
    static func resolved(afterSeconds seconds: Int) -> String {
        "resolved after \(Duration.seconds(seconds).compact)"
    }

    /// The integration left the config, so its incident can never recover on its own.
    static let removed = Reason.removedFromConfig.compact

    /// `down → stale: last_sync 3h old (error after 2h)`, or `blocked by sfdc-api`.
    static func changed(from previous: IntegrationState, to state: IntegrationState, reason: Reason) -> String {
        let reason = reason.compact
        if state == .blocked { return reason }
        return "\(previous) → \(state)" + (reason.isEmpty ? "" : ": \(reason)")
    }

    /// `silenced: maintenance: vendor maintenance`
    static func silenced(_ description: String) -> String {
        "silenced: \(description)"
    }

    static let unsilenced = "silence ended"

    private static func stateAndReason(_ state: IntegrationState, _ reason: Reason) -> String {
        let reason = reason.compact
        return reason.isEmpty ? "\(state)" : "\(state) — \(reason)"
    }
}
