import Yams

/// One config file parsed into a YAML node tree, with what is needed to point at its lines.
///
/// Yams stops at the first duplicate key in a mapping. To report every duplicate and
/// still check the rest of the file, the first occurrence of a duplicated key is renamed
/// (a marker is inserted before it) and the text parsed again; ``renamedKeys`` lets the
/// reader recognise the renamed key, and ``location(_:)`` undoes the insertions so every
/// line and column refers to the file as written.
struct YAMLDocument {
    let file: String
    /// The root node; `nil` for an empty file or one that could not be parsed.
    let root: Node?
    /// Marker-prefixed key → the key as written.
    let renamedKeys: [String: String]
    private let insertions: [Insertion]

    /// Text inserted into a line before parsing again, in insertion order.
    fileprivate struct Insertion {
        var line: Int
        var column: Int
        var width: Int
        /// The duplicated key renamed there.
        var key: String
    }

    /// The place in the file as written.
    func location(_ mark: Mark?) -> SourceLocation {
        guard let mark else { return SourceLocation(file: file, line: 1, column: 1) }
        return location(line: mark.line, column: mark.column)
    }

    func location(line: Int, column parsedColumn: Int) -> SourceLocation {
        var column = parsedColumn
        for insertion in insertions.reversed() where insertion.line == line && column > insertion.column {
            column -= insertion.width
        }
        return SourceLocation(file: file, line: line, column: column)
    }

    func location(of node: Node) -> SourceLocation { location(node.mark) }

    /// Parses `text`; syntax errors go to `diagnostics` and leave ``root`` `nil`.
    static func parse(_ text: String, file: String, diagnostics: ConfigDiagnostics) -> YAMLDocument {
        // Before Yams composes: it would hash an alias bomb used as a mapping key for ever.
        if let bomb = YAMLAliasBudget.check(text) {
            diagnostics.report(bomb.message, at: SourceLocation(file: file, line: bomb.line, column: bomb.column))
            return YAMLDocument(file: file, root: nil, renamedKeys: [:], insertions: [])
        }
        var current = text
        var insertions: [Insertion] = []
        var renamed: [String: String] = [:]
        let renamable = maximumRenamedDuplicates(forBytes: text.utf8.count)
        for round in 1...(renamable + 1) {
            let partial = YAMLDocument(file: file, root: nil, renamedKeys: renamed, insertions: insertions)
            do {
                // No resolver rules: the reader resolves plain scalars itself, and Yams' regex
                // rules, run for every scalar while checking duplicate keys, dominated load time.
                let root = try Yams.compose(yaml: current, Resolver.basic)
                return YAMLDocument(file: file, root: root, renamedKeys: renamed, insertions: insertions)
            } catch let YamlError.duplicatedKeysInMapping(duplicates, context) {
                let key = duplicates.sorted().first ?? ""
                guard round <= renamable else {
                    diagnostics.report(
                        "duplicate key `\(key)`: more than \(renamable) duplicate keys in this file (\(firstDuplicates(insertions))); "
                            + "remove them and check again",
                        at: partial.location(context.mark)
                    )
                    return partial
                }
                let marker = "baton-duplicate-\(round)-"
                guard !key.isEmpty, let renamedText = insert(marker, before: key, at: context.mark, in: current) else {
                    let names = duplicates.sorted().map { "`\($0)`" }.joined(separator: ", ")
                    diagnostics.report("duplicate key \(names) in the same mapping", at: partial.location(context.mark))
                    return partial
                }
                current = renamedText
                insertions.append(Insertion(line: context.mark.line, column: context.mark.column, width: marker.count, key: key))
                renamed[marker + key] = key
            } catch let error as YamlError {
                report(error, text: current, in: partial, diagnostics: diagnostics)
                return partial
            } catch {
                diagnostics.report("cannot parse YAML: \(error)", file: file)
                return partial
            }
        }
        return YAMLDocument(file: file, root: nil, renamedKeys: renamed, insertions: insertions)
    }

