import BatonAPI
import BatonSim
import Foundation
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The state database on a disk that fills up and frees again: nothing recorded in between is lost.
struct StorageFailureTests {
    static let ids = ["crm-leads", "ads-audience", "consent-sync", "web-export"]

    static func config(_ scenario: Scenario, httpPort: Int) -> String {
        let integrations = ids.map { id in
            """
              - id: \(id)
                name: \(id)
                owner: marketing-ops
                check: { url: "\(scenario.url(id))" }
            """
        }.joined(separator: "\n")
        return """
        daemon: { http: 127.0.0.1:\(httpPort) }
        defaults: { interval: 1s, timeout: 2s, failure_threshold: 1, success_threshold: 1, escalation: hook }
        teams:
          marketing-ops: { name: Marketing Operations, channels: [] }
        channels:
          hook: { type: webhook, url: "http://127.0.0.1:\(scenario.port)/_sim/notices/hook", secret: "\(DeliveryTests.secret)", group_wait: 0s }
        escalation_policies:
          hook: { steps: [ { after: 0s, notify: [channel:hook] } ] }
        integrations:
        \(integrations)
        """
    }

    /// With the state directory on a tmpfs that fills up while integrations go down and recover:
    /// `/healthz` answers 503 naming the failure, the log says so once (not once per probe), a notice
    /// delivered while its delivery cannot be recorded is not sent again, and once space returns every
    /// transition the daemon logged is stored and every notice is stored and delivered exactly once.
    @Test func aFullDiskLosesNothing() async throws {
        try #require(getuid() == 0, "mounting a tmpfs needs root")
        let disk = try Tmpfs(megabytes: 16)
        defer { disk.unmount() }
        let httpPort = LoopbackPort.closed()
        try await Scenario.with(Dictionary(uniqueKeysWithValues: Self.ids.map { ($0, EndpointBehaviour()) })) { scenario in
            // The receiver refuses at first, so the first notice is stored and waits for a retry.
            scenario.simulator.setReceiver("hook", ReceiverBehaviour(failures: 100_000, failureStatus: 503, retryAfter: "1"))
            let daemon = try DaemonHarness(config: Self.config(scenario, httpPort: httpPort))
            daemon.stateDirectory = disk.path + "/state"
            try await daemon.start()
            defer { daemon.kill() }
            for id in Self.ids { #expect(try await daemon.waitFor(id, toBe: "healthy")) }

            // Incident #1 opens and its notice is stored (the receiver keeps refusing it).
            scenario.simulator.set("crm-leads", DeliveryTests.failing)
            let opened = try await Run.until(timeout: .seconds(15)) { try await DeliveryTests.incident(daemon) != nil }
            #expect(opened, "\(daemon.log)")

            // The disk fills: the next writes fail.
            disk.fill()
            scenario.simulator.set("ads-audience", DeliveryTests.failing)
            let unhealthy = await Run.until(timeout: .seconds(30)) { await Self.health(httpPort).status == 503 }
            #expect(unhealthy, "\(daemon.log)")
            #expect(await Self.health(httpPort).body.contains("storage failing"))

            // The receiver comes back: #1's notice is delivered, but that cannot be recorded. It must not go again.
            scenario.simulator.setReceiver("hook", ReceiverBehaviour())
            let delivered = await Run.until(timeout: .seconds(15)) { !scenario.simulator.notices("hook").filter { $0.answeredStatus == 200 }.isEmpty }
            #expect(delivered)
            // More state changes while the disk is full: recoveries, new breaches.
            scenario.simulator.set("crm-leads", EndpointBehaviour())
            scenario.simulator.set("consent-sync", DeliveryTests.failing)
            for id in ["crm-leads", "consent-sync"] {
                #expect(try await daemon.waitFor(id, toBe: id == "crm-leads" ? "healthy" : "down"))
            }
            scenario.simulator.set("web-export", DeliveryTests.failing)
            #expect(try await daemon.waitFor("web-export", toBe: "down"))
            scenario.simulator.set("web-export", EndpointBehaviour())
            #expect(try await daemon.waitFor("web-export", toBe: "healthy"))
            #expect(await Self.health(httpPort).status == 503, "still failing while the disk is full")
            // Several seconds of the deliverer's polling later, the first notice went out once only.
            #expect(Self.deliveredKeys(scenario).values.allSatisfy { $0 == 1 }, "\(Self.deliveredKeys(scenario))")

            // Space returns: everything is stored, then delivered.
            disk.free()
            let recovered = await Run.until(timeout: .seconds(30)) { await Self.health(httpPort).status == 200 }
            #expect(recovered, "\(daemon.log)")

            let log = daemon.log
            for id in Self.ids {
                let detail = try await Self.detail(daemon, id)
                let stored = detail.transitions.reversed().map { "\($0.from)→\($0.to)" }
                #expect(stored == Self.loggedTransitions(of: id, in: log), "\(id)")
            }
            let incidents = try await Self.incidents(daemon)
            #expect(incidents.count == 4, "crm-leads, ads-audience, consent-sync and web-export each opened one")
            let allDelivered = try await Run.until(timeout: .seconds(30)) {
                try await Self.incidents(daemon).allSatisfy { $0.notices.allSatisfy { $0.status == "delivered" } }
            }
            #expect(allDelivered)
            let storedKeys = Set(try await Self.incidents(daemon).flatMap { $0.notices.map(\.key) })
            let received = Self.deliveredKeys(scenario)
            #expect(Set(received.keys) == storedKeys)
            #expect(received.values.allSatisfy { $0 == 1 }, "no notice delivered twice: \(received)")
            // Said once when it began, and once when it ended: not once per probe.
            #expect(log.components(separatedBy: "storage is failing").count - 1 == 1, "\(log)")
            #expect(log.components(separatedBy: "storage still failing").count - 1 <= 1)
            #expect(log.contains("storage recovered"))
        }
    }

    /// A file that is not a SQLite database, or a SQLite database of another program, stops the
    /// daemon at start with one clear line and exit code 1; the file is left byte for byte.
    @Test(arguments: ["garbage", "foreign"])
    func aCorruptOrForeignDatabaseIsRefused(_ kind: String) async throws {
        let daemon = try DaemonHarness(config: "integrations: []\n")
        try FileManager.default.createDirectory(atPath: daemon.stateDirectory, withIntermediateDirectories: true)
        let database = daemon.stateDirectory + "/baton.db"
        if kind == "garbage" {
            try Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 31) }).write(to: URL(fileURLWithPath: database))
        } else {
            let made = try await Run.command("/usr/bin/python3", ["-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('create table crm_leads(id integer)'); c.commit()", database])
            #expect(made.status == 0, "\(made.stderr)")
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: database))
        let result = try await Run.command(Binaries.batond, [
            "--config", daemon.configPath, "--state-dir", daemon.stateDirectory, "--socket", daemon.socketPath,
        ])
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(result.stderr)")
        #expect(result.stderr.contains(database) && result.stderr.contains("untouched"), "\(result.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: database)) == before)
        #expect(!FileManager.default.fileExists(atPath: database + "-wal"))
    }

    /// `/healthz`'s status code and body, through curl.
    static func health(_ port: Int) async -> (status: Int, body: String) {
        guard let result = try? await Run.command("/usr/bin/curl", ["-sS", "-m", "5", "-w", "\n%{http_code}", "http://127.0.0.1:\(port)/healthz"]),
              let last = result.stdout.split(separator: "\n").last, let status = Int(last) else { return (0, "") }
        return (status, String(result.stdout.dropLast(last.count + 1)))
    }

    static func detail(_ daemon: DaemonHarness, _ id: String) async throws -> IntegrationDetail {
        let result = try await daemon.baton(["show", id, "--json"])
        return try WireFormat.decoder().decode(IntegrationDetail.self, from: Data(result.stdout.utf8))
    }

    static func incidents(_ daemon: DaemonHarness) async throws -> [IncidentSummary] {
        let result = try await daemon.baton(["incidents", "--all", "--json"])
        return try WireFormat.decoder().decode(IncidentsResponse.self, from: Data(result.stdout.utf8)).incidents
    }

    /// `from→to` for each transition of `id` the daemon logged, oldest first.
    static func loggedTransitions(of id: String, in log: String) -> [String] {
        log.split(separator: "\n").compactMap { line -> String? in
            guard let range = line.range(of: " \(id): ") else { return nil }
            let words = line[range.upperBound...].split(separator: " ")
            guard words.count >= 3, words[1] == "→" else { return nil }
            return "\(words[0])→\(words[2].trimmingCharacters(in: CharacterSet(charactersIn: ":")))"
        }
    }

    /// How many times each `webhook-id` was answered 200.
    static func deliveredKeys(_ scenario: Scenario) -> [String: Int] {
        var counts: [String: Int] = [:]
        for notice in scenario.simulator.notices("hook") where notice.answeredStatus == 200 {
            counts[notice.headers["webhook-id"] ?? "", default: 0] += 1
        }
        return counts
    }
}

/// A small tmpfs the test can fill and free: the kernel's own "disk full".
final class Tmpfs {
    let path: String
    private var filler: String { path + "/filler" }

    init(megabytes: Int) throws {
        path = NSTemporaryDirectory() + "baton-tmpfs-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let mounted = try SpawnCommand("/bin/mount", ["-t", "tmpfs", "-o", "size=\(megabytes)m", "tmpfs", path]).run()
        guard mounted == .exited(0) else { throw TmpfsError.mountFailed(path) }
    }

    /// Writes zeros until the file system is full.
    func fill() {
        let fd = open(filler, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { return }
        defer { close(fd) }
        let chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var size = chunk.count
        while size > 0 {
            let written = chunk.withUnsafeBytes { write(fd, $0.baseAddress, size) }
            if written < 0 { break }
            if written < size { size = 512 }
        }
    }

    func free() {
        unlink(filler)
    }

    func unmount() {
        _ = try? SpawnCommand("/bin/umount", ["-l", path]).run()
        try? FileManager.default.removeItem(atPath: path)
    }

    enum TmpfsError: Error {
        case mountFailed(String)
    }
}
