/// A place in a config file, as an operator would look it up in an editor.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// The file path as it was given or found.
    public var file: String
    /// Line number, starting at 1.
    public var line: Int
    /// Column number, starting at 1.
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}
