import Foundation

/// Runs Python 3 the way a receiver's own code would check Baton's signatures.
enum Python {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Standard output of `python3 -c script arguments…` fed `input`, without the trailing newline.
    static func run(_ script: String, arguments: [String], input: [UInt8]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "python3 exited \(process.terminationStatus): \(String(decoding: errors, as: UTF8.self))")
        }
        return String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// Text of the repository's own documents.
enum RepositoryFile {
    static func text(_ relativePath: String) throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return try String(contentsOf: root.appendingPathComponent(relativePath), encoding: .utf8)
    }

    /// The body of the first fenced block in `markdown` whose info string is `language` and that contains `marker`.
    static func codeBlock(_ markdown: String, language: String, containing marker: String) -> String? {
        let parts = markdown.components(separatedBy: "```")
        return stride(from: 1, to: parts.count, by: 2).lazy.map { parts[$0] }.first { $0.hasPrefix(language + "\n") && $0.contains(marker) }
            .map { String($0.dropFirst(language.count + 1)) }
    }
}
