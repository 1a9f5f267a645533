import Foundation

/// Reads Baton's YAML config files, merges them in order, and validates the result into a
/// ``Config``, or throws every problem found, each with its file, line and column.
///
/// Loading is pure apart from reading files: the environment is passed in, so `${env:…}`
/// and `${cred:…}` resolve the same way in tests as under systemd.
public struct ConfigLoader: Sendable {
    /// Variables for `${env:NAME}`, `$BATON_CONFIG` and `$CREDENTIALS_DIRECTORY`.
    public var environment: [String: String]
    /// Where the config lives when neither `--config` nor `$BATON_CONFIG` says otherwise.
    public var systemFolder: String

    public init(environment: [String: String] = ProcessInfo.processInfo.environment, systemFolder: String = "/etc/baton") {
        self.environment = environment
        self.systemFolder = systemFolder
    }

    /// Reads the files ``sourceFiles(explicit:)`` names, merged in that order.
    public func load(explicit: String?) throws(ConfigErrors) -> Config {
        try load(files: sourceFiles(explicit: explicit))
    }

    /// Reads `files`, merged in the given order: later `daemon:`/`defaults:` keys win,
    /// ids must be unique across files, lists are concatenated.
    public func load(files: [String]) throws(ConfigErrors) -> Config {
        let diagnostics = ConfigDiagnostics()
        var fragments: [ConfigFragment] = []
        var everyFileParsed = true
        for file in files {
            switch TextFile.read(file) {
            case .success(let text):
                // The text ends once composed: a 3 MB file is not held while it is read.
                let (fragment, parsed) = read(consume text, file: file, diagnostics: diagnostics)
                fragments.append(fragment)
                everyFileParsed = everyFileParsed && parsed
            case .failure(.notUTF8(let problem)):
                let place = SourceLocation(file: file, line: problem.line, column: problem.column)
                diagnostics.report("cannot read config: \(problem.explanation)", at: place)
                everyFileParsed = false
            case .failure(let failure):
                diagnostics.report("cannot read config: \(failure)", file: file)
                everyFileParsed = false
            }
        }
        return try finish(fragments, files: files, checkReferences: everyFileParsed, diagnostics: diagnostics)
    }

    /// Reads one in-memory document as if it were the whole config in `file`.
    public func load(yaml: String, file: String) throws(ConfigErrors) -> Config {
        let diagnostics = ConfigDiagnostics()
        let (fragment, parsed) = read(yaml, file: file, diagnostics: diagnostics)
        return try finish([fragment], files: [file], checkReferences: parsed, diagnostics: diagnostics)
    }

    /// The file's fragment, and whether its YAML could be parsed at all.
    private func read(_ text: consuming String, file: String, diagnostics: ConfigDiagnostics) -> (ConfigFragment, Bool) {
        let before = diagnostics.errors.count
        let document = YAMLDocument.parse(consume text, file: file, diagnostics: diagnostics)
        let parsed = diagnostics.errors.count == before
        let reader = YAMLReader(document: document, diagnostics: diagnostics, interpolator: Interpolator(environment: environment))
        return (reader.fragment(), parsed)
    }

    /// Merges, validates and builds. References between sections are only checked when every
    /// file could be parsed: otherwise each use of a team defined in the broken file would be
    /// one more misleading error.
    private func finish(
        _ fragments: [ConfigFragment], files: [String], checkReferences: Bool, diagnostics: ConfigDiagnostics
    ) throws(ConfigErrors) -> Config {
        let merged = ConfigMerge.merge(fragments, diagnostics: diagnostics)
        if checkReferences {
            ConfigValidation(config: merged, diagnostics: diagnostics).run()
        }
        guard diagnostics.isEmpty else { throw ConfigErrors(diagnostics.sorted(fileOrder: files)) }
        let config = ConfigAssembly.build(merged, files: files, diagnostics: diagnostics)
        guard diagnostics.isEmpty else { throw ConfigErrors(diagnostics.sorted(fileOrder: files)) }
        return config
    }
}
