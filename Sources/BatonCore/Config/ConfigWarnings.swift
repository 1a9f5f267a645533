/// Something in a valid config that is probably not what its author meant; shown by
/// `baton config check` and at the daemon's start, never fatal.
public struct ConfigWarning: Sendable, Equatable, CustomStringConvertible {
    public var location: SourceLocation?
    public var message: String

    public var description: String {
        (location.map { "\($0.description): " } ?? "") + "warning: " + message
    }
}

extension Config {
    /// The warnings about this config: escalation steps that would notify nobody, because the
    /// teams they name have no channels (or the integration has no accountable or informed team).
    ///
    /// Integrations that share a policy and a gap are named together, at most `limit` lines.
    public func warnings(limit: Int = 20) -> [ConfigWarning] {
        var warnings: [ConfigWarning] = []
        var extra = 0
        for integration in integrations where integration.check != nil || integration.heartbeat != nil {
            let policy = integration.escalation.flatMap { self.policy($0) } ?? EscalationPolicy.ownerOnly
            for (index, step) in policy.steps.enumerated() where Recipients.channels(for: step.notify, of: integration, in: self).isEmpty {
                guard warnings.count < limit else {
                    extra += 1
                    continue
                }
                let name = policy.id.isEmpty ? "the owner-only default" : "policy `\(policy.id)`"
                let targets = step.notify.map(\.description).joined(separator: ", ")
                warnings.append(ConfigWarning(
                    location: integration.location,
                    message: "`\(integration.id)`: step \(index + 1) of \(name) (after \(step.after.compact), \(targets)) reaches nobody: \(Self.gap(step.notify, of: integration, in: self))"
                ))
            }
        }
        if extra > 0 { warnings.append(ConfigWarning(location: nil, message: "and \(extra) more steps that reach nobody")) }
        return warnings
    }

    /// Why the targets reach no channel, in the words of the config.
    private static func gap(_ targets: [NotifyTarget], of integration: Integration, in config: Config) -> String {
        var reasons: [String] = []
        for target in targets {
            switch target {
            case .owner:
                reasons.append("its owner `\(integration.owner)` has no channels")
            case .accountable:
                reasons.append(integration.accountable.map { "its accountable team `\($0)` has no channels" } ?? "it has no `accountable` team")
            case .informed:
                reasons.append(integration.informed.isEmpty ? "it has no `informed` teams" : "its informed teams have no channels")
            case .team(let id):
                reasons.append("team `\(id)` has no channels")
            case .channel(let id):
                reasons.append("channel `\(id)` is not declared")
            }
        }
        return reasons.joined(separator: "; ")
    }
}
