/// Merges what several files say, in order, the way `baton.yaml` and `conf.d/` combine.
///
/// `daemon:` and `defaults:` keys of later files override earlier ones key by key; teams,
/// channels and policies are merged by id, where an id defined twice is an error naming
/// both places; maintenance windows, digests and integrations are concatenated.
enum ConfigMerge {
    static func merge(_ fragments: [ConfigFragment], diagnostics: ConfigDiagnostics) -> ConfigFragment {
        var merged = ConfigFragment()
        for fragment in fragments {
            merged.daemon.http = fragment.daemon.http ?? merged.daemon.http
            merged.daemon.maxConcurrency = fragment.daemon.maxConcurrency ?? merged.daemon.maxConcurrency
            merged.daemon.retention = fragment.daemon.retention ?? merged.daemon.retention
            merged.daemon.publicURL = fragment.daemon.publicURL ?? merged.daemon.publicURL
            merged.daemon.nodeName = fragment.daemon.nodeName ?? merged.daemon.nodeName
            merged.daemon.heartbeatURL = fragment.daemon.heartbeatURL ?? merged.daemon.heartbeatURL
            if let storage = fragment.storage {
                if merged.storage != nil, let first = merged.storageLocation {
                    diagnostics.report("storage: already set in \(first.description); one file sets the storage", at: fragment.storageLocation)
                }
                merged.storage = storage
                merged.storageLocation = fragment.storageLocation
            }

            merged.defaults.interval = fragment.defaults.interval ?? merged.defaults.interval
            merged.defaults.timeout = fragment.defaults.timeout ?? merged.defaults.timeout
            merged.defaults.failureThreshold = fragment.defaults.failureThreshold ?? merged.defaults.failureThreshold
            merged.defaults.successThreshold = fragment.defaults.successThreshold ?? merged.defaults.successThreshold
            merged.defaults.escalation = fragment.defaults.escalation ?? merged.defaults.escalation
            merged.defaults.maxBodyBytes = fragment.defaults.maxBodyBytes ?? merged.defaults.maxBodyBytes

            merged.teams += unique(fragment.teams, after: merged.teams, id: \.id, kind: "team", diagnostics: diagnostics)
            merged.channels += unique(fragment.channels, after: merged.channels, id: \.id, kind: "channel", diagnostics: diagnostics)
            merged.policies += unique(fragment.policies, after: merged.policies, id: \.id, kind: "escalation policy", diagnostics: diagnostics)

            merged.maintenance += fragment.maintenance
            merged.digests += fragment.digests
            merged.integrations += fragment.integrations
        }
        return merged
    }

    /// The items of `new` whose id no earlier file defined; the others are reported.
    private static func unique<Item>(
        _ new: [Item], after existing: [Item], id: KeyPath<Item, Located<String>>, kind: String, diagnostics: ConfigDiagnostics
    ) -> [Item] {
        var firstPlace: [String: SourceLocation] = [:]
        for item in existing where firstPlace[item[keyPath: id].value] == nil {
            firstPlace[item[keyPath: id].value] = item[keyPath: id].location
        }
        return new.filter { item in
            let itemID = item[keyPath: id]
            if let first = firstPlace[itemID.value] {
                diagnostics.report("\(kind) `\(itemID.value)` is already defined at \(first)", at: itemID.location)
                return false
            }
            return true
        }
    }
}
