/// A YAML document as the fuzzer builds and mutates it: a tree of scalars, sequences and
/// mappings, with anchors and aliases, written out by ``YAMLEmitter``.
///
/// Working on a tree rather than on text is what makes the mutations structure-aware: a value
/// is replaced by a value of the kind its key expects (or pointedly not), an entry is
/// duplicated within its own mapping, a subtree is nested a thousand levels deep.
public indirect enum YAMLTree: Sendable, Equatable {
    /// How a scalar is written.
    public enum Style: Sendable, Equatable {
        /// Plain if that reads back as the same text, else double-quoted.
        case auto
        /// Plain, whatever the text: lets a mutation write YAML that means something else.
        case plain
        case singleQuoted
        case doubleQuoted
        /// A `|` block.
        case literal
    }

    case scalar(String, Style)
    case sequence([YAMLTree], flow: Bool)
    case mapping([Entry], flow: Bool)
    /// `*name`.
    case alias(String)
    /// `&name value`.
    case anchored(String, YAMLTree)

    /// One `key: value` of a mapping; the key is written as given (plain) unless it needs quotes.
    public struct Entry: Sendable, Equatable {
        public var key: String
        public var value: YAMLTree
        /// The key is written as is, even when it holds YAML syntax (`? complex`, `<<`, `*alias`).
        public var rawKey: Bool

        public init(_ key: String, _ value: YAMLTree, rawKey: Bool = false) {
            self.key = key
            self.value = value
            self.rawKey = rawKey
        }
    }

    /// A plain-when-possible scalar.
    public static func text(_ value: String) -> YAMLTree { .scalar(value, .auto) }

    /// A block mapping from pairs.
    public static func map(_ entries: [(String, YAMLTree)], flow: Bool = false) -> YAMLTree {
        .mapping(entries.map { Entry($0.0, $0.1) }, flow: flow)
    }

    /// A sequence of plain-when-possible scalars.
    public static func list(_ values: [String], flow: Bool = true) -> YAMLTree {
        .sequence(values.map(text), flow: flow)
    }

    /// The value of `key` in a mapping.
    public subscript(key: String) -> YAMLTree? {
        guard case .mapping(let entries, _) = self else { return nil }
        return entries.first { $0.key == key }?.value
    }

    /// Nodes in this tree, counted (aliases count one).
    public var nodeCount: Int {
        switch self {
        case .scalar, .alias: 1
        case .sequence(let items, _): 1 + items.reduce(0) { $0 + $1.nodeCount }
        case .mapping(let entries, _): 1 + entries.reduce(0) { $0 + 1 + $1.value.nodeCount }
        case .anchored(_, let value): value.nodeCount
        }
    }
}

/// A path from the root to one node: the index of the entry or item at each level.
public typealias YAMLPath = [Int]

extension YAMLTree {
    /// Every node's path, in document order, with the key it is the value of (if any).
    public func paths() -> [(path: YAMLPath, key: String?)] {
        var found: [(YAMLPath, String?)] = []
        func walk(_ node: YAMLTree, _ path: YAMLPath, _ key: String?) {
            found.append((path, key))
            switch node {
            case .scalar, .alias: break
            case .sequence(let items, _):
                for (index, item) in items.enumerated() { walk(item, path + [index], key) }
            case .mapping(let entries, _):
                for (index, entry) in entries.enumerated() { walk(entry.value, path + [index], entry.key) }
            case .anchored(_, let value):
                walk(value, path + [0], key)
            }
        }
        walk(self, [], nil)
        return found.map { (path: $0.0, key: $0.1) }
    }

    /// The node at `path`.
    public func node(at path: YAMLPath) -> YAMLTree? {
        guard let first = path.first else { return self }
        let rest = Array(path.dropFirst())
        switch self {
        case .sequence(let items, _): return first < items.count ? items[first].node(at: rest) : nil
        case .mapping(let entries, _): return first < entries.count ? entries[first].value.node(at: rest) : nil
        case .anchored(_, let value): return first == 0 ? value.node(at: rest) : nil
        case .scalar, .alias: return nil
        }
    }

    /// Changes the node at `path`; a path that leads nowhere changes nothing.
    public mutating func update(at path: YAMLPath, _ change: (inout YAMLTree) -> Void) {
        guard let first = path.first else {
            change(&self)
            return
        }
        let rest = Array(path.dropFirst())
        switch self {
        case .sequence(var items, let flow):
            guard first < items.count else { return }
            items[first].update(at: rest, change)
            self = .sequence(items, flow: flow)
        case .mapping(var entries, let flow):
            guard first < entries.count else { return }
            entries[first].value.update(at: rest, change)
            self = .mapping(entries, flow: flow)
        case .anchored(let name, var value):
            guard first == 0 else { return }
            value.update(at: rest, change)
            self = .anchored(name, value)
        case .scalar, .alias:
            return
        }
    }
}
