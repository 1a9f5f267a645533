/// One config file parsed into a YAML node tree, with what is needed to point at its lines.
///
/// Duplicate keys stay in the tree: the reader reports each where it is written, up to
/// ``DuplicateKeys/limit`` a file, and then once that there are more.
struct YAMLDocument {
    let file: String
    /// The root node; `nil` for an empty file or one that could not be parsed.
    let root: YAMLNode?
    /// The duplicate keys the reader has reported in this file.
    let duplicateKeys = DuplicateKeys()

    /// The place in the file.
    func location(_ mark: YAMLNode.Mark) -> SourceLocation {
        SourceLocation(file: file, line: mark.line, column: mark.column)
    }

    func location(of node: YAMLNode) -> SourceLocation { location(node.mark) }

    /// Parses `text`; syntax errors go to `diagnostics` and leave ``root`` `nil`.
    static func parse(_ text: consuming String, file: String, diagnostics: ConfigDiagnostics) -> YAMLDocument {
        // Before composing: an alias bomb would expand without bound as the reader walks it.
        if let bomb = YAMLAliasBudget.check(text) {
            diagnostics.report(bomb.message, at: SourceLocation(file: file, line: bomb.line, column: bomb.column))
            return YAMLDocument(file: file, root: nil)
        }
        do {
            return YAMLDocument(file: file, root: try YAMLComposer.compose(text))
        } catch {
            report(error, text: text, file: file, diagnostics: diagnostics)
            return YAMLDocument(file: file, root: nil)
        }
    }

    private static func report(_ error: YAMLComposer.SyntaxError, text: String, file: String, diagnostics: ConfigDiagnostics) {
        let place = { (mark: YAMLNode.Mark) in SourceLocation(file: file, line: mark.line, column: mark.column) }
        switch error.kind {
        case .reader(let offset):
            if let (line, column) = position(ofUTF8Offset: offset, in: text) {
                diagnostics.report("invalid YAML: \(error.problem)", at: SourceLocation(file: file, line: line, column: column))
            } else {
                diagnostics.report("invalid YAML: \(error.problem)", file: file)
            }
        case .memory:
            diagnostics.report("cannot parse YAML: out of memory", file: file)
        case .scanner, .parser, .composer:
            var message = "invalid YAML: \(error.problem)"
            if character(at: error.mark, in: text) == "\t" { message += "; YAML indents with spaces, not tabs" }
            if let context = error.context {
                message += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
            }
            diagnostics.report(message, at: place(error.mark))
        }
    }

    private static func character(at mark: YAMLNode.Mark, in text: String) -> Unicode.Scalar? {
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

/// The duplicate keys reported in one file. Each is reported where it is written, up to
/// ``limit``; the next gets one error saying there are more, and later ones none, so a file of
/// thousands of duplicates still gives a list worth reading.
final class DuplicateKeys {
    static let limit = 50
    private var reported: [(key: String, line: Int)] = []
    private var overflowed = false

    /// The error to report for duplicate `key` at `line`: `message` itself while under the
    /// limit, the one "more than" error at the limit, `nil` past it.
    func error(for key: String, line: Int, message: String) -> String? {
        if reported.count < Self.limit {
            reported.append((key, line))
            return message
        }
        guard !overflowed else { return nil }
        overflowed = true
        let shown = reported.prefix(3).map { "`\($0.key)` at line \($0.line)" }
        return "duplicate key `\(key)`: more than \(Self.limit) duplicate keys in this file (the first: \(shown.joined(separator: ", ")), …); "
            + "remove them and check again"
    }
}
