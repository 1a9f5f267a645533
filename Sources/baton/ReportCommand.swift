import ArgumentParser
import BatonAPI
import BatonCore
import Foundation

/// `baton report [--since 7d] [--format table|markdown|csv|json]`.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "SLA attainment, breaches, MTTA and MTTR per integration, owner, tool and journey stage.",
        discussion: "The daemon computes the figures; every format shows the same numbers. Definitions: docs/sla.md."
    )

    @OptionGroup var client: ClientOptions

    @Option(help: ArgumentHelp("How far back, e.g. 7d, 30d, 90d.", valueName: "duration"))
    var since = "7d"

    @Option(help: ArgumentHelp("table, markdown, csv or json.", valueName: "format"))
    var format: String = "table"

    func validate() throws {
        guard let parsed = DurationText.parse(since), parsed > .zero else {
            throw ValidationError("--since takes a duration such as 7d or 30d, not \"\(since)\"")
        }
        guard ReportFormat(rawValue: format) != nil else {
            throw ValidationError("--format is table, markdown, csv or json, not \"\(format)\"")
        }
    }

    func run() async throws {
        // The daemon renders every format, so all of them show the same numbers from one implementation.
        let chosen = client.json ? ReportFormat.json : (ReportFormat(rawValue: format) ?? .table)
        var query = [("since", since), ("format", chosen.rawValue)]
        if chosen == .table, let width = Terminal.current.width { query.append(("width", String(width))) }
        let raw: Data
        do {
            raw = try await ControlClient(socketPath: client.socketPath).call("GET", "/v1/report" + Routes.query(query), timeout: .seconds(120))
        } catch {
            throw Failing.report(error, unreachableCode: 1, failureCode: 1)
        }
        FileHandle.standardOutput.write(raw)
    }
}
