import Foundation

/// Replaces `${env:NAME}`, `${file:PATH}` and `${cred:NAME}` in config strings.
///
/// The result is a ``SecretText``: values in ``SecretText/revealed``, `***` in
/// ``SecretText/redacted``. `$${` stands for a literal `${`. Problems are described by
/// the reference as written, never by the value it would have had.
struct Interpolator: Sendable {
    let environment: [String: String]

    /// The text with every reference resolved, or every reason it could not be.
    func resolve(_ raw: String, configFile: String) -> Result<SecretText, InterpolationFailures> {
        // Most config text refers to nothing: it is kept as it is, both forms one string.
        if !raw.utf8.contains(UInt8(ascii: "$")) { return .success(SecretText(literal: raw)) }
        var revealed = ""
        var redacted = ""
        var problems: [String] = []
        var rest = Substring(raw)
        while let dollar = rest.firstIndex(of: "$") {
            revealed += rest[..<dollar]
            redacted += rest[..<dollar]
            rest = rest[dollar...]
            if rest.hasPrefix("$${") {
                revealed += "${"
                redacted += "${"
                rest = rest.dropFirst(3)
                continue
            }
            guard rest.hasPrefix("${") else {
                revealed += "$"
                redacted += "$"
                rest = rest.dropFirst()
                continue
            }
            guard let close = rest.firstIndex(of: "}") else {
                problems.append("unterminated `${` (write `${env:NAME}`, `${file:PATH}` or `${cred:NAME}`, or `$${` for a literal `${`)")
                break
            }
            let reference = String(rest[rest.index(rest.startIndex, offsetBy: 2)..<close])
            rest = rest[rest.index(after: close)...]
            switch value(of: reference, configFile: configFile) {
            case .success(let value):
                revealed += value
                redacted += "***"
            case .failure(let problem):
                problems.append(problem.message)
            }
        }
        revealed += rest
        redacted += rest
        if !problems.isEmpty { return .failure(InterpolationFailures(messages: problems)) }
        if revealed == redacted { return .success(SecretText(literal: revealed)) }
        return .success(SecretText(revealed: revealed, redacted: redacted))
    }

    private func value(of reference: String, configFile: String) -> Result<String, InterpolationFailure> {
        let written = "`${\(reference)}`"
        guard let colon = reference.firstIndex(of: ":") else {
            let hint = reference.isEmpty ? "" : "; did you mean `${env:\(reference)}`?"
            return .failure(.init("\(written) names no source: write `${env:NAME}`, `${file:PATH}` or `${cred:NAME}`\(hint)"))
        }
        let kind = String(reference[..<colon])
        let argument = String(reference[reference.index(after: colon)...])
        guard !argument.isEmpty else {
            return .failure(.init("\(written) names nothing after `\(kind):`"))
        }
        switch kind {
        case "env":
            guard let value = environment[argument] else {
                return .failure(.init("environment variable \(argument) is not set (referenced as \(written))"))
            }
            return .success(value)
        case "file":
            return contents(of: resolvedPath(argument, configFile: configFile), written: written)
        case "cred":
            guard let folder = environment["CREDENTIALS_DIRECTORY"], !folder.isEmpty else {
                return .failure(.init("\(written) needs $CREDENTIALS_DIRECTORY, which is not set (systemd sets it for LoadCredential=)"))
            }
            guard !argument.contains("/"), argument != ".", argument != ".." else {
                return .failure(.init("\(written): a credential name cannot contain `/` or be `.` or `..`"))
            }
            return contents(of: (folder as NSString).appendingPathComponent(argument), written: written)
        default:
            let hint = DidYouMean.hint(for: kind, among: ["env", "file", "cred"])
            return .failure(.init("\(written) has an unknown source `\(kind)`: expected env, file or cred\(hint)"))
        }
    }

    /// A relative `${file:…}` path is relative to the config file that mentions it, so a
    /// config folder can be moved with its secrets.
    private func resolvedPath(_ path: String, configFile: String) -> String {
        if path.hasPrefix("/") { return path }
        let folder = (configFile as NSString).deletingLastPathComponent
        return folder.isEmpty ? path : (folder as NSString).appendingPathComponent(path)
    }

    private func contents(of path: String, written: String) -> Result<String, InterpolationFailure> {
        switch TextFile.read(path) {
        case .success(let text):
            return .success(Self.droppingOneTrailingNewline(text))
        case .failure(let failure):
            return .failure(.init("cannot read \(path) for \(written): \(failure)"))
        }
    }

    /// Files written by editors and `echo` end with a newline that is not part of the secret.
    static func droppingOneTrailingNewline(_ text: String) -> String {
        // "\r\n" is a single Character in Swift, so one dropLast() removes either ending.
        if text.hasSuffix("\n") || text.hasSuffix("\r\n") { return String(text.dropLast()) }
        return text
    }
}

/// One reference that could not be resolved.
struct InterpolationFailure: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

/// Every reference in one string that could not be resolved.
struct InterpolationFailures: Error {
    var messages: [String]
}
