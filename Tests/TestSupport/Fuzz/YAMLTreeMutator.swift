/// Mutations of a config's tree that know YAML and Baton's keys: a value at the edge of its
/// key's type, the wrong type, duplicate and unknown keys, deep nesting, huge scalars, control
/// characters, anchors, aliases and alias bombs, merge keys, thousands of integrations.
public struct YAMLTreeMutator {
    public var random: SplitMix64
    /// What was done, for the failure message.
    public private(set) var applied: [String] = []
    private var anchors = 0

    public init(random: SplitMix64) {
        self.random = random
    }

    /// Applies one random mutation.
    public mutating func mutate(_ tree: inout YAMLTree) {
        let nodes = tree.paths()
        guard nodes.count > 1 else {
            tree = .map([("integrations", tree)])
            applied.append("wrap")
            return
        }
        let choice = random.weighted([30, 8, 6, 6, 6, 4, 4, 6, 6, 3, 3, 3, 4, 3, 4, 20])
        switch choice {
        case 15: extremeValue(&tree, nodes)
        case 0: hostileScalar(&tree, nodes)
        case 1: wrongType(&tree, nodes)
        case 2: deleteEntry(&tree, nodes)
        case 3: duplicateEntry(&tree, nodes)
        case 4: unknownKey(&tree, nodes)
        case 5: deepNest(&tree, nodes)
        case 6: longScalar(&tree, nodes)
        case 7: controlCharacter(&tree, nodes)
        case 8: anchorAndAlias(&tree, nodes)
        case 9: aliasBomb(&tree, nodes)
        case 10: mergeKey(&tree, nodes)
        case 11: multiplyIntegrations(&tree)
        case 12: swapSubtree(&tree, nodes)
        case 13: toggleFlow(&tree, nodes)
        default: numericForm(&tree, nodes)
        }
    }

    private mutating func pickScalar(_ nodes: [(path: YAMLPath, key: String?)], in tree: YAMLTree) -> (path: YAMLPath, key: String?)? {
        let scalars = nodes.filter { if case .scalar = tree.node(at: $0.path) { return true } else { return false } }
        return scalars.isEmpty ? nil : random.pick(scalars)
    }

    private mutating func pickMapping(_ nodes: [(path: YAMLPath, key: String?)], in tree: YAMLTree) -> YAMLPath? {
        let maps = nodes.filter { if case .mapping(let entries, _) = tree.node(at: $0.path), !entries.isEmpty { return true } else { return false } }
        return maps.isEmpty ? nil : random.pick(maps).path
    }

    private mutating func style() -> YAMLTree.Style {
        random.pick([.auto, .auto, .auto, .plain, .doubleQuoted, .singleQuoted, .literal])
    }

    mutating func hostileScalar(_ tree: inout YAMLTree, _ nodes: [(path: YAMLPath, key: String?)]) {
        guard let target = pickScalar(nodes, in: tree) else { return }
        let kind = random.chance(80) ? HostileValues.kind(ofKey: target.key ?? "") : random.pick(HostileValues.Kind.allCases)
        let value = random.pick(HostileValues.values(kind))
        let style = random.chance(80) ? YAMLTree.Style.auto : style()
        tree.update(at: target.path) { $0 = .scalar(value, style) }
        applied.append("\(target.key ?? "value"): \(value.count > 40 ? String(value.prefix(40)) + "…" : value)")
    }

    /// Values the loader's syntax accepts, at the edge of what a clock, a counter or a size can
    /// hold: the config is likely to be accepted, and its arithmetic to meet them.
    static let extremes: [HostileValues.Kind: [String]] = [
        .duration: ["99999999999s", "9223372036854ms", "106751991167d", "2562047h", "3650000d", "36500d", "1ms", "0s", "1s", "400d", "25d"],
        .integer: ["9223372036854775807", "2147483647", "1000000000", "0", "1", "65536"],
        .size: ["8EiB", "1TiB", "1GiB", "9223372036854775807", "1"],
        .percentage: ["0%", "100%", "0.0000001%", "99.99999999%"],
        .number: ["1e308", "-1e308", "9223372036854775807", "0"],
    ]

