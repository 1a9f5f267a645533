import ArgumentParser
import BatonCore
import BatonDaemon
import Foundation
import Logging

/// Sets up glibc's heap before anything else runs, then hands over to ``Batond``.
///
/// `Batond.run()` already runs on a thread of Swift's pool, which has an arena of its own by
/// then: capping the arenas there left the daemon with two (measured: a second arena holding
/// 29 MB at 10,000 integrations, and 4–5 MB more RSS after a minute than with one).
@main
enum BatondEntry {
    static func main() async {
        // MALLOC_ARENA_MAX or GLIBC_TUNABLES still win (Memory.operatorTunesHeap).
        Memory.limitArenas(to: 1)
        // Before anything large is allocated: freed memory goes back to the system instead of
        // staying with each thread's arena (issue 11: RSS after a 90-day report).
        Memory.boundRetainedHeap()
        await Batond.main()
    }
}

/// `batond`: the Baton daemon.
struct Batond: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batond",
        abstract: "Baton daemon: polls marketing integrations, keeps their state, answers `baton` on a Unix socket."
    )

    @Option(name: .long, help: ArgumentHelp("Config file or folder.", discussion: "Default: $BATON_CONFIG, else /etc/baton/baton.yaml plus /etc/baton/conf.d/*.yaml.", valueName: "path"))
    var config: String?

    @Option(name: .customLong("state-dir"), help: ArgumentHelp("Folder of the state database baton.db (default: $STATE_DIRECTORY, else ./.baton).", valueName: "dir"))
    var stateDir: String?

    @Option(name: .long, help: ArgumentHelp("Control socket path (default: $RUNTIME_DIRECTORY/baton.sock, else ./.baton/baton.sock).", valueName: "path"))
    var socket: String?

    @Flag(name: .customLong("check-config"), help: "Validate the config, print every error, and exit 0 or 1.")
    var checkConfig = false

    @Flag(name: .customLong("migrate-to-postgres"), help: ArgumentHelp(
        "Copy the SQLite state in --state-dir into the PostgreSQL database of storage.postgres, then exit.",
        discussion: "The PostgreSQL database must hold no Baton state yet. Stop batond first."
    ))
    var migrateToPostgres = false

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = "info"

    func validate() throws {
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("unknown log level \"\(logLevel)\"; use trace, debug, info, notice, warning, error or critical")
        }
    }

    func run() async throws {
        // OpenSSL writes on a closed connection can raise SIGPIPE; a daemon must not die of it.
        signal(SIGPIPE, SIG_IGN)
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in LineLogHandler(label: label, level: level) }
        let logger = Logger(label: "batond")
        let environment = ProcessInfo.processInfo.environment

        let loaded: Config
        do {
            loaded = try ConfigLoader(environment: environment).load(explicit: config)
        } catch {
            let count = error.errors.count
            FileHandle.standardError.write(Data("batond: the config has \(count) error\(count == 1 ? "" : "s"):\n\(error.description)\n".utf8))
            throw ExitCode(1)
        }
        // The YAML tree is freed by now, but its pages stay with the thread that parsed it;
        // the daemon's own structures are built on other threads. Return them first.
        Memory.returnFreePagesToSystem()
        if migrateToPostgres {
            let stateDirectory = DaemonPaths.stateDirectory(flag: stateDir, environment: environment)
            do {
                let copied = try await Migration.copySQLiteToPostgres(config: loaded, stateDirectory: stateDirectory, logger: logger)
                print(copied)
            } catch {
                FileHandle.standardError.write(Data("batond: \(error)\n".utf8))
                throw ExitCode(1)
            }
            return
        }
        for warning in loaded.warnings() { logger.warning("config: \(warning.description)") }
        if checkConfig {
            print("config OK: \(loaded.integrations.count) integrations, \(loaded.teams.count) teams, \(loaded.channels.count) channels from \(loaded.files.joined(separator: ", "))")
            return
        }
        let options = DaemonOptions(
            config: loaded,
            configPath: config,
            environment: environment,
            stateDirectory: DaemonPaths.stateDirectory(flag: stateDir, environment: environment),
            socketPath: DaemonPaths.socket(flag: socket, environment: environment)
        )
        do {
            try await Daemon.run(options, logger: logger)
        } catch let error as DaemonError {
            logger.critical("\(error.description)")
            throw ExitCode(1)
        }
    }
}
