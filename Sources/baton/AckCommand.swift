import ArgumentParser
import BatonAPI
import Foundation

/// `baton ack INCIDENT [--note TEXT]`: take the baton; escalation stops.
struct AckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ack",
        abstract: "Acknowledge an incident: escalation stops and everyone notified hears who took it.",
        discussion: "You are identified as the Unix user running this command."
    )

    @OptionGroup var client: ClientOptions

    @Argument(help: ArgumentHelp("Incident id, e.g. 42 or #42.", valueName: "incident"))
    var incident: String

    @Option(help: ArgumentHelp("What you are doing about it.", valueName: "text"))
    var note: String?

    var incidentID: Int? {
        Int(incident.hasPrefix("#") ? String(incident.dropFirst()) : incident)
    }

    func validate() throws {
        guard let id = incidentID, id > 0 else { throw ValidationError("an incident id is a number such as 42, not \"\(incident)\"") }
    }

    func run() async throws {
        let id = incidentID ?? 0
        let body = try WireFormat.encoder().encode(AcknowledgeRequest(note: note))
        let answer: IncidentSummary
        let raw: Data
        do {
            raw = try await ControlClient(socketPath: client.socketPath).call("POST", Routes.acknowledge(id), body: body)
            answer = try WireFormat.decoder().decode(IncidentSummary.self, from: raw)
        } catch let failure as ControlClient.Failure {
            throw Failing.report(failure, unreachableCode: 1, failureCode: 1)
        }
        if client.json {
            printJSON(raw)
        } else {
            let who = answer.notifiedChannels.isEmpty ? "" : "; told \(answer.notifiedChannels.joined(separator: ", "))"
            print("#\(answer.id) (\(answer.integration.printable)) acknowledged by \(answer.acknowledgedBy?.printable ?? "you")\(who)")
        }
    }
}