    mutating func extremeValue(_ tree: inout YAMLTree, _ nodes: [(path: YAMLPath, key: String?)]) {
        let candidates = nodes.filter { node in
            guard case .scalar = tree.node(at: node.path) else { return false }
            return Self.extremes[HostileValues.kind(ofKey: node.key ?? "")] != nil
        }
        guard !candidates.isEmpty else { return hostileScalar(&tree, nodes) }
        let target = random.pick(candidates)
        let value = random.pick(Self.extremes[HostileValues.kind(ofKey: target.key ?? "")] ?? ["0"])
        tree.update(at: target.path) { $0 = .scalar(value, .auto) }
        applied.append("\(target.key ?? "value"): \(value)")
    }

    mutating func wrongType(_ tree: inout YAMLTree, _ nodes: [(path: YAMLPath, key: String?)]) {
        let target = random.pick(nodes.dropFirst())
        let replacement: YAMLTree = switch random.below(7) {
        case 0: .sequence([], flow: true)
        case 1: .mapping([], flow: true)
        case 2: .list(["a", "b"])
        case 3: .map([("a", .text("b"))], flow: true)
        case 4: .scalar("~", .plain)
        case 5: .scalar("", .doubleQuoted)
        default: .text(random.pick(["1", "true", "x", "1.5", "-1"]))
        }
        tree.update(at: target.path) { $0 = replacement }
        applied.append("wrong type at \(target.key ?? "item")")
    }

    mutating func deleteEntry(_ tree: inout YAMLTree, _ nodes: [(path: YAMLPath, key: String?)]) {
        guard let path = pickMapping(nodes, in: tree) else { return }
        var removed = ""
        tree.update(at: path) { node in
            guard case .mapping(var entries, let flow) = node else { return }
            removed = entries.remove(at: random.below(entries.count)).key
            node = .mapping(entries, flow: flow)
        }
        applied.append("delete \(removed)")
    }

    mutating func duplicateEntry(_ tree: inout YAMLTree, _ nodes: [(path: YAMLPath, key: String?)]) {
        guard let path = pickMapping(nodes, in: tree) else { return }
        let copies = random.chance(80) ? 1 : random.size(upTo: 200)
        var key = ""
        tree.update(at: path) { node in
            guard case .mapping(var entries, let flow) = node else { return }
            let entry = entries[random.below(entries.count)]
            key = entry.key
            for _ in 0..<copies { entries.insert(entry, at: random.below(entries.count + 1)) }
            node = .mapping(entries, flow: flow)
        }
        applied.append("duplicate \(key) ×\(copies)")
    }

    mutating func unknownKey(_ tree: inout YAMLTree, _ nodes: [(path: YAMLPath, key: String?)]) {
        guard let path = pickMapping(nodes, in: tree) else { return }
        var written = ""
        tree.update(at: path) { node in
            guard case .mapping(var entries, let flow) = node else { return }
            let index = random.below(entries.count)
            let key = entries[index].key
            written = switch random.below(7) {
            case 0: key + "s"
            case 1: key.uppercased()
            case 2: String(key.dropLast())
            case 3: "x-" + key
            case 4: key + " "
            case 5: key.replacingOccurrences(of: "_", with: "-")
            default: random.pick(HostileValues.texts)
            }
            if random.chance(50) {
                entries[index].key = written
            } else {
                entries.append(YAMLTree.Entry(written, entries[index].value))
            }
            node = .mapping(entries, flow: flow)
        }
        applied.append("key \(written)")
    }

