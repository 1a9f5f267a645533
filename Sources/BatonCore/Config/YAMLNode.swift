/// One node of a parsed config file: what the reader needs of YAML, and no more.
///
/// Built by ``YAMLComposer`` straight from libyaml's events. A 10,000-integration config is
/// about 250,000 nodes, and Yams' node (a tag object per node, marks of two `Int`s, pair arrays
/// grown by doubling) held 46 MB of heap for its 3 MB; these hold about a third of that, and
/// the tree is the peak of the daemon's memory while a config loads.
enum YAMLNode: Sendable {
    case scalar(Scalar)
    case mapping(Mapping)
    case sequence(Sequence)

    /// Where a node starts: 1-based line and column (columns count characters, as libyaml does).
    struct Mark: Sendable, Equatable {
        private let storedLine: UInt32
        private let storedColumn: UInt32

        var line: Int { Int(storedLine) }
        var column: Int { Int(storedColumn) }

        init(line: Int, column: Int) {
            storedLine = UInt32(clamping: line)
            storedColumn = UInt32(clamping: column)
        }
    }

    /// The tag a scalar carries: only the ones the reader tells apart.
    enum Tag: UInt8, Sendable {
        /// No tag: a plain scalar, resolved by its text.
        case implicit
        /// `!!str`, or any quoted or block scalar without a tag.
        case string
        /// `!`: the non-specific tag, which keeps a plain scalar a string.
        case nonSpecific
        /// `!!null`.
        case null
        /// Any other explicit tag.
        case other
    }

    /// How a scalar was written (libyaml's `yaml_scalar_style_t`).
    enum Style: UInt8, Sendable {
        case any, plain, singleQuoted, doubleQuoted, literal, folded
    }

    struct Scalar: Sendable {
        var string: String
        var mark: Mark
        var tag: Tag
        var style: Style
    }

    /// A mapping's pairs in the order written, duplicates included (the reader reports them).
    struct Mapping: RandomAccessCollection, Sendable {
        typealias Element = (key: YAMLNode, value: YAMLNode)
        let pairs: [Element]
        let mark: Mark

        var startIndex: Int { pairs.startIndex }
        var endIndex: Int { pairs.endIndex }
        subscript(position: Int) -> Element { pairs[position] }
    }

    struct Sequence: RandomAccessCollection, Sendable {
        let items: [YAMLNode]
        let mark: Mark

        var startIndex: Int { items.startIndex }
        var endIndex: Int { items.endIndex }
        subscript(position: Int) -> YAMLNode { items[position] }
    }

    var mark: Mark {
        switch self {
        case .scalar(let scalar): scalar.mark
        case .mapping(let mapping): mapping.mark
        case .sequence(let sequence): sequence.mark
        }
    }

    var scalar: Scalar? {
        if case .scalar(let scalar) = self { return scalar }
        return nil
    }
}
