import ArgumentParser
import BatonAPI
import BatonCore
import Foundation

/// `baton silence add|list|rm`: ad-hoc maintenance.
struct SilenceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "silence",
        abstract: "Keep planned work quiet: no incidents, no notices, while a silence lasts.",
        subcommands: [SilenceAddCommand.self, SilenceListCommand.self, SilenceRemoveCommand.self]
    )
}

/// `baton silence add (--integration ID | --tag X | --owner T) --for 2h --reason TEXT`.
struct SilenceAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Silence one integration, a tag, or a team's integrations.")

    @OptionGroup var client: ClientOptions

    @Option(help: ArgumentHelp("Integration id.", valueName: "id"))
    var integration: String?

    @Option(help: ArgumentHelp("Every integration with this tag.", valueName: "tag"))
    var tag: String?

    @Option(help: ArgumentHelp("Every integration this team owns.", valueName: "team"))
    var owner: String?

    @Option(name: .customLong("for"), help: ArgumentHelp("How long, e.g. 30m or 2h.", valueName: "duration"))
    var duration: String

    @Option(help: ArgumentHelp("Why: shown in status, incidents and notices.", valueName: "text"))
    var reason: String

    func validate() throws {
        let chosen = [integration, tag, owner].compactMap { $0 }
        guard chosen.count == 1 else { throw ValidationError("give exactly one of --integration, --tag or --owner") }
        guard let parsed = DurationText.parse(duration), parsed > .zero else {
            throw ValidationError("--for takes a duration such as 30m or 2h, not \"\(duration)\"")
        }
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--reason must say why") }
    }

    func run() async throws {
        let request = SilenceRequest(integration: integration, tag: tag, owner: owner, duration: duration, reason: reason)
        let raw: Data
        let silence: SilenceSummary
        do {
            raw = try await ControlClient(socketPath: client.socketPath).call("POST", Routes.silences, body: try WireFormat.encoder().encode(request))
            silence = try WireFormat.decoder().decode(SilenceSummary.self, from: raw)
        } catch let failure as ControlClient.Failure {
            throw Failing.report(failure, unreachableCode: 1, failureCode: 1)
        }
        if client.json {
            printJSON(raw)
        } else {
            let covered = silence.matches.isEmpty ? "no integration yet" : silence.matches.joined(separator: ", ")
            print("silence #\(silence.id) until \(silence.endsAt) covers \(covered.printable)")
        }
    }
}

/// `baton silence list`.
struct SilenceListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Silences in force (all with --all).")

    @OptionGroup var client: ClientOptions

    @Flag(help: "Expired and removed silences too.")
    var all = false

    func run() async throws {
        let answer: SilencesResponse
        let raw: Data
        do {
            (answer, raw) = try await ControlClient(socketPath: client.socketPath)
                .get(SilencesResponse.self, Routes.silences + Routes.query([("all", all ? "true" : nil)]))
        } catch {
            throw Failing.report(error, unreachableCode: 1, failureCode: 1)
        }
        if client.json {
            printJSON(raw)
            return
        }
        guard !answer.silences.isEmpty else {
            print("no silences")
            return
        }
        var table = Table(headers: ["ID", "MATCHES", "UNTIL", "BY", "REASON"])
        for silence in answer.silences {
            let selector = silence.integrations.map { "integration \($0)" } + silence.tags.map { "tag \($0)" } + silence.owners.map { "owner \($0)" }
            let until = silence.status == "active" ? silence.endsAt : silence.status
            table.rows.append([
                .init(text: "#\(silence.id)"), .init(text: selector.joined(separator: ", ").printable), .init(text: until),
                .init(text: silence.createdBy.printable), .init(text: silence.reason.printable),
            ])
        }
        print(table.render(width: Terminal.current.width))
    }
}

/// `baton silence rm ID`.
struct SilenceRemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rm", abstract: "End a silence now.")

    @OptionGroup var client: ClientOptions

    @Argument(help: "Silence id.")
    var id: Int

    func run() async throws {
        let raw: Data
        do {
            raw = try await ControlClient(socketPath: client.socketPath).call("DELETE", Routes.silence(id))
        } catch {
            throw Failing.report(error, unreachableCode: 1, failureCode: 1)
        }
        if client.json { printJSON(raw) } else { print("silence #\(id) removed") }
    }
}