    mutating func deepNest(_ tree: inout YAMLTree, _ nodes: [(path: YAMLPath, key: String?)]) {
        let target = random.pick(nodes.dropFirst())
        let depth = random.chance(90) ? random.size(upTo: 300) + 1 : random.size(upTo: 5_000) + 1
        let kind = random.below(3)
        var nested = YAMLTree.text("x")
        for _ in 0..<depth {
            nested = switch kind {
            case 0: .sequence([nested], flow: true)
            case 1: .mapping([YAMLTree.Entry("a", nested)], flow: true)
            default: .mapping([YAMLTree.Entry("a", nested)], flow: false)
            }
        }
        tree.update(at: target.path) { $0 = nested }
        applied.append("nest \(depth) deep at \(target.key ?? "item")")
    }

    mutating func longScalar(_ tree: inout YAMLTree, _ nodes: [(path: YAMLPath, key: String?)]) {
        guard let target = pickScalar(nodes, in: tree) else { return }
        let length = random.size(upTo: 1 << 20)
        let unit = random.pick(["a", "é", "🦆", " ", "/", "${env:FUZZ_TOKEN}", "9", "ab "])
        var text = String(repeating: unit, count: max(1, length / max(1, unit.utf8.count)))
        if random.chance(30), case .scalar(let old, _) = tree.node(at: target.path) { text = old + text }
        let style = style()
        tree.update(at: target.path) { $0 = .scalar(text, style) }
        applied.append("\(length)-byte \(target.key ?? "value")")
    }

