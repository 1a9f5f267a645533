/// Checks the references between sections once every file is merged: a team's channels,
/// a policy's targets, an integration's owner, policy and dependencies, and so on.
///
/// Each unknown id is reported where it is used, with the closest defined id suggested.
struct ConfigValidation {
    let config: ConfigFragment
    let diagnostics: ConfigDiagnostics

    func run() {
        let teams = config.teams.map(\.id.value)
        let channels = config.channels.map(\.id.value)
        let policies = config.policies.map(\.id.value)

        for team in config.teams {
            expect(team.channelRefs, in: channels, "channels", "channel")
        }
        for policy in config.policies {
            for target in policy.targets {
                switch target.value {
                case .team(let id): expect(Located(id, at: target.location), in: teams, "notify", "team")
                case .channel(let id): expect(Located(id, at: target.location), in: channels, "notify", "channel")
                case .owner, .accountable, .informed: break
                }
            }
        }
        if let escalation = config.defaults.escalation {
            expect(escalation, in: policies, "escalation", "escalation policy")
        }
        let integrationIDs = uniqueIntegrationIDs()
        for window in config.maintenance {
            expect(window.ownerRefs, in: teams, "owners", "team")
            expect(window.integrationRefs, in: integrationIDs, "integrations", "integration")
        }
        for digest in config.digests {
            expect(digest.channelRefs, in: channels, "channels", "channel")
        }
        for integration in config.integrations {
            integration.owner.map { expect($0, in: teams, "owner", "team") }
            integration.accountable.map { expect($0, in: teams, "accountable", "team") }
            expect(integration.informed, in: teams, "informed", "team")
            integration.escalation.map { expect($0, in: policies, "escalation", "escalation policy") }
            for dependency in integration.dependsOn {
                if dependency.value == integration.id?.value {
                    diagnostics.report("depends_on: an integration cannot depend on itself", at: dependency.location)
                } else {
                    expect(dependency, in: integrationIDs, "depends_on", "integration")
                }
            }
        }
        DependencyCycles(integrations: config.integrations).report(to: diagnostics)
        reportSharedHeartbeatTokens()
    }

    private func expect(_ references: [Located<String>], in defined: [String], _ key: String, _ kind: String) {
        for reference in references { expect(reference, in: defined, key, kind) }
    }

    private func expect(_ reference: Located<String>, in defined: [String], _ key: String, _ kind: String) {
        guard !defined.contains(reference.value) else { return }
        let hint = DidYouMean.hint(for: reference.value, among: defined)
        diagnostics.report("\(key): `\(reference.value)` is not a defined \(kind)\(hint)", at: reference.location)
    }

    /// Integration ids, each reported where it is used a second time.
    private func uniqueIntegrationIDs() -> [String] {
        var first: [String: SourceLocation] = [:]
        var ids: [String] = []
        for case let id? in config.integrations.map(\.id) {
            if let place = first[id.value] {
                diagnostics.report("id: integration `\(id.value)` is already defined at \(place)", at: id.location)
            } else {
                first[id.value] = id.location
                ids.append(id.value)
            }
        }
        return ids
    }

    /// `/ping/<token>` must lead to one integration. The message names the other
    /// integration, never the token.
    private func reportSharedHeartbeatTokens() {
        var owners: [String: (id: String, location: SourceLocation)] = [:]
        for integration in config.integrations {
            guard case .heartbeat(let heartbeat, let location)? = integration.probe else { continue }
            let id = integration.id?.value ?? "?"
            if let first = owners[heartbeat.token.revealed] {
                diagnostics.report("token: the same heartbeat token is already used by integration `\(first.id)` at \(first.location)", at: location)
            } else {
                owners[heartbeat.token.revealed] = (id, location)
            }
        }
    }
}
