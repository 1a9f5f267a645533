/// Who an escalation step reaches: notify targets turned into channel ids.
public enum Recipients {
    /// The channels `targets` reach for `integration`, each once, in the order first reached.
    ///
    /// `owner`, `accountable` and `informed` read the integration's teams; `team:X` is team X's
    /// channels; `channel:Y` is channel Y. A team or channel the config does not declare is
    /// skipped, so a notice is never addressed to a channel nobody could deliver to.
    public static func channels(for targets: [NotifyTarget], of integration: Integration, in config: Config) -> [String] {
        var seen: Set<String> = []
        return reached(by: targets, of: integration, in: config)
            .flatMap(\.channels)
            .filter { seen.insert($0).inserted }
    }

    /// One group of channels a target reaches, with how the timeline names it.
    struct Group: Equatable {
        /// `owner marketing-ops`, `team exec`, `channel audit`.
        var label: String
        /// Declared channel ids, in the team's order.
        var channels: [String]
        /// True for `channel:Y`, whose label already names its only channel.
        var isChannel = false
    }

    /// The groups `targets` reach, in order; unknown teams and channels leave no group.
    static func reached(by targets: [NotifyTarget], of integration: Integration, in config: Config) -> [Group] {
        func team(_ id: String?, as role: String) -> Group? {
            guard let id, let team = config.team(id) else { return nil }
            return Group(label: "\(role) \(id)", channels: team.channels.filter { config.channel($0) != nil })
        }
        return targets.flatMap { target -> [Group] in
            switch target {
            case .owner: [team(integration.owner, as: "owner")].compactMap { $0 }
            case .accountable: [team(integration.accountable, as: "accountable")].compactMap { $0 }
            case .informed: integration.informed.compactMap { team($0, as: "informed") }
            case .team(let id): [team(id, as: "team")].compactMap { $0 }
            case .channel(let id):
                config.channel(id) == nil ? [] : [Group(label: "channel \(id)", channels: [id], isChannel: true)]
            }
        }
    }
}
