extension EscalationPolicy {
    /// What an incident follows when its integration has no policy: the owner hears at once, once.
    static let ownerOnly = EscalationPolicy(id: "", steps: [EscalationStep(after: .zero, notify: [.owner])])
}

extension Config {
    /// The policy an incident escalates by: its own policy as configured now, else ``EscalationPolicy/ownerOnly``.
    public func policy(for incident: Incident) -> EscalationPolicy {
        incident.policyID.flatMap { policy($0) } ?? .ownerOnly
    }
}
