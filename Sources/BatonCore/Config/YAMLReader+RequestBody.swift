extension YAMLReader {
    /// Deeper bodies are refused: the renderer recurses, and no API wants such a request.
    static let deepestBody = 64

    /// `body:`: text as written, or a mapping or list sent as compact JSON.
    ///
    /// Strings in either may hold `${env:…}`, `${file:…}` and `${cred:…}`: the body stays a
    /// ``SecretText`` whose redacted form shows `***` where each was. JSON keeps the order
    /// the keys were written in, and values follow the YAML 1.2 core schema (`5` is a number,
    /// `"5"` a string).
    func requestBody(_ node: YAMLNode) -> RequestBody? {
        switch node {
        case .scalar:
            return text(node, "body").map(RequestBody.text)
        case .mapping, .sequence:
            var writer = SecretTextWriter()
            let before = diagnostics.errors.count
            writeJSON(node, into: &writer, depth: 0)
            guard diagnostics.errors.count == before else { return nil }
            return .json(writer.text)
        }
    }

    private func writeJSON(_ node: YAMLNode, into writer: inout SecretTextWriter, depth: Int) {
        guard depth < Self.deepestBody else {
            report("body: nested deeper than \(Self.deepestBody) levels", at: node)
            return
        }
        switch node {
        case .scalar(let scalar):
            switch CoreSchemaScalar(scalar) {
            case .text:
                if let text = text(node, "body") { writer.quoted(text) }
            case .null:
                writer.plain("null")
            case .bool(let value):
                writer.plain(value ? "true" : "false")
            case .number(let number):
                // As written when JSON can say it so (large ids keep every digit); `0x1F`, `+5`, `.5` as numbers.
                writer.plain(JSONNumberSyntax.isValid(scalar.string) ? scalar.string : JSONValue.number(number).description)
            }
        case .mapping:
            guard let map = mapping(node, "`body`", allowed: nil) else { return }
            writer.plain("{")
            for (index, entry) in map.entries.enumerated() {
                if index > 0 { writer.plain(",") }
                writer.quoted(SecretText(literal: entry.key))
                writer.plain(":")
                writeJSON(entry.value, into: &writer, depth: depth + 1)
            }
            writer.plain("}")
        case .sequence(let sequence):
            writer.plain("[")
            for (index, item) in sequence.enumerated() {
                if index > 0 { writer.plain(",") }
                writeJSON(item, into: &writer, depth: depth + 1)
            }
            writer.plain("]")
        }
    }
}

/// Builds a ``SecretText`` piece by piece: the revealed and the redacted text side by side.
struct SecretTextWriter {
    private var revealed = ""
    private var redacted = ""

    var text: SecretText { SecretText(revealed: revealed, redacted: redacted) }

    mutating func plain(_ text: String) {
        revealed += text
        redacted += text
    }

    /// A JSON string; its redacted form quotes the redacted text (`"Bearer ***"`).
    mutating func quoted(_ text: SecretText) {
        revealed += JSONValue.quoted(text.revealed)
        redacted += JSONValue.quoted(text.redacted)
    }
}

/// RFC 8259 number syntax: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?`.
enum JSONNumberSyntax {
    static func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var index = 0
        func isDigit(_ at: Int) -> Bool { at < bytes.count && (0x30...0x39).contains(bytes[at]) }
        func digits() -> Int {
            let start = index
            while isDigit(index) { index += 1 }
            return index - start
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        if index < bytes.count, bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            guard digits() > 0 else { return false }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { return false }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
            guard digits() > 0 else { return false }
        }
        return index == bytes.count
    }
}
