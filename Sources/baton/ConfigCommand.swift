import ArgumentParser
import BatonCore
import Foundation

/// `baton config …`.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Work with the config without a daemon.",
        subcommands: [ConfigCheckCommand.self]
    )
}

/// `baton config check [PATH]`: validate, print every error, exit 0 or 1.
struct ConfigCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a config file or folder; print every error with file, line and column."
    )

    @Argument(help: ArgumentHelp("Config file or folder (default: $BATON_CONFIG, else /etc/baton).", valueName: "path"))
    var path: String?

    @Flag(name: .long, help: "Print the result as JSON.")
    var json = false

    /// The JSON shape of the result.
    struct Report: Encodable {
        struct Problem: Encodable {
            var file: String?
            var line: Int?
            var column: Int?
            var message: String
        }

        var ok: Bool
        var files: [String]
        var integrations: Int
        var errors: [Problem]
        /// Not errors: things that are probably not meant (a step that reaches nobody).
        var warnings: [Problem] = []
    }

    func run() throws {
        let loader = ConfigLoader(environment: ProcessInfo.processInfo.environment)
        let outcome: Result<Config, ConfigErrors>
        do {
            outcome = .success(try loader.load(explicit: path))
        } catch {
            outcome = .failure(error)
        }
        switch outcome {
        case .success(let config):
            let warnings = config.warnings()
            if json {
                let problems = warnings.map { Report.Problem(file: $0.location?.file, line: $0.location?.line, column: $0.location?.column, message: $0.message) }
                try emit(Report(ok: true, files: config.files, integrations: config.integrations.count, errors: [], warnings: problems))
            } else {
                for warning in warnings { FileHandle.standardError.write(Data("\(warning.description.printable)\n".utf8)) }
                print("config OK: \(config.integrations.count) integrations, \(config.teams.count) teams, \(config.channels.count) channels in \(config.files.joined(separator: ", "))"
                    + (warnings.isEmpty ? "" : " (\(warnings.count) warning\(warnings.count == 1 ? "" : "s"))"))
            }
        case .failure(let error):
            if json {
                let problems = error.errors.map {
                    Report.Problem(file: $0.location?.file ?? $0.file, line: $0.location?.line, column: $0.location?.column, message: $0.message)
                }
                try emit(Report(ok: false, files: [], integrations: 0, errors: problems))
            } else {
                let count = error.errors.count
                let lines = error.errors.map(\.description.printable).joined(separator: "\n")
                FileHandle.standardError.write(Data("\(lines)\n\(count) error\(count == 1 ? "" : "s") in the config\n".utf8))
            }
            throw ExitCode(1)
        }
    }

    private func emit(_ report: Report) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        printJSON(try encoder.encode(report))
    }
}
