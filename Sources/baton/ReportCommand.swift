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
        guard let parsed = DurationParser.parse(since), parsed > .zero else {
            throw ValidationError("--since takes a duration such as 7d or 30d, not \"\(since)\"")
        }
        guard ReportFormat(rawValue: format) != nil else {
            throw ValidationError("--format is table, markdown, csv or json, not \"\(format)\"")
        }
    }

    func run() async throws {
        let path = "/v1/report" + Routes.query([("since", since)])
        let raw: Data
        do {
            raw = try await ControlClient(socketPath: client.socketPath).call("GET", path, timeout: .seconds(120))
        } catch {
            throw Failing.report(error, unreachableCode: 1, failureCode: 1)
        }
        let chosen = client.json ? .json : (ReportFormat(rawValue: format) ?? .table)
        if chosen == .json {
            printJSON(raw)
            return
        }
        let report: SLAReport
        do {
            report = try JSONDecoder().decode(SLAReport.self, from: raw)
        } catch {
            Failing.printError("the daemon's report could not be read: \(error)")
            throw ExitCode(1)
        }
        print(ReportRenderer.render(report, as: chosen, width: Terminal.current.width), terminator: chosen == .csv ? "" : "\n")
    }
}
