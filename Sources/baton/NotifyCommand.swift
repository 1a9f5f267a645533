import ArgumentParser
import BatonAPI
import Foundation

/// `baton notify test CHANNEL`.
struct NotifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notify",
        abstract: "Work with notice channels.",
        subcommands: [NotifyTestCommand.self]
    )
}

/// Sends a test notice now and prints what the receiver answered.
struct NotifyTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "test", abstract: "Send a test notice to a channel and show the receiver's answer.")

    @OptionGroup var client: ClientOptions

    @Argument(help: "Channel id from the config.")
    var channel: String

    func run() async throws {
        let result: ChannelTestResult
        let raw: Data
        do {
            (result, raw) = try await ControlClient(socketPath: client.socketPath)
                .get(ChannelTestResult.self, Routes.channelTest(channel), method: "POST", timeout: .seconds(60))
        } catch {
            throw Failing.report(error, unreachableCode: 1, failureCode: 1)
        }
        if client.json {
            printJSON(raw)
        } else {
            let verdict = result.delivered ? "delivered" : "NOT delivered"
            print("test notice to \(result.channel) (\(result.type)): \(verdict) — \(result.answer.printable)")
        }
        if !result.delivered { throw ExitCode(1) }
    }
}
