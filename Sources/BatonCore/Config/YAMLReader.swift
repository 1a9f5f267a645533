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

    func location(of node: YAMLNode) -> SourceLocation { document.location(of: node) }

    func report(_ message: String, at node: YAMLNode) {
        diagnostics.report(writtenForm(of: message, at: node), at: location(of: node))
    }

    /// A message that quotes a value read through `${env:…}`, `${file:…}` or `${cred:…}` shows the
    /// reference as written, never what it resolved to: whatever key it is, the value may be a secret.
    private func writtenForm(of message: String, at node: YAMLNode) -> String {
        guard case .scalar(let scalar) = node, scalar.string.contains("${"),
              case .success(let resolved) = interpolator.resolve(scalar.string, configFile: file)
        else { return message }
        let value = resolved.revealed
        guard value.utf8.count >= SecretScrubber.shortest, value != scalar.string else { return message }
        return message.replacingOccurrences(of: value, with: scalar.string)
    }

    /// How a node is named in "found …": the scalar as written, or its kind.
    func describe(_ node: YAMLNode) -> String {
        switch node {
        case .scalar(let scalar):
            if node.isNullScalar { return "nothing" }
            let plain = scalar.style == .plain || scalar.style == .any
            if plain, Double(scalar.string) != nil || ["true", "false"].contains(scalar.string) { return scalar.string }
            return JSONValue.quoted(scalar.string)
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        }
    }

    // MARK: Text

    /// A scalar with its references resolved.
    func text(_ node: YAMLNode, _ key: String) -> SecretText? {
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
    func string(_ node: YAMLNode, _ key: String) -> String? {
        text(node, key)?.revealed
    }

    /// Non-empty text, with where it was written.
    func name(_ node: YAMLNode, _ key: String) -> Located<String>? {
        guard let value = string(node, key) else { return nil }
        guard !value.isEmpty else {
            report("\(key): expected a name, found nothing", at: node)
            return nil
        }
        return Located(value, at: location(of: node))
    }

    // MARK: Numbers and flags

    /// A whole number within `range` (``ConfigLimits``).
    ///
    /// Digits too many for an `Int` are out of range too, not "not a number": the value is
    /// clear, only too large.
    func int(_ node: YAMLNode, _ key: String, in range: ClosedRange<Int>) -> Int? {
        guard let text = string(node, key) else { return nil }
        guard let value = Int(text) else {
            if Self.isWholeNumber(text) {
                report(text.hasPrefix("-") ? "\(key): must be at least \(range.lowerBound), found \(written(node, text))"
                                           : "\(key): must be at most \(range.upperBound), found \(written(node, text))", at: node)
            } else {
                report("\(key): expected a whole number, found \(describe(node))", at: node)
            }
            return nil
        }
        return checked(value, key, in: range, at: node, bound: { "\($0)" }, found: "\(value)")
    }

    /// A number for comparisons; quoted numbers are accepted since the meaning is clear.
    func number(_ node: YAMLNode, _ key: String) -> Double? {
        guard let text = string(node, key) else { return nil }
        guard let value = Double(text), value.isFinite else {
            report("\(key): expected a number, found \(describe(node))", at: node)
            return nil
        }
        return value
    }

    /// `true` or `false`, as the YAML 1.2 core schema spells them (not `yes`/`no`).
    func bool(_ node: YAMLNode, _ key: String) -> Bool? {
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

    /// A duration within `range` (``ConfigLimits``); one too long for any clock is out of range.
    func duration(_ node: YAMLNode, _ key: String, in range: ClosedRange<Duration>) -> Duration? {
        guard let text = string(node, key) else { return nil }
        switch DurationText.read(text) {
        case .duration(let value):
            return checked(value, key, in: range, at: node, bound: ConfigLimits.text, found: ConfigLimits.text(value))
        case .tooLong:
            report("\(key): must be at most \(ConfigLimits.text(range.upperBound)), found \(written(node, text))", at: node)
            return nil
        case .notADuration:
            report("\(key): expected \(DurationText.expectation), found \(describe(node))", at: node)
            return nil
        }
    }

    /// A percentage above 0 and at most 100.
    func percentage(_ node: YAMLNode, _ key: String) -> Double? {
        guard let text = string(node, key) else { return nil }
        guard let value = PercentageParser.parse(text) else {
            report("\(key): expected \(PercentageParser.expectation), found \(describe(node))", at: node)
            return nil
        }
        guard value > 0 else {
            report("\(key): must be above 0%, found \(written(node, text))", at: node)
            return nil
        }
        guard value <= 100 else {
            report("\(key): must be at most 100%, found \(written(node, text))", at: node)
            return nil
        }
        return value
    }

    /// A byte size within `range` (``ConfigLimits``); one too large to count is out of range.
    func byteSize(_ node: YAMLNode, _ key: String, in range: ClosedRange<Int>) -> Int? {
        guard let text = string(node, key) else { return nil }
        switch ByteSizeParser.read(text) {
        case .size(let value):
            return checked(value, key, in: range, at: node, bound: ConfigLimits.sizeText, found: written(node, text))
        case .tooLarge:
            report("\(key): must be at most \(ConfigLimits.sizeText(range.upperBound)), found \(written(node, text))", at: node)
            return nil
        case .notASize:
            report("\(key): expected \(ByteSizeParser.expectation), found \(describe(node))", at: node)
            return nil
        }
    }

    /// `value` when `range` holds it; otherwise reports `<key>: must be at least/most <bound>, found <found>`.
    ///
    /// - Parameters:
    ///   - bound: A bound as a config writes it.
    ///   - found: The value as the message shows it.
    private func checked<Value: Comparable>(
        _ value: Value, _ key: String, in range: ClosedRange<Value>, at node: YAMLNode, bound: (Value) -> String, found: String
    ) -> Value? {
        if value < range.lowerBound {
            report("\(key): must be at least \(bound(range.lowerBound)), found \(found)", at: node)
            return nil
        }
        if value > range.upperBound {
            report("\(key): must be at most \(bound(range.upperBound)), found \(found)", at: node)
            return nil
        }
        return value
    }

    /// `-12` or `99999…`: optional sign, then digits only.
    private static func isWholeNumber(_ text: String) -> Bool {
        let digits = text.first == "-" || text.first == "+" ? text.dropFirst() : Substring(text)
        return !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// A scalar as written in the file (never as resolved), cut short when long: 400 nines
    /// should not fill the screen.
    private func written(_ node: YAMLNode, _ resolved: String) -> String {
        let text = node.scalar?.string ?? resolved
        return text.count <= 24 ? text : text.prefix(20) + "…"
    }

    // MARK: Lists

    /// The items of a list; a single value counts as a one-item list, and nothing as none.
    func items(_ node: YAMLNode, _ key: String) -> [YAMLNode] {
        switch node {
        case .sequence(let sequence): return Array(sequence)
        case .scalar: return node.isNullScalar ? [] : [node]
        default:
            report("\(key): expected a list, found \(describe(node))", at: node)
            return []
        }
    }

    /// A list of non-empty strings with where each was written.
    func names(_ node: YAMLNode, _ key: String) -> [Located<String>] {
        items(node, key).compactMap { name($0, key) }
    }
}
