internal import CYaml

/// Builds a ``YAMLNode`` tree from libyaml's event stream, the one way config text becomes nodes.
///
/// Iterative, not recursive: a file nested ten thousand levels deep gets a tree, not a stack
/// overflow. Children are gathered in buffers kept per depth and copied once into arrays of
/// their exact size. Duplicate keys stay in the tree for the reader to report, each at its place.
/// An alias stands for its anchor's node itself (``YAMLAliasBudget`` has bounded what that can
/// expand to before this runs).
enum YAMLComposer {
    /// Why libyaml could not read the text; the kinds and wording are libyaml's own.
    struct SyntaxError: Error {
        enum Kind: Equatable {
            /// Bad input bytes, at a UTF-8 byte offset.
            case reader(offset: Int)
            case scanner
            case parser
            /// An undefined alias, or a second document.
            case composer
            case memory
        }

        var kind: Kind
        var problem: String
        var mark: YAMLNode.Mark
        /// What libyaml was reading when it met the problem, and where that started.
        var context: (text: String, mark: YAMLNode.Mark)?
    }

    /// The root node of the one document in `text`; `nil` for a stream without a document.
    static func compose(_ text: String) throws(SyntaxError) -> YAMLNode? {
        var text = text
        let result = text.withUTF8 { bytes in
            var composer = Composer()
            return composer.run(bytes)
        }
        return try result.get()
    }

    /// An open collection: its anchor, where it starts, and the children read so far (for a
    /// mapping: key, value, key, value…).
    private struct Frame {
        var isMapping = false
        var anchor: String?
        var mark = YAMLNode.Mark(line: 1, column: 1)
        var children: [YAMLNode] = []
    }

    private struct Composer {
        var parser = yaml_parser_t()
        /// Frames by depth; those past ``depth`` are spare, their buffers kept for reuse.
        var frames: [Frame] = []
        var depth = 0
        var anchors: [String: YAMLNode] = [:]
        var root: YAMLNode?
        var documents = 0

        mutating func run(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<YAMLNode?, SyntaxError> {
            guard yaml_parser_initialize(&parser) == 1 else {
                return .failure(SyntaxError(kind: .memory, problem: "out of memory", mark: YAMLNode.Mark(line: 1, column: 1)))
            }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else { return .failure(parserError()) }
                defer { yaml_event_delete(&event) }
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return .success(root)
                case YAML_DOCUMENT_START_EVENT:
                    documents += 1
                    if documents > 1 {
                        return .failure(SyntaxError(
                            kind: .composer, problem: "but found another document", mark: Self.mark(event.start_mark),
                            context: ("expected a single document in the stream", YAMLNode.Mark(line: 1, column: 1))
                        ))
                    }
                case YAML_SCALAR_EVENT:
                    let data = event.data.scalar
                    let node = YAMLNode.scalar(YAMLNode.Scalar(
                        string: Self.text(data.value, count: data.length),
                        mark: Self.mark(event.start_mark),
                        tag: data.quoted_implicit == 1 ? .string : Self.tag(data.tag),
                        style: YAMLNode.Style(rawValue: UInt8(truncatingIfNeeded: data.style.rawValue)) ?? .any
                    ))
                    finish(node, anchor: Self.name(data.anchor))
                case YAML_SEQUENCE_START_EVENT:
                    open(isMapping: false, anchor: Self.name(event.data.sequence_start.anchor), at: Self.mark(event.start_mark))
                case YAML_MAPPING_START_EVENT:
                    open(isMapping: true, anchor: Self.name(event.data.mapping_start.anchor), at: Self.mark(event.start_mark))
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    guard depth > 0 else { continue }
                    depth -= 1
                    let node = Self.close(&frames[depth])
                    finish(node, anchor: frames[depth].anchor)
                case YAML_ALIAS_EVENT:
                    guard let name = Self.name(event.data.alias.anchor), let node = anchors[name] else {
                        return .failure(SyntaxError(kind: .composer, problem: "found undefined alias", mark: Self.mark(event.start_mark)))
                    }
                    finish(node, anchor: nil)
                default:
                    continue
                }
            }
        }

        mutating func open(isMapping: Bool, anchor: String?, at mark: YAMLNode.Mark) {
            if depth == frames.count { frames.append(Frame()) }
            frames[depth].isMapping = isMapping
            frames[depth].anchor = anchor
            frames[depth].mark = mark
            frames[depth].children.removeAll(keepingCapacity: true)
            depth += 1
        }

        /// The collection `frame` holds, in arrays of its exact size; the frame's buffer is emptied for reuse.
        static func close(_ frame: inout Frame) -> YAMLNode {
            let node: YAMLNode
            let count = frame.children.count
            if frame.isMapping {
                var pairs: [YAMLNode.Mapping.Element] = []
                pairs.reserveCapacity(count / 2)
                var index = 0
                while index + 1 < count {
                    pairs.append((key: frame.children[index], value: frame.children[index + 1]))
                    index += 2
                }
                node = .mapping(YAMLNode.Mapping(pairs: pairs, mark: frame.mark))
            } else {
                var items: [YAMLNode] = []
                items.reserveCapacity(count)
                items.append(contentsOf: frame.children)
                node = .sequence(YAMLNode.Sequence(items: items, mark: frame.mark))
            }
            frame.children.removeAll(keepingCapacity: true)
            return node
        }

        /// A complete node: into its anchor, then into the open collection (or as the root).
        mutating func finish(_ node: YAMLNode, anchor: String?) {
            if let anchor { anchors[anchor] = node }
            if depth > 0 {
                frames[depth - 1].children.append(node)
            } else {
                root = node
            }
        }

        func parserError() -> SyntaxError {
            let problem = parser.problem.map { String(cString: $0) } ?? "unknown error"
            let mark = Self.mark(parser.problem_mark)
            let context = parser.context.map { (text: String(cString: $0), mark: Self.mark(parser.context_mark)) }
            switch parser.error {
            case YAML_MEMORY_ERROR:
                return SyntaxError(kind: .memory, problem: "out of memory", mark: mark)
            case YAML_READER_ERROR:
                return SyntaxError(kind: .reader(offset: Int(clamping: parser.problem_offset)), problem: problem, mark: mark)
            case YAML_SCANNER_ERROR:
                return SyntaxError(kind: .scanner, problem: problem, mark: mark, context: context)
            default:
                return SyntaxError(kind: .parser, problem: problem, mark: mark, context: context)
            }
        }

        static func mark(_ mark: yaml_mark_t) -> YAMLNode.Mark {
            YAMLNode.Mark(line: Int(clamping: mark.line) &+ 1, column: Int(clamping: mark.column) &+ 1)
        }

        static func text(_ bytes: UnsafeMutablePointer<yaml_char_t>?, count: Int) -> String {
            guard let bytes, count > 0 else { return "" }
            return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
        }

        static func name(_ anchor: UnsafeMutablePointer<yaml_char_t>?) -> String? {
            anchor.map { String(cString: $0) }
        }

        /// libyaml gives tags with their handle resolved: `!!str` is `tag:yaml.org,2002:str`.
        static func tag(_ written: UnsafeMutablePointer<yaml_char_t>?) -> YAMLNode.Tag {
            guard let written else { return .implicit }
            switch String(cString: written) {
            case "tag:yaml.org,2002:str": return .string
            case "tag:yaml.org,2002:null": return .null
            case "!": return .nonSpecific
            default: return .other
            }
        }
    }
}
