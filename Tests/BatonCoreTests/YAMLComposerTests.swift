@testable import BatonCore
import Testing

/// The node tree the config reader walks, built straight from libyaml's events.
@Suite("YAML composer")
struct YAMLComposerTests {
    private func compose(_ text: String) throws -> YAMLNode? {
        try YAMLComposer.compose(text)
    }

    /// Marks are 1-based lines and columns in characters; tags and styles are what the reader tells apart.
    @Test func scalarsKeepTheirPlaceTagAndStyle() throws {
        let root = try #require(try compose("a: plain\nb: \"quoted\"\n\"é\": !!null x\nc: !custom 5\nd: |\n  block\n"))
        guard case .mapping(let mapping) = root else { Issue.record("not a mapping: \(root)"); return }
        let values = mapping.map { $0.value.scalar }
        #expect(values.map { $0?.string } == ["plain", "quoted", "x", "5", "block\n"])
        #expect(values.map { $0?.tag } == [.implicit, .string, .null, .other, .string])
        #expect(values.map { $0?.style } == [.plain, .doubleQuoted, .plain, .plain, .literal])
        #expect(mapping[1].value.mark == YAMLNode.Mark(line: 2, column: 4))
        // The key `"é"` is one character wide, so its value starts at column 6.
        #expect(mapping[2].value.mark == YAMLNode.Mark(line: 3, column: 6))
        #expect(root.mark == YAMLNode.Mark(line: 1, column: 1))
    }

    /// Duplicate keys stay in the tree, in order, for the reader to report at their places.
    @Test func duplicateKeysAreKept() throws {
        let root = try #require(try compose("a: 1\nb: 2\na: 3\n"))
        guard case .mapping(let mapping) = root else { Issue.record("not a mapping"); return }
        #expect(mapping.map { $0.key.scalar?.string } == ["a", "b", "a"])
        #expect(mapping[2].key.mark == YAMLNode.Mark(line: 3, column: 1))
    }

    /// An alias is its anchor's node, with the anchor's place.
    @Test func aliasesStandForTheirAnchors() throws {
        let root = try #require(try compose("base: &b { interval: 5m }\nuse: [*b, *b]\n"))
        guard case .mapping(let mapping) = root, case .sequence(let uses) = mapping[1].value else { Issue.record("shape"); return }
        #expect(uses.count == 2)
        for use in uses {
            guard case .mapping(let used) = use else { Issue.record("not a mapping"); continue }
            #expect(used.first?.value.scalar?.string == "5m")
            #expect(use.mark == YAMLNode.Mark(line: 1, column: 7))
        }
    }

    @Test func emptyStreamHasNoRoot() throws {
        #expect(try compose("") == nil)
        #expect(try compose("# only a comment\n") == nil)
        let empty = try #require(try compose("---\n"))
        #expect(empty.scalar?.string == "")
    }

    /// libyaml's wording and place, as the config errors show them.
    @Test(arguments: [
        ("a: *missing\n", YAMLComposer.SyntaxError.Kind.composer, "found undefined alias", 1, 4),
        ("a: 1\n---\nb: 2\n", .composer, "but found another document", 2, 1),
        ("a: [1, 2\n", .parser, "did not find expected ',' or ']'", 2, 1),
        ("a: \"open\n", .scanner, "found unexpected end of stream", 2, 1),
    ])
    func syntaxErrors(text: String, kind: YAMLComposer.SyntaxError.Kind, problem: String, line: Int, column: Int) {
        do {
            _ = try YAMLComposer.compose(text)
            Issue.record("no error for \(text)")
        } catch {
            #expect(error.kind == kind)
            #expect(error.problem == problem)
            #expect(error.mark == YAMLNode.Mark(line: line, column: column))
        }
    }

    /// Nesting deeper than any config is composed without recursion up to libyaml's limit, and
    /// past it is an error, not a crash.
    @Test func deepNestingIsBounded() throws {
        let nested = { (depth: Int) in String(repeating: "[", count: depth) + String(repeating: "]", count: depth) }
        var node = try #require(try compose(nested(900)))
        var levels = 1
        while case .sequence(let sequence) = node, let first = sequence.first {
            node = first
            levels += 1
        }
        #expect(levels == 900)
        do {
            _ = try YAMLComposer.compose(nested(20_000))
            Issue.record("20,000 levels were accepted")
        } catch {
            #expect(error.kind == .parser)
            #expect(error.problem.hasPrefix("Maximum nesting level reached"))
        }
    }
}
