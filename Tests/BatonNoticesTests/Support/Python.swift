import Foundation
import TestSupport

/// Runs Python 3 the way a receiver's own code would check Baton's signatures.
enum Python {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Standard output of `python3 -c script arguments…` fed `input`, without the trailing newline.
    static func run(_ script: String, arguments: [String], input: [UInt8]) throws -> String {
        let process = try SpawnCommand("/usr/bin/env", ["python3", "-c", script] + arguments,
                                       standardInput: .pipe, standardOutput: .pipe, standardError: .pipe).spawn()
        try process.standardInput?.write(input)
        process.standardInput?.close()
        let output = try process.standardOutput?.readToEnd() ?? []
        let errors = try process.standardError?.readToEnd() ?? []
        let termination = process.waitUntilExit()
        guard termination == .exited(0) else {
            throw Failure(description: "python3 exited \(termination.status): \(String(decoding: errors, as: UTF8.self))")
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
