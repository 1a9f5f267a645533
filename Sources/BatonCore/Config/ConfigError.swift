/// One thing wrong with a config, and where: a file, usually a line and column.
///
/// Messages say what is wrong and what was expected, and never contain the value of a
/// `${env:…}`, `${file:…}` or `${cred:…}` reference.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where the problem is; `nil` when no file is involved.
    public var location: SourceLocation?
    /// What is wrong and what was expected.
    public var message: String
    /// The file when there is no line to point at (a file that cannot be read).
    public var file: String?

    public init(_ message: String, at location: SourceLocation?) {
        self.location = location
        self.message = message
        self.file = location?.file
    }

    public init(_ message: String, file: String) {
        self.location = nil
        self.message = message
        self.file = file
    }

    /// `path/baton.yaml:12:7: message`, or `path: message` when there is no line.
    public var description: String {
        if let location { return "\(location): \(message)" }
        if let file { return "\(file): \(message)" }
        return message
    }
}

/// Every problem found in a set of config files, in file, line and column order.
public struct ConfigErrors: Error, Sendable, Equatable, CustomStringConvertible {
    public var errors: [ConfigError]

    public init(_ errors: [ConfigError]) {
        self.errors = errors
    }

    /// One error per line.
    public var description: String {
        errors.map(\.description).joined(separator: "\n")
    }
}
