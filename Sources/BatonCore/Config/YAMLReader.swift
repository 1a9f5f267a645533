import Yams

/// Reads typed values out of one parsed config file, reporting every problem at its line
/// and column instead of stopping at the first.
///
/// Each reader returns `nil` after reporting, so callers simply skip what could not be read.
/// Every scalar goes through ``Interpolator`` first; errors describe a value as written in
/// the file (`"${env:TOKEN}"`), never as resolved.
struct YAMLReader {
    let document: YAMLDocument
    let diagnostics: ConfigDiagnostics
    let interpolator: Interpolator

    var file: String { document.file }

    func location(of node: Node) -> SourceLocation { document.location(of: node) }

    func report(_ message: String, at node: Node) {
        diagnostics.report(message, at: location(of: node))
    }

    /// How a node is named in "found …": the scalar as written, or its kind.
    func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar):
            if node.isNullScalar { return "nothing" }
            let plain = scalar.style == .plain || scalar.style == .any
            if plain, Double(scalar.string) != nil || ["true", "false"].contains(scalar.string) { return scalar.string }
            return JSONValue.quoted(scalar.string)
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    // MARK: Text

    /// A scalar with its references resolved.
    func text(_ node: Node, _ key: String) -> SecretText? {
        guard case .scalar(let scalar) = node else {
            report("\(key): expected text, found \(describe(node))", at: node)
            return nil
        }
        switch interpolator.resolve(scalar.string, configFile: file) {
        case .success(let text):
            return text
        case .failure(let failures):
            for message in failures.messages { report("\(key): \(message)", at: node) }
            return nil
        }
    }

    /// A scalar's resolved text, where the value is not a secret.
    func string(_ node: Node, _ key: String) -> String? {
        text(node, key)?.revealed
    }

    /// Non-empty text, with where it was written.
    func name(_ node: Node, _ key: String) -> Located<String>? {
        guard let value = string(node, key) else { return nil }
        guard !value.isEmpty else {
            report("\(key): expected a name, found nothing", at: node)
            return nil
        }
        return Located(value, at: location(of: node))
    }

    // MARK: Numbers and flags

    /// A whole number of at least `minimum`, and at most `maximum` when given.
    func int(_ node: Node, _ key: String, atLeast minimum: Int, atMost maximum: Int? = nil) -> Int? {
        guard let text = string(node, key) else { return nil }
        guard let value = Int(text) else {
            report("\(key): expected a whole number, found \(describe(node))", at: node)
            return nil
        }
        if let maximum, !(minimum...maximum).contains(value) {
            report("\(key): expected a number from \(minimum) to \(maximum), found \(value)", at: node)
            return nil
        }
        guard value >= minimum else {
            report("\(key): must be at least \(minimum), found \(value)", at: node)
            return nil
        }
        return value
    }

    /// A number for comparisons; quoted numbers are accepted since the meaning is clear.
    func number(_ node: Node, _ key: String) -> Double? {
        guard let text = string(node, key) else { return nil }
        guard let value = Double(text), value.isFinite else {
            report("\(key): expected a number, found \(describe(node))", at: node)
            return nil
        }
        return value
    }

    /// `true` or `false`, as the YAML 1.2 core schema spells them (not `yes`/`no`).
    func bool(_ node: Node, _ key: String) -> Bool? {
        switch string(node, key) {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        case nil: return nil
        default:
            report("\(key): expected true or false, found \(describe(node))", at: node)
            return nil
        }
    }

    // MARK: Quantities

    /// A duration; zero only when `allowZero`, and at least `minimum` when given.
    func duration(_ node: Node, _ key: String, allowZero: Bool = false, minimum: Duration? = nil) -> Duration? {
        guard let text = string(node, key) else { return nil }
        guard let value = DurationText.parse(text) else {
            report("\(key): expected \(DurationText.expectation), found \(describe(node))", at: node)
            return nil
        }
        if value == .zero && !allowZero {
            report("\(key): must be longer than zero", at: node)
            return nil
        }
        if let minimum, value < minimum {
            report("\(key): must be at least \(minimum.compact), found \(value.compact)", at: node)
            return nil
        }
        return value
    }

    /// A percentage above 0 and at most 100.
    func percentage(_ node: Node, _ key: String) -> Double? {
        guard let text = string(node, key) else { return nil }
        guard let value = PercentageParser.parse(text) else {
            report("\(key): expected \(PercentageParser.expectation), found \(describe(node))", at: node)
            return nil
        }
        guard value > 0, value <= 100 else {
            report("\(key): expected a percentage above 0% and at most 100%, found \(text)", at: node)
            return nil
        }
        return value
    }

    /// A byte size from 1 byte to ``ByteSizeParser/maximum`` (a bound on memory per probe), or
    /// without that bound when `bounded` is false (sizes of files that are never read).
    func byteSize(_ node: Node, _ key: String, bounded: Bool = true) -> Int? {
        guard let text = string(node, key) else { return nil }
        guard let value = ByteSizeParser.parse(text) else {
            report("\(key): expected \(ByteSizeParser.expectation), found \(describe(node))", at: node)
            return nil
        }
        guard value > 0, value <= ByteSizeParser.maximum || !bounded else {
            report("\(key): expected a size above 0\(bounded ? " and at most 1GiB" : ""), found \(text)", at: node)
            return nil
        }
        return value
    }

    // MARK: Lists

    /// The items of a list; a single value counts as a one-item list, and nothing as none.
    func items(_ node: Node, _ key: String) -> [Node] {
        switch node {
        case .sequence(let sequence): return Array(sequence)
        case .scalar: return node.isNullScalar ? [] : [node]
        default:
            report("\(key): expected a list, found \(describe(node))", at: node)
            return []
        }
    }

    /// A list of non-empty strings with where each was written.
    func names(_ node: Node, _ key: String) -> [Located<String>] {
        items(node, key).compactMap { name($0, key) }
    }
}