    mutating func controlCharacter(_ tree: inout YAMLTree, _ nodes: [(path: YAMLPath, key: String?)]) {
        guard let target = pickScalar(nodes, in: tree), case .scalar(let old, _) = tree.node(at: target.path) else { return }
        let character = random.pick(HostileValues.controlCharacters)
        var scalars = Array(old.unicodeScalars)
        scalars.insert(character, at: random.below(scalars.count + 1))
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars)
        let style = style()
        tree.update(at: target.path) { $0 = .scalar(text, style) }
        applied.append("U+\(String(character.value, radix: 16)) in \(target.key ?? "value")")
    }

    private mutating func anchorName() -> String {
        anchors += 1
        return random.chance(90) ? "fz\(anchors)" : random.pick(["a", "x-y", "😀", "a]b", String(repeating: "n", count: 2000)])
    }

    mutating func anchorAndAlias(_ tree: inout YAMLTree, _ nodes: [(path: YAMLPath, key: String?)]) {
        let source = random.pick(nodes.dropFirst())
        let name = anchorName()
        guard let node = tree.node(at: source.path) else { return }
        tree.update(at: source.path) { $0 = .anchored(name, node) }
        let paths = tree.paths().dropFirst()
        let target = random.pick(Array(paths))
        let alias = random.chance(85) ? name : random.pick(["undefined", name + "x"])
        // An alias inside its own anchor is a cycle: libyaml refuses it, which is worth trying too.
        tree.update(at: target.path) { $0 = .alias(alias) }
        applied.append("alias *\(alias) at \(target.key ?? "item")")
    }

    mutating func aliasBomb(_ tree: inout YAMLTree, _ nodes: [(path: YAMLPath, key: String?)]) {
        let levels = random.int(in: 1...9)
        let fanout = random.int(in: 2...10)
        var entries: [YAMLTree.Entry] = [YAMLTree.Entry("l0", .anchored("bomb0", .text(random.pick(["lol", String(repeating: "x", count: 1000)]))))]
        for level in 1...levels {
            let items = [YAMLTree](repeating: .alias("bomb\(level - 1)"), count: fanout)
            entries.append(YAMLTree.Entry("l\(level)", .anchored("bomb\(level)", .sequence(items, flow: true))))
        }
        guard case .mapping(var top, let flow) = tree else { return }
        top.insert(YAMLTree.Entry("x-bomb", .mapping(entries, flow: false)), at: 0)
        tree = .mapping(top, flow: flow)
        // Past the root, `x-bomb`, `l0` and every level's anchor, sequence and aliases: not inside the bomb.
        let outside = Array(tree.paths().dropFirst(4 + levels * (fanout + 2)))
        guard !outside.isEmpty else { return }
        let target = random.pick(outside)
        if random.chance(25), case .mapping = tree.node(at: target.path) {
            tree.update(at: target.path) { node in
                guard case .mapping(var entries, let flow) = node else { return }
                entries.append(YAMLTree.Entry("*bomb\(levels) ", .text("v"), rawKey: true))
                node = .mapping(entries, flow: flow)
            }
            applied.append("alias bomb \(fanout)^\(levels) as a key")
        } else {
            tree.update(at: target.path) { $0 = .alias("bomb\(levels)") }
            applied.append("alias bomb \(fanout)^\(levels) at \(target.key ?? "item")")
        }
    }

    mutating func mergeKey(_ tree: inout YAMLTree, _ nodes: [(path: YAMLPath, key: String?)]) {
        let source = random.pick(nodes.dropFirst())
        let name = anchorName()
        guard let node = tree.node(at: source.path), let target = pickMapping(tree.paths(), in: tree) else { return }
        tree.update(at: source.path) { $0 = .anchored(name, node) }
        tree.update(at: target) { node in
            guard case .mapping(var entries, let flow) = node else { return }
            entries.insert(YAMLTree.Entry("<<", .alias(name), rawKey: true), at: random.below(entries.count + 1))
            node = .mapping(entries, flow: flow)
        }
        applied.append("merge <<: *\(name)")
    }

    mutating func multiplyIntegrations(_ tree: inout YAMLTree) {
        guard case .mapping(var top, let flow) = tree,
              let index = top.firstIndex(where: { $0.key == "integrations" }),
              case .sequence(let items, let itemsFlow) = top[index].value, !items.isEmpty else { return }
        let copies = random.size(upTo: 3_000)
        var more = items
        for copy in 0..<copies {
            var item = items[copy % items.count]
            if case .mapping(var entries, let itemFlow) = item, let id = entries.firstIndex(where: { $0.key == "id" }),
               case .scalar(let text, let style) = entries[id].value {
                entries[id].value = .scalar("\(text)-c\(copy)", style)
                item = .mapping(entries, flow: itemFlow)
            }
            more.append(item)
        }
        top[index].value = .sequence(more, flow: itemsFlow)
        tree = .mapping(top, flow: flow)
        applied.append("\(more.count) integrations")
    }

    mutating func swapSubtree(_ tree: inout YAMLTree, _ nodes: [(path: YAMLPath, key: String?)]) {
        let from = random.pick(nodes.dropFirst())
        let to = random.pick(nodes.dropFirst())
        guard let node = tree.node(at: from.path) else { return }
        tree.update(at: to.path) { $0 = node }
        applied.append("\(from.key ?? "item") put at \(to.key ?? "item")")
    }

    mutating func toggleFlow(_ tree: inout YAMLTree, _ nodes: [(path: YAMLPath, key: String?)]) {
        let target = random.pick(nodes)
        tree.update(at: target.path) { node in
            switch node {
            case .mapping(let entries, let flow): node = .mapping(entries, flow: !flow)
            case .sequence(let items, let flow): node = .sequence(items, flow: !flow)
            default: break
            }
        }
        applied.append("flow/block at \(target.key ?? "root")")
    }

    mutating func numericForm(_ tree: inout YAMLTree, _ nodes: [(path: YAMLPath, key: String?)]) {
        guard let target = pickScalar(nodes, in: tree), case .scalar(let old, _) = tree.node(at: target.path) else { return }
        let digits = old.prefix { $0.isNumber }
        let number = digits.isEmpty ? "1" : String(digits)
        let unit = old.dropFirst(digits.count)
        let forms = [
            "0x" + number, "0o" + number, "+" + number, number + ".0", number + "e0", "0" + number, number + "_0",
            number + String(unit) + String(unit), "-" + number + String(unit), number + String(unit).uppercased(),
            String(repeating: "9", count: random.int(in: 10...40)) + String(unit), number + " " + String(unit),
        ]
        let value = random.pick(forms)
        tree.update(at: target.path) { $0 = .scalar(value, .plain) }
        applied.append("\(target.key ?? "value"): \(value)")
    }
}
