/// Builds the final ``Config`` from merged, validated drafts, applying `defaults:` to every
/// integration that did not set its own value (so a `defaults:` change in `conf.d/` reaches
/// the integrations of `baton.yaml`).
enum ConfigAssembly {
    /// The config; only called when no error was found, so every draft is complete. A draft
    /// that is not would be a bug in the readers, reported rather than dropped silently.
    static func build(_ merged: ConfigFragment, files: [String], diagnostics: ConfigDiagnostics) -> Config {
        let base = DaemonSettings()
        let daemon = DaemonSettings(
            http: merged.daemon.http ?? base.http,
            maxConcurrency: merged.daemon.maxConcurrency ?? base.maxConcurrency,
            retention: merged.daemon.retention ?? base.retention,
            publicURL: merged.daemon.publicURL ?? base.publicURL,
            nodeName: merged.daemon.nodeName,
            heartbeatURL: merged.daemon.heartbeatURL
        )
        let fallback = Defaults()
        let defaults = Defaults(
            interval: merged.defaults.interval ?? fallback.interval,
            timeout: merged.defaults.timeout ?? fallback.timeout,
            failureThreshold: merged.defaults.failureThreshold ?? fallback.failureThreshold,
            successThreshold: merged.defaults.successThreshold ?? fallback.successThreshold,
            escalation: merged.defaults.escalation?.value ?? fallback.escalation,
            maxBodyBytes: merged.defaults.maxBodyBytes ?? fallback.maxBodyBytes
        )
        func complete<Value>(_ value: Value?, _ what: String, at location: SourceLocation?) -> Value? {
            if value == nil { diagnostics.report("internal error: \(what) was not fully read", at: location) }
            return value
        }
        return Config(
            daemon: daemon,
            storage: merged.storage,
            defaults: defaults,
            teams: merged.teams.compactMap { complete($0.team, "team `\($0.id.value)`", at: $0.id.location) },
            channels: merged.channels.compactMap { complete($0.channel, "channel `\($0.id.value)`", at: $0.id.location) },
            escalationPolicies: merged.policies.compactMap { complete($0.policy, "policy `\($0.id.value)`", at: $0.id.location) },
            maintenance: merged.maintenance.compactMap { complete($0.window, "a maintenance window", at: nil) },
            digests: merged.digests.compactMap { complete($0.digest, "a digest", at: nil) },
            integrations: integrations(merged.integrations, defaults: defaults, complete: complete),
            files: files
        )
    }

    /// Reserved, not appended into: at 10,000 integrations growth would leave a buffer 1.6 times
    /// the size behind for the life of the config.
    private static func integrations(
        _ drafts: [IntegrationDraft], defaults: Defaults,
        complete: (Integration?, String, SourceLocation?) -> Integration?
    ) -> [Integration] {
        var integrations: [Integration] = []
        integrations.reserveCapacity(drafts.count)
        for draft in drafts {
            if let built = complete(integration(draft, defaults: defaults), "an integration", draft.location) { integrations.append(built) }
        }
        return integrations
    }

    private static func integration(_ draft: IntegrationDraft, defaults: Defaults) -> Integration? {
        guard draft.isComplete, let id = draft.id, let name = draft.name, let owner = draft.owner, let probeDraft = draft.probe else {
            return nil
        }
        let probe: ProbeKind
        switch probeDraft {
        case .check(let check):
            probe = .check(HTTPCheck(
                url: check.url,
                method: check.method,
                headers: check.headers,
                interval: check.interval ?? defaults.interval,
                timeout: check.timeout ?? defaults.timeout,
                expect: check.expect,
                freshness: check.freshness,
                maxBodyBytes: check.maxBodyBytes ?? defaults.maxBodyBytes,
                auth: check.auth,
                body: check.body,
                tls: check.tls,
                endpoint: check.endpoint
            ))
        case .heartbeat(let heartbeat, _):
            probe = .heartbeat(heartbeat)
        }
        return Integration(
            id: id.value,
            name: name,
            tools: draft.tools,
            owner: owner.value,
            accountable: draft.accountable?.value,
            informed: draft.informed.map(\.value),
            tags: draft.tags,
            journey: draft.journey,
            dependsOn: draft.dependsOn.map(\.value),
            probe: probe,
            sla: draft.sla,
            failureThreshold: draft.failureThreshold ?? defaults.failureThreshold,
            successThreshold: draft.successThreshold ?? defaults.successThreshold,
            escalation: draft.escalation?.value ?? defaults.escalation,
            location: draft.location
        )
    }
}
