import Foundation
import Testing

/// What `baton` and `batond` promise without a running daemon: exit codes and one-line errors.
struct CLIContractTests {
    /// With no daemon, `baton status` exits 3 with one line naming the socket; `baton show` exits 1.
    @Test func noDaemonIsExitThreeAndNamesTheSocket() async throws {
        let socket = NSTemporaryDirectory() + "baton-none-\(UUID().uuidString.prefix(8)).sock"
        let status = try await Run.command(Binaries.baton, ["status", "--socket", socket])
        #expect(status.status == 3)
        #expect(status.stderr.contains(socket))
        #expect(status.stderr.split(separator: "\n").count == 1)
        #expect(try await Run.command(Binaries.baton, ["check", "x", "--socket", socket]).status == 3)
        #expect(try await Run.command(Binaries.baton, ["show", "x", "--socket", socket]).status == 1)
    }

    /// Usage errors exit 64.
    @Test(arguments: [["status", "--state", "sideways"], ["no-such-command"], ["show"], ["status", "--bogus"]])
    func usageErrorsExit64(arguments: [String]) async throws {
        #expect(try await Run.command(Binaries.baton, arguments).status == 64)
    }

    /// A broken config is reported with file, line and column by both `baton config check` and
    /// `batond --check-config`, every error at once, exit 1; a good one exits 0.
    @Test func configCheckReportsEveryError() async throws {
        let folder = NSTemporaryDirectory() + "baton-cfg-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let bad = folder + "/bad.yaml"
        try """
        defaults:
          interval: soon
          failure_treshold: 3
        teams:
          marketing-ops: { name: Marketing Operations, channels: [] }
        integrations:
          - id: Lead_Sync
            name: Lead sync
            owner: nobody
            check: { url: "http://127.0.0.1:1/x" }
        """.write(toFile: bad, atomically: true, encoding: .utf8)
        for command in [(Binaries.baton, ["config", "check", bad]), (Binaries.batond, ["--check-config", "--config", bad])] {
            let result = try await Run.command(command.0, command.1)
            #expect(result.status == 1)
            #expect(result.stderr.contains("\(bad):2:"))
            #expect(result.stderr.contains("\(bad):3:"))
            #expect(result.stderr.contains("failure_threshold"))
            #expect(result.stderr.contains("\(bad):7:"))
            #expect(result.stderr.contains("\(bad):9:"))
        }
        let good = folder + "/good.yaml"
        try """
        teams:
          marketing-ops: { name: Marketing Operations, channels: [] }
        integrations:
          - { id: lead-sync, name: Lead sync, owner: marketing-ops, check: { url: "http://127.0.0.1:1/x" } }
        """.write(toFile: good, atomically: true, encoding: .utf8)
        #expect(try await Run.command(Binaries.baton, ["config", "check", good]).status == 0)
        #expect(try await Run.command(Binaries.batond, ["--check-config", "--config", good]).status == 0)
    }
}
