import ArgumentParser
import BatonAPI
import Foundation

/// `baton check ID`: probe now, print the verdict and why.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Probe one integration now and print the verdict and why."
    )

    @OptionGroup var client: ClientOptions

    @Argument(help: "Integration id.")
    var id: String

    func run() async throws {
        let result: CheckResult
        let raw: Data
        do {
            (result, raw) = try await ControlClient(socketPath: client.socketPath)
                .get(CheckResult.self, Routes.check(id), method: "POST", timeout: .seconds(300))
        } catch {
            throw Failing.report(error, unreachableCode: PluginExit.unknown, failureCode: PluginExit.unknown)
        }
        if client.json {
            printJSON(raw)
        } else {
            print(Self.render(result, terminal: .current))
        }
        let code: Int32 = switch result.verdict {
        case "pass": PluginExit.ok
        case "warn": PluginExit.degraded
        default: PluginExit.breach
        }
        if code != 0 { throw ExitCode(code) }
    }

    static func render(_ result: CheckResult, terminal: Terminal) -> String {
        let verdictColour: Terminal.Colour = switch result.verdict {
        case "pass": .green
        case "warn": .yellow
        case "stale": .magenta
        default: .red
        }
        var out = ["\(result.id.printable): \(terminal.paint(result.verdict, verdictColour)) — \(result.reason.printable)"]
        for finding in result.findings {
            let mark = finding.level == "pass" ? terminal.paint("✓", .green) : terminal.paint("✗", finding.level == "warn" ? .yellow : .red)
            out.append("  \(mark) \(finding.text.printable)")
        }
        var footer = "  "
        if let latency = result.latencyMs { footer += "took \(latency)ms; " }
        footer += "state now \(terminal.state(result.state))"
        out.append(footer)
        return out.joined(separator: "\n")
    }
}
