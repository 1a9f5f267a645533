import ArgumentParser

/// `baton`: what is broken, since when, and whose is it.
@main
struct Baton: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baton",
        abstract: "Ask batond what is broken, since when, and whose it is.",
        discussion: """
            Talks to the daemon over its control socket: --socket, else $BATON_SOCKET, else /run/baton/baton.sock \
            when it exists, else ./.baton/baton.sock.
            Exit codes of status and check: 0 all healthy, 1 something degraded, 2 something stale, down or blocked, \
            3 unknown or the daemon unreachable, 64 usage error. Other commands: 0 success, 1 failure, 64 usage error.
            """,
        subcommands: [
            StatusCommand.self, ShowCommand.self, IncidentsCommand.self, AckCommand.self, SilenceCommand.self, ReportCommand.self,
            CheckCommand.self, NotifyCommand.self, ReloadCommand.self, ConfigCommand.self,
        ]
    )
}
