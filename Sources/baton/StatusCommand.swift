import ArgumentParser
import BatonAPI
import BatonCore
import Foundation

/// `baton status`: one line per integration.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "One line per integration: state, age of data, SLA, incident and reason."
    )

    @OptionGroup var client: ClientOptions

    @Option(help: ArgumentHelp("Only integrations this team owns.", valueName: "team"))
    var owner: String?

    @Option(help: ArgumentHelp("Only integrations with this tag.", valueName: "tag"))
    var tag: String?

    @Option(help: ArgumentHelp("Only integrations in this state: unknown, healthy, degraded, stale, down or blocked.", valueName: "state"))
    var state: String?

    static let states = ["unknown", "healthy", "degraded", "stale", "down", "blocked"]

    func validate() throws {
        if let state, !Self.states.contains(state) {
            throw ValidationError("unknown state \"\(state)\"; use one of \(Self.states.joined(separator: ", "))")
        }
    }

    func run() async throws {
        let path = Routes.status + Routes.query([("owner", owner), ("tag", tag), ("state", state)])
        let control = ControlClient(socketPath: client.socketPath)
        let states: [String]
        do {
            if client.json {
                let answer = try await control.callAnswer("GET", path)
                let raw = answer.body
                // The daemon's bytes as they are. The exit code comes from the summary the daemon
                // also sends in the answer's trailer; without it (an older daemon), from the states
                // read out of the JSON, which took 6 ms at 10,000 integrations (decoding it took
                // most of a second).
                if let counts = answer.header(StateSummary.headerName.lowercased()).flatMap(StateSummary.init(headerValue:)) {
                    states = counts.presentStates
                } else if let scanned = StatusStates.scan(raw) {
                    states = scanned
                } else {
                    // Not the answer's usual shape: the decoder says what is wrong with it.
                    states = try control.decode(StatusResponse.self, from: Data(raw), path: path).integrations.map(\.state)
                }
                try printJSON(raw, failureCode: PluginExit.unknown)
            } else {
                let answer = try await control.get(StatusResponse.self, path).0
                states = answer.integrations.map(\.state)
                print(Self.render(answer, terminal: .current))
            }
        } catch let exit as ExitCode {
            throw exit
        } catch let failure as ControlClient.Failure {
            throw Failing.report(failure, unreachableCode: PluginExit.unknown, failureCode: PluginExit.unknown)
        }
        let code = PluginExit.code(for: states)
        if code != 0 { throw ExitCode(code) }
    }

    static func render(_ answer: StatusResponse, terminal: Terminal) -> String {
        var out: [String] = []
        if let cluster = answer.cluster, cluster.shared {
            let leader = cluster.leader.map { "\($0)" + (cluster.leaderSince.map { " since \($0)" } ?? "") } ?? "nobody (a standby takes over when the lease lapses)"
            out.append("leader: \(leader.printable); answered by \(cluster.node.printable) (\(cluster.role))")
        }
        if !answer.warnings.isEmpty {
            out.append(terminal.paint("baton itself is unhealthy: " + answer.warnings.joined(separator: "; ").printable, .red))
        }
        if let error = answer.configError {
            out.append(terminal.paint("config reload failed, still running the previous config: \(error)", .red))
        }
        if let delivery = answer.delivery {
            if delivery.dead > 0 {
                out.append(terminal.paint("\(delivery.dead) notice\(delivery.dead == 1 ? "" : "s") could not be delivered (dead letters: baton incidents --all --json)", .red))
            }
        }
        guard !answer.integrations.isEmpty else {
            out.append("no integrations match")
            return out.joined(separator: "\n")
        }
        let showSLA = answer.integrations.contains { $0.sla != nil }
        let showIncident = answer.integrations.contains { $0.incident != nil }
        var headers = ["STATE", "INTEGRATION", "AGE"]
        if showSLA { headers.append("SLA") }
        if showIncident { headers.append("INCIDENT") }
        headers.append("REASON")
        var table = Table(headers: headers)
        for line in answer.integrations {
            var stateText = line.state
            if line.silenced { stateText += "*" }
            var row: [Table.Cell] = [
                .init(text: stateText, paint: { terminal.state($0) }),
                .init(text: line.id.printable),
                .init(text: line.dataAgeSeconds.map { DurationText.age(seconds: Double($0)).compact } ?? "-"),
            ]
            if showSLA { row.append(.init(text: line.sla.map { Self.percent($0.target) } ?? "-")) }
            if showIncident {
                let text = line.incident.map { "#\($0.id) s\($0.step)" + ($0.acknowledgedBy == nil ? "" : " ack") } ?? "-"
                row.append(.init(text: text))
            }
            row.append(.init(text: line.reason.printable))
            table.rows.append(row)
        }
        out.append(table.render(width: terminal.width))
        var summary = summaryLine(answer.summary, count: answer.integrations.count, terminal: terminal)
        let silenced = answer.integrations.filter(\.silenced).count
        if silenced > 0 { summary += "; * \(silenced) silenced (baton silence list)" }
        out.append(summary)
        return out.joined(separator: "\n")
    }

    static func summaryLine(_ summary: StateSummary, count: Int, terminal: Terminal) -> String {
        let parts: [(Int, String)] = [
            (summary.healthy, "healthy"), (summary.degraded, "degraded"), (summary.stale, "stale"),
            (summary.down, "down"), (summary.blocked, "blocked"), (summary.unknown, "unknown"),
        ]
        let counted = parts.filter { $0.0 > 0 }.map { "\($0.0) \(terminal.state($0.1))" }
        return "\(count) integration\(count == 1 ? "" : "s"): " + counted.joined(separator: ", ")
    }

    static func percent(_ value: Double) -> String {
        value.rounded() == value ? "\(Int(value))%" : "\(value)%"
    }
}
