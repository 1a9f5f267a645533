import ArgumentParser
import BatonAPI
import BatonCore
import Foundation

/// `baton incidents [--all]`.
struct IncidentsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "incidents",
        abstract: "Open incidents: who has the baton, how far it climbed, who acknowledged."
    )

    @OptionGroup var client: ClientOptions

    @Flag(help: "Resolved incidents too.")
    var all = false

    func run() async throws {
        let path = Routes.incidents + Routes.query([("state", all ? "all" : "open")])
        let answer: IncidentsResponse
        let raw: Data
        do {
            (answer, raw) = try await ControlClient(socketPath: client.socketPath).get(IncidentsResponse.self, path)
        } catch {
            throw Failing.report(error, unreachableCode: 1, failureCode: 1)
        }
        if client.json {
            printJSON(raw)
        } else {
            print(Self.render(answer.incidents, terminal: .current, now: Date()))
        }
    }

    static func render(_ incidents: [IncidentSummary], terminal: Terminal, now: Date) -> String {
        guard !incidents.isEmpty else { return "no open incidents" }
        var table = Table(headers: ["ID", "STATUS", "INTEGRATION", "OPENED", "STEP", "ACK", "REASON"])
        for incident in incidents {
            let status = incident.status == "open"
                ? (incident.acknowledgedBy != nil ? "acked" : incident.silencedBy != nil ? "silenced" : incident.state)
                : "resolved"
            let opened = WireFormat.date(incident.openedAt).map { DurationText.age(seconds: now.timeIntervalSince($0)).compact + " ago" } ?? incident.openedAt
            table.rows.append([
                .init(text: "#\(incident.id)"),
                .init(text: status, paint: { text in
                    switch status {
                    case "resolved": terminal.paint(text, .green)
                    case "acked": terminal.paint(text, .yellow)
                    case "silenced": terminal.paint(text, .dim)
                    default: terminal.paint(text, .red)
                    }
                }),
                .init(text: incident.integration.printable),
                .init(text: opened),
                .init(text: "\(incident.step)/\(incident.steps)"),
                .init(text: incident.acknowledgedBy?.printable ?? "-"),
                .init(text: incident.reason.printable),
            ])
        }
        return table.render(width: terminal.width)
    }
}
