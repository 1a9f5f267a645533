import ArgumentParser
import BatonAPI
import Foundation

/// `baton reload`: the same as SIGHUP.
struct ReloadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reload",
        abstract: "Reload the daemon's config (same as SIGHUP); a wrong config is refused and the old one keeps running."
    )

    @OptionGroup var client: ClientOptions

    func run() async throws {
        let result: ReloadResult
        let raw: Data
        do {
            (result, raw) = try await ControlClient(socketPath: client.socketPath).get(ReloadResult.self, Routes.reload, method: "POST", timeout: .seconds(60))
        } catch {
            throw Failing.report(error, unreachableCode: 1, failureCode: 1)
        }
        if client.json {
            printJSON(raw)
            return
        }
        var parts: [String] = []
        if !result.added.isEmpty { parts.append("added \(result.added.joined(separator: ", "))") }
        if !result.changed.isEmpty { parts.append("changed \(result.changed.joined(separator: ", "))") }
        if !result.removed.isEmpty { parts.append("removed \(result.removed.joined(separator: ", "))") }
        print("config reloaded: \(result.integrations) integrations" + (parts.isEmpty ? ", nothing changed" : "; " + parts.joined(separator: "; ")))
        for setting in result.needsRestart { print("\(setting) changed: restart batond to apply it") }
    }
}
