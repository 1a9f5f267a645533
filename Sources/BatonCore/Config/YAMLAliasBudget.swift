internal import CYaml

/// Refuses YAML alias bombs ("billion laughs") before the node tree is built.
///
/// ``YAMLComposer`` resolves an alias to the very node its anchor names, so the tree itself
/// stays small; the cost appears when something walks it: the reader converts `equals:`
/// values into JSON and checks mapping keys, one value per expanded node. Nine levels of ten
/// aliases are a billion nodes: a hang; six levels were accepted after five seconds.
///
/// So one pass over libyaml's event stream, before composing, adds up what each alias
/// would expand to (its anchor's nodes and scalar bytes, aliases inside included), without
/// expanding anything: linear in the size of the file. Aliases may add at most
/// ``minimumNodes`` nodes or ``nodesPerWrittenNode`` times the nodes written in the file,
/// whichever is more, and likewise for scalar bytes. Counting nodes also bounds how many
/// alias uses the expansion holds, since every use adds at least one node. A config that
/// shares one `&defaults` mapping among thousands of integrations stays far below.
///
/// libyaml is reached through Yams' `CYaml` module.
enum YAMLAliasBudget {
    /// Nodes that aliases may always add, however small the file.
    static let minimumNodes = 10_000
    /// Otherwise aliases may add this many times the nodes written in the file.
    static let nodesPerWrittenNode = 10
    /// Scalar bytes that aliases may always add.
    static let minimumBytes = 1 << 20
    /// Otherwise aliases may add this many times the file's size in scalar bytes.
    static let bytesPerFileByte = 10

    /// The alias at which expansion went over the budget.
    struct Violation: Equatable {
        /// 1-based, as ``YAMLNode/Mark`` counts (columns in characters).
        var line: Int
        var column: Int
        var anchor: String
        /// What aliases up to and including this one add.
        var addedNodes: Int
        var addedBytes: Int
        var allowedNodes: Int
        var allowedBytes: Int
        var writtenNodes: Int

        /// One sentence for the operator.
        var message: String {
            let amount = addedNodes > allowedNodes
                ? "\(Self.grouped(addedNodes)) nodes (at most \(Self.grouped(allowedNodes)) are allowed for a file of \(Self.grouped(writtenNodes)) nodes)"
                : "\(Self.grouped(addedBytes)) bytes of text (at most \(Self.grouped(allowedBytes)) are allowed for a file this size)"
            return "alias `*\(anchor)`: aliases up to here add \(amount) to the config; this looks like a YAML alias bomb, so use fewer or smaller aliases"
        }

        private static func grouped(_ value: Int) -> String {
            let digits = Array(String(value))
            var out = ""
            for (index, digit) in digits.enumerated() {
                if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
                out.append(digit)
            }
            return out
        }
    }

    /// What a node expands to.
    private struct Size {
        var nodes = 0
        var bytes = 0

        mutating func add(_ other: Size) {
            nodes = Self.saturating(nodes, other.nodes)
            bytes = Self.saturating(bytes, other.bytes)
        }

        static func saturating(_ lhs: Int, _ rhs: Int) -> Int {
            let (sum, overflow) = lhs.addingReportingOverflow(rhs)
            return overflow ? Int.max : sum
        }

        static func saturating(_ value: Int, times factor: Int) -> Int {
            let (product, overflow) = value.multipliedReportingOverflow(by: factor)
            return overflow ? Int.max : product
        }
    }

    /// An alias use, with the running total of what aliases add up to it.
    private struct Use {
        var line: Int
        var column: Int
        var anchor: String
        var added: Size
    }

    /// The first alias that takes expansion over the budget, or `nil` when the file is
    /// within it, or when libyaml cannot parse it (the composer then reports the syntax error).
    static func check(_ text: String) -> Violation? {
        var text = text
        return text.withUTF8 { bytes in
            guard let (uses, written) = scan(bytes) else { return nil }
            let allowedNodes = max(minimumNodes, Size.saturating(written.nodes, times: nodesPerWrittenNode))
            let allowedBytes = max(minimumBytes, Size.saturating(bytes.count, times: bytesPerFileByte))
            guard let over = uses.first(where: { $0.added.nodes > allowedNodes || $0.added.bytes > allowedBytes }) else { return nil }
            return Violation(
                line: over.line, column: over.column, anchor: over.anchor, addedNodes: over.added.nodes, addedBytes: over.added.bytes,
                allowedNodes: allowedNodes, allowedBytes: allowedBytes, writtenNodes: written.nodes
            )
        }
    }

    /// Every alias use in document order with the running total, and the size written.
    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> ([Use], Size)? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)

        var anchors: [String: Size] = [:]
        // Open collections: their anchor and what they hold so far.
        var open: [(anchor: String?, size: Size)] = []
        var written = Size()
        var added = Size()
        var uses: [Use] = []
        // What a finished node adds to its parent (or to nothing, at the top).
        func finish(_ size: Size, anchor: String?) {
            if let anchor { anchors[anchor] = size }
            if !open.isEmpty { open[open.count - 1].size.add(size) }
        }

        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
            defer { yaml_event_delete(&event) }
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return (uses, written)
            case YAML_SCALAR_EVENT:
                let size = Size(nodes: 1, bytes: Int(clamping: event.data.scalar.length))
                written.add(size)
                finish(size, anchor: name(event.data.scalar.anchor))
            case YAML_SEQUENCE_START_EVENT:
                written.add(Size(nodes: 1))
                open.append((name(event.data.sequence_start.anchor), Size(nodes: 1)))
            case YAML_MAPPING_START_EVENT:
                written.add(Size(nodes: 1))
                open.append((name(event.data.mapping_start.anchor), Size(nodes: 1)))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let collection = open.popLast() else { return nil }
                finish(collection.size, anchor: collection.anchor)
            case YAML_ALIAS_EVENT:
                // An undefined alias is the composer's to report.
                guard let anchor = name(event.data.alias.anchor), let size = anchors[anchor] else { continue }
                added.add(size)
                let mark = event.start_mark
                uses.append(Use(line: Int(clamping: mark.line) + 1, column: Int(clamping: mark.column) + 1, anchor: anchor, added: added))
                finish(size, anchor: nil)
            default:
                continue
            }
        }
    }

    private static func name(_ anchor: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        anchor.map { String(cString: $0) }
    }
}
