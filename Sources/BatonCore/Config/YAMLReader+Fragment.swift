extension YAMLReader {
    /// The sections a config file may have.
    static let sections = [
        "daemon", "storage", "defaults", "teams", "channels", "escalation_policies", "maintenance", "digests", "integrations",
    ]

    /// Everything this file says. Top-level keys starting with `x-` are ignored, so they can
    /// hold YAML anchors (`x-check: &check {…}`) to merge elsewhere with `<<: *check`.
    func fragment() -> ConfigFragment {
        var fragment = ConfigFragment()
        guard let root = document.root, !root.isNullScalar else { return fragment }
        guard let top = mapping(root, "the top level", allowed: nil) else { return fragment }
        for entry in top.entries where !Self.sections.contains(entry.key) && !entry.key.hasPrefix("x-") {
            report("unknown section `\(entry.key)`\(DidYouMean.hint(for: entry.key, among: Self.sections))", at: entry.keyNode)
        }
        if let node = top["daemon"] { fragment.daemon = daemon(node) }
        if let node = top["storage"] {
            fragment.storage = storage(node)
            fragment.storageLocation = location(of: node)
        }
        if let node = top["defaults"] { fragment.defaults = defaults(node) }
        if let node = top["teams"] { fragment.teams = teams(node) }
        if let node = top["channels"] { fragment.channels = channels(node) }
        if let node = top["escalation_policies"] { fragment.policies = policies(node) }
        if let node = top["maintenance"] { fragment.maintenance = items(node, "maintenance").compactMap(maintenanceWindow) }
        if let node = top["digests"] { fragment.digests = items(node, "digests").compactMap(digest) }
        if let node = top["integrations"] {
            // Reserved: appending 10,000 drafts one by one would leave growth copies behind.
            let nodes = items(node, "integrations")
            fragment.integrations.reserveCapacity(nodes.count)
            for item in nodes { if let draft = integration(item) { fragment.integrations.append(draft) } }
        }
        return fragment
    }

    /// The entries of a map keyed by id (`teams:`, `channels:`, `escalation_policies:`), with
    /// each id checked: they appear in `team:<id>` targets and CLI flags, so no spaces or colons.
    func entriesByID(_ node: YAMLNode, _ section: String) -> [(id: Located<String>, value: YAMLNode)] {
        guard let map = mapping(node, "`\(section)`", allowed: nil) else { return [] }
        return map.entries.compactMap { entry in
            let id = Located(entry.key, at: location(of: entry.keyNode))
            guard IDSyntax.isValidName(entry.key) else {
                report("\(section): `\(entry.key)` is not a valid id: use letters, digits, `-`, `_` and `.`", at: entry.keyNode)
                return nil
            }
            return (id, entry.value)
        }
    }
}
