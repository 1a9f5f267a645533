import struct Foundation.Date

extension IncidentBook {
    /// Takes in a reloaded config.
    ///
    /// Teams, channels and policies may change: later notices follow the new config, and a
    /// channel no longer configured is no longer notified. An open incident whose policy is gone
    /// switches to its integration's current policy (steps already fired stay fired). Open
    /// incidents of integrations no longer configured resolve (timeline: "removed from the
    /// config"), telling everyone notified, worded with the old config's names; their
    /// conditions and recently resolved incidents are forgotten.
    public mutating func apply(config newConfig: Config, at time: Date) -> [IncidentAction] {
        let before = composer
        config = newConfig
        graph = DependencyGraph(newConfig.integrations)
        var actions: [IncidentAction] = []
        for incident in incidents.values.sorted(by: { $0.id < $1.id }) {
            guard let integration = newConfig.integration(incident.integrationID) else {
                if incident.isOpen {
                    actions += resolveRemoved(incident, at: time, composer: before)
                }
                incidents[incident.integrationID] = nil
                continue
            }
            if incident.isOpen, let policyID = incident.policyID, newConfig.policy(policyID) == nil {
                var change = IncidentChange(incident)
                change.incident.policyID = integration.escalation
                actions += commit(change)
            }
        }
        conditions = conditions.filter { newConfig.integration($0.key) != nil }
        return actions
    }
}
