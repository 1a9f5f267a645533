import Yams

extension YAMLReader {
    /// The sections a config file may have.
    static let sections = [
        "daemon", "storage", "defaults", "teams", "channels", "escalation_policies", "maintenance", "digests", "integrations",
    ]

    /// Everything this file says. Top-level keys starting with `x-` are ignored, so they can
    /// hold YAML anchors (`x-check: &check {…}`) to merge elsewhere with `<<: *check`.
    ///
    /// Consumes `root`, the file's node tree (``YAMLDocument/takeRoot()``): at 10,000
    /// integrations the tree is larger than the drafts read from it, so the lists are freed
    /// item by item as they are read instead of all at the end (peak memory at load).
    func fragment(of root: consuming Node?) -> ConfigFragment {
        var fragment = ConfigFragment()
        guard var top = topLevel(consume root) else { return fragment }
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
        if let node = top.take("maintenance") { fragment.maintenance = readEach(consume node, "maintenance", maintenanceWindow) }
        if let node = top.take("digests") { fragment.digests = readEach(consume node, "digests", digest) }
        if let node = top.take("integrations") { fragment.integrations = readEach(consume node, "integrations", integration) }
        return fragment
    }

    /// The top-level mapping. `root` is freed on return, so each section is then held only by
    /// the mapping's entries.
    private func topLevel(_ root: consuming Node?) -> ConfigMapping? {
        guard let root, !root.isNullScalar else { return nil }
        return mapping(root, "the top level", allowed: nil)
    }

    /// The items of `list`, each read with `read`, in the order written. Each item's node tree
    /// is freed as soon as it is read, so the trees of 10,000 integrations are not all alive
    /// beside the drafts read from them (peak memory at load).
    private func readEach<Draft>(_ list: consuming Node, _ key: String, _ read: (Node) -> Draft?) -> [Draft] {
        // `items` copies the list's nodes and `list` is freed with the call: `pending` is then
        // their only owner, and `popLast()` moves each one out, so it is freed after its turn.
        var pending = items(consume list, key)
        pending.reverse()
        var drafts: [Draft] = []
        // Reserved: appending 10,000 drafts one by one would leave growth copies behind.
        drafts.reserveCapacity(pending.count)
        while let item = pending.popLast() {
            if let draft = read(item) { drafts.append(draft) }
        }
        return drafts
    }

    /// The entries of a map keyed by id (`teams:`, `channels:`, `escalation_policies:`), with
    /// each id checked: they appear in `team:<id>` targets and CLI flags, so no spaces or colons.
    func entriesByID(_ node: Node, _ section: String) -> [(id: Located<String>, value: Node)] {
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