    /// Each round renames one duplicated key and parses the file again; a file with more
    /// duplicates than this is not worth more rounds.
    static let maximumRenamedDuplicates = 50

    /// Text parsed again in all rounds together: a bound on the time a file full of duplicates
    /// takes to check (a 300 KB file with 50 rounds took seconds).
    static let reparseBudget = 1 << 20

    /// How many duplicates a file of `bytes` may have renamed: up to ``maximumRenamedDuplicates``
    /// for small files, fewer as they grow so the parses stay within ``reparseBudget``, and at
    /// least 2 however big, so the first duplicates are still reported each at its place.
    static func maximumRenamedDuplicates(forBytes bytes: Int) -> Int {
        let rounds = reparseBudget / max(bytes, 1)
        return min(max(rounds, 3), maximumRenamedDuplicates + 1) - 1
    }

    /// `the first: `a` at line 3, `b` at line 9, …`: where the duplicates found so far were first written.
    private static func firstDuplicates(_ insertions: [Insertion]) -> String {
        let shown = insertions.prefix(3).map { "`\($0.key)` at line \($0.line)" }
        return "the first: " + shown.joined(separator: ", ") + (insertions.count > shown.count ? ", …" : "")
    }

    /// `text` with `marker` inserted at `mark`, when a plain `key:` starts there; `nil` otherwise
    /// (a quoted or complex key, which the marker could turn into different YAML).
    private static func insert(_ marker: String, before key: String, at mark: Mark, in text: String) -> String? {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard mark.line >= 1, mark.line <= lines.count else { return nil }
        let scalars = Array(lines[mark.line - 1].unicodeScalars)
        let start = mark.column - 1
        guard start >= 0, start <= scalars.count else { return nil }
        let rest = String(String.UnicodeScalarView(scalars[start...]))
        guard rest.hasPrefix(key) else { return nil }
        let afterKey = rest.dropFirst(key.count).drop { $0 == " " || $0 == "\t" }
        guard afterKey.first == ":" else { return nil }
        let head = String(String.UnicodeScalarView(scalars[..<start]))
        lines[mark.line - 1] = head + marker + rest
        return lines.joined(separator: "\n")
    }

    private static func report(_ error: YamlError, text: String, in document: YAMLDocument, diagnostics: ConfigDiagnostics) {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            var message = "invalid YAML: \(problem)"
            if character(at: mark, in: text) == "\t" { message += "; YAML indents with spaces, not tabs" }
            if let context {
                let place = document.location(context.mark)
                message += " (\(context.text) at line \(place.line), column \(place.column))"
            }
            diagnostics.report(message, at: document.location(mark))
        case let .reader(problem, offset, _, _):
            if let offset, let (line, column) = position(ofUTF8Offset: offset, in: text) {
                diagnostics.report("invalid YAML: \(problem)", at: document.location(line: line, column: column))
            } else {
                diagnostics.report("invalid YAML: \(problem)", file: document.file)
            }
        case let .duplicatedKeysInMapping(duplicates, context):
            diagnostics.report("duplicate key \(duplicates.sorted().joined(separator: ", "))", at: document.location(context.mark))
        default:
            diagnostics.report("cannot parse YAML: \(error)", file: document.file)
        }
    }

    private static func character(at mark: Mark, in text: String) -> Unicode.Scalar? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard mark.line >= 1, mark.line <= lines.count else { return nil }
        let scalars = Array(lines[mark.line - 1].unicodeScalars)
        return mark.column >= 1 && mark.column <= scalars.count ? scalars[mark.column - 1] : nil
    }

    private static func position(ofUTF8Offset offset: Int, in text: String) -> (line: Int, column: Int)? {
        let bytes = Array(text.utf8)
        guard offset >= 0, offset <= bytes.count else { return nil }
        var line = 1
        var lineStart = 0
        for index in 0..<offset where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        let column = String(decoding: bytes[lineStart..<offset], as: UTF8.self).unicodeScalars.count + 1
        return (line, column)
    }
}
