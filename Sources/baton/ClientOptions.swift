import ArgumentParser
import Foundation

/// Options every command that talks to the daemon shares.
struct ClientOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Control socket of batond.", valueName: "path"))
    var socket: String?

    @Flag(name: .long, help: "Print the daemon's JSON answer instead of a table.")
    var json = false

    /// `--socket`, else `$BATON_SOCKET`, else `/run/baton/baton.sock` when it exists, else `./.baton/baton.sock`.
    var socketPath: String {
        if let socket { return socket }
        let environment = ProcessInfo.processInfo.environment
        if let fromEnvironment = environment["BATON_SOCKET"], !fromEnvironment.isEmpty { return fromEnvironment }
        if FileManager.default.fileExists(atPath: "/run/baton/baton.sock") { return "/run/baton/baton.sock" }
        return ".baton/baton.sock"
    }
}
