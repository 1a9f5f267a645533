import BatonAPI
import BatonSim
import Foundation
import Logging
import TestSupport
import Testing

/// The recipes of config/recipes/, as a user copies them: each passes `baton config check` with
/// its secrets provided, and a real batond running it against the simulator (its vendor hosts
/// rewritten to loopback, paths kept) sees the integration healthy, then stale once the
/// simulated data is old. The SFTP recipe runs against a real sshd.
@Suite("Recipes")
struct RecipeTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let recipesFolder = repository + "/config/recipes"

    /// How the simulator makes a recipe's data old.
    enum Ageing: Sendable {
        /// The vendor API reports its freshness from this simulator endpoint (`salesforce`, …).
        case endpoint(String)
        /// An object in a simulated S3 bucket.
        case object(bucket: String, key: String)
    }

    /// One recipe and what it needs to run.
    struct Recipe: Sendable, CustomTestStringConvertible {
        var file: String
        /// The integration the recipe defines.
        var id: String
        var environment: [String: String] = [:]
        /// systemd credentials: file name → content, in `$CREDENTIALS_DIRECTORY`.
        var credentials: [String: String] = [:]
        var ageing: Ageing
        /// How old the data gets to be stale under the recipe's `error_after`.
        var staleAge: String

        var testDescription: String { file }
    }

    static let clientID = AuthSettings.defaultClientID
    static let clientSecret = AuthSettings.defaultClientSecret
    static let apiKey = AuthSettings.defaultAPIKey
    static let exportsBucket = "acme-marketing-exports"
    static let exportsKey = "crm/leads_{date}.csv"

    /// Every recipe that runs against the simulator (the SFTP one has its own test).
    static let simulated: [Recipe] = [
        Recipe(file: "salesforce.yaml", id: "sfdc-lead-activity", environment: ["SFDC_CLIENT_ID": clientID],
               credentials: ["sfdc_client_secret": clientSecret], ageing: .endpoint("salesforce"), staleAge: "3h"),
        Recipe(file: "marketo.yaml", id: "marketo-activity-export", environment: ["MARKETO_CLIENT_ID": clientID],
               credentials: ["marketo_client_secret": clientSecret], ageing: .endpoint("marketo"), staleAge: "30h"),
        Recipe(file: "hubspot.yaml", id: "hubspot-contact-activity",
               credentials: ["hubspot_private_app_token": apiKey], ageing: .endpoint("hubspot"), staleAge: "2h"),
        Recipe(file: "braze.yaml", id: "braze-onboarding-campaign",
               credentials: ["braze_rest_api_key": apiKey], ageing: .endpoint("braze"), staleAge: "30h"),
        Recipe(file: "segment.yaml", id: "segment-warehouse-sync",
               credentials: ["segment_public_api_token": apiKey], ageing: .endpoint("segment"), staleAge: "4h"),
        Recipe(file: "ga4-bigquery.yaml", id: "ga4-bigquery-daily-export", ageing: .endpoint("bigquery"), staleAge: "30h"),
        Recipe(file: "klaviyo.yaml", id: "klaviyo-placed-orders",
               credentials: ["klaviyo_private_api_key": apiKey], ageing: .endpoint("klaviyo"), staleAge: "3h"),
        Recipe(file: "shopify.yaml", id: "shopify-orders",
               credentials: ["shopify_admin_api_token": apiKey], ageing: .endpoint("shopify"), staleAge: "5h"),
        Recipe(file: "meta-capi.yaml", id: "meta-pixel-events", environment: ["META_PIXEL_ID": "1234567890"],
               credentials: ["meta_capi_access_token": apiKey], ageing: .endpoint("meta"), staleAge: "3h"),
        Recipe(file: "s3-export.yaml", id: "crm-leads-s3-export", environment: ["EXPORTS_AWS_ACCESS_KEY_ID": "AKIDBATONSIM"],
               credentials: ["exports_aws_secret_access_key": "canary-s3-secret"],
               ageing: .object(bucket: exportsBucket, key: exportsKey), staleAge: "26h"),
    ]

    static let sftp = Recipe(file: "sftp-export.yaml", id: "partner-leads-sftp", ageing: .endpoint("-"), staleAge: "26h")

    static var all: [Recipe] { simulated + [sftp] }

    // MARK: Tests

    /// Every file in config/recipes/ is one of the recipes these tests run: a new recipe needs a test.
    @Test func everyRecipeIsTested() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.recipesFolder).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(files == Self.all.map(\.file).sorted())
    }

    /// `baton config check` accepts the recipe as published, given its environment variables,
    /// credentials and the files it names under /etc/baton (rebased into a temporary folder).
    @Test(arguments: RecipeTests.all)
    func configCheckAccepts(_ recipe: Recipe) async throws {
        let setup = try RecipeSetup(recipe)
        defer { setup.remove() }
        try setup.writeKeyFilesForCheck()
        let path = try setup.writeConfig(setup.rebased(try Self.text(of: recipe)), name: recipe.file)

        let result = try await Run.command(Binaries.baton, ["config", "check", path], environment: setup.environment)

        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        for secret in recipe.credentials.values {
            #expect(!result.stdout.contains(secret) && !result.stderr.contains(secret))
        }
    }

    /// Run by a real batond against the simulator, the recipe's integration becomes healthy, then
    /// stale when the simulated data is older than its `error_after`.
    @Test(.serialized, arguments: RecipeTests.simulated)
    func runsAgainstTheSimulator(_ recipe: Recipe) async throws {
        let setup = try RecipeSetup(recipe)
        defer { setup.remove() }
        var logger = Logger(label: "baton-sim-recipes")
        logger.logLevel = .warning
        let simulator = Simulator(
            buckets: [Self.exportsBucket: [S3Object(key: Self.exportsKey, ageSeconds: 2 * 3600, size: 12 * 1024)]],
            logger: logger
        )
        let port = try await simulator.start()
        let base = "http://127.0.0.1:\(port)"
        do {
            if recipe.file == "ga4-bigquery.yaml" {
                let key = try ServiceAccountKeyPair.generate()
                try setup.writeServiceAccountKey(key, tokenURI: base + "/token")
                simulator.trust(key)
            }
            let config = setup.rebased(Self.pointedAt(try Self.text(of: recipe), base: base))
            try await Self.withDaemon(config, environment: setup.environment) { daemon in
                try await Self.expect(daemon, recipe.id, toBe: "healthy", within: .seconds(20))
                Self.age(recipe, simulator)
                try await Self.expect(daemon, recipe.id, toBe: "stale", within: .seconds(15))
                try await Self.expectNoSecrets(recipe, daemon)
            }
        } catch {
            await simulator.stop()
            throw error
        }
        await simulator.stop()
    }

    /// The S3 recipe judges the newest object that matches its glob: an empty export is a failed
    /// probe (`min_size`), and a missing one is down, each with a reason.
    @Test func s3RecipeRejectsEmptyAndMissingExports() async throws {
        let recipe = try #require(Self.simulated.first { $0.file == "s3-export.yaml" })
        let setup = try RecipeSetup(recipe)
        defer { setup.remove() }
        var logger = Logger(label: "baton-sim-recipes")
        logger.logLevel = .warning
        let simulator = Simulator(
            buckets: [Self.exportsBucket: [S3Object(key: Self.exportsKey, ageSeconds: 2 * 3600, size: 12 * 1024)]],
            logger: logger
        )
        let port = try await simulator.start()
        do {
            let config = setup.rebased(Self.pointedAt(try Self.text(of: recipe), base: "http://127.0.0.1:\(port)"))
            try await Self.withDaemon(config, environment: setup.environment) { daemon in
                try await Self.expect(daemon, recipe.id, toBe: "healthy", within: .seconds(20))

                // A newer, empty export: the newest match is judged, and it is too small.
                simulator.updateObject(in: Self.exportsBucket, key: "crm/leads_99991231.csv", S3ObjectPatch(ageSeconds: 60, size: 0))
                try await Self.expect(daemon, recipe.id, toBe: "down", within: .seconds(15))
                let emptyReason = try await Self.reason(recipe.id, daemon)

                // No export at all: still down, for another reason.
                simulator.setBucket(Self.exportsBucket, [])
                let changed = try await Run.until(timeout: .seconds(10)) { try await Self.reason(recipe.id, daemon) != emptyReason }
                let afterRemoval = try await Self.describe(recipe.id, daemon)
                #expect(changed, "\(afterRemoval)")
                #expect(try await daemon.state(of: recipe.id) == "down")

                let requests = simulator.s3Requests
                #expect(!requests.isEmpty)
                #expect(requests.allSatisfy { $0.accessKeyID == "AKIDBATONSIM" && $0.region == "eu-west-1" && $0.contentSHA256 != nil })
                #expect(requests.contains { request in
                    request.query.map { $0.contains("list-type=2") && ($0.contains("prefix=crm%2Fleads_") || $0.contains("prefix=crm/leads_")) } ?? false
                }, "\(requests.map { "\($0.method) \($0.path)?\($0.query ?? "")" })")
            }
        } catch {
            await simulator.stop()
            throw error
        }
        await simulator.stop()
    }

    /// The SFTP recipe against a real sshd (its own host key, known_hosts and client key): the newest
    /// `leads_*.csv` is judged, healthy while fresh and whole, stale when it is over a day old.
    @Test func sftpRecipeAgainstSSHD() async throws {
        let recipe = Self.sftp
        let server = try await SFTPServer()
        defer { server.stop() }
        let setup = try RecipeSetup(recipe)
        defer { setup.remove() }
        try setup.install(server.clientKeyFile, as: "keys/partner_sftp_ed25519", mode: 0o600)
        try setup.install(server.knownHostsFile, as: "known_hosts", mode: 0o644)
        let now = Date()
        try server.putFile("exports/leads_20261130.csv", contents: Array(repeating: 0x41, count: 4096), modified: now.addingTimeInterval(-50 * 3600))
        try server.putFile("exports/leads_20261201.csv", contents: Array(repeating: 0x41, count: 4096), modified: now.addingTimeInterval(-2 * 3600))
        try server.putFile("exports/readme.txt", contents: Array("not an export".utf8), modified: now)

        let config = setup.rebased(Self.pointedAtSFTP(try Self.text(of: recipe), server: server))
        try await Self.withDaemon(config, environment: setup.environment) { daemon in
            try await Self.expect(daemon, recipe.id, toBe: "healthy", within: .seconds(30), context: server.logTail())

            try server.putFile("exports/leads_20261201.csv", contents: Array(repeating: 0x41, count: 4096), modified: now.addingTimeInterval(-26 * 3600))
            try await Self.expect(daemon, recipe.id, toBe: "stale", within: .seconds(20))
            let reason = try await Self.reason(recipe.id, daemon)
            #expect(reason.contains("leads_20261201.csv"), "\(reason)")
        }
    }

    // MARK: Rewriting

    static func text(of recipe: Recipe) throws -> String {
        try String(contentsOfFile: recipesFolder + "/" + recipe.file, encoding: .utf8)
    }

    /// The recipe pointed at the simulator: `https://vendor-host` in `url:` and `token_url:` becomes
    /// the simulator's base (paths and queries kept), the commented S3 `endpoint:` line becomes the
    /// simulator's `/_s3`, and every interval becomes 1 s.
    static func pointedAt(_ text: String, base: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let trimmed = line.drop { $0 == " " }
            let indent = String(line.prefix { $0 == " " })
            if trimmed.hasPrefix("url:") || trimmed.hasPrefix("token_url:") {
                return replacingHost(String(line), scheme: "https://", with: base)
            }
            if trimmed.hasPrefix("# endpoint:") {
                return indent + "endpoint: \"\(base)/_s3\""
            }
            if trimmed.hasPrefix("interval:") {
                return indent + "interval: 1s"
            }
            return String(line)
        }.joined(separator: "\n")
    }

    /// The SFTP recipe pointed at the test's sshd: its host becomes `127.0.0.1:port` with the served
    /// folder before the path, and the login becomes the user sshd lets in.
    static func pointedAtSFTP(_ text: String, server: SFTPServer) -> String {
        pointedAt(text, base: "http://unused")
            .replacingOccurrences(of: "sftp://files.partner.example/", with: "sftp://127.0.0.1:\(server.port)\(server.root.path)/")
            .replacingOccurrences(of: "username: baton", with: "username: \(server.username)")
    }

    /// `line` with the host of its first `scheme` URL replaced by `base` (scheme, host and port).
    static func replacingHost(_ line: String, scheme: String, with base: String) -> String {
        guard let start = line.range(of: scheme) else { return line }
        let hostEnd = line[start.upperBound...].firstIndex { $0 == "/" || $0 == "\"" || $0 == " " || $0 == "?" } ?? line.endIndex
        return String(line[..<start.lowerBound]) + base + String(line[hostEnd...])
    }

    /// Makes the recipe's data older than its `error_after`.
    static func age(_ recipe: Recipe, _ simulator: Simulator) {
        let seconds = (Double(recipe.staleAge.dropLast()) ?? 0) * 3600
        switch recipe.ageing {
        case .endpoint(let name):
            simulator.update(name, EndpointPatch(lastSyncAgeSeconds: .some(seconds)))
        case .object(let bucket, let key):
            simulator.updateObject(in: bucket, key: key, S3ObjectPatch(ageSeconds: seconds))
        }
    }

    /// Runs `body` against a started batond (the daemon stops first, before any server it talks to).
    static func withDaemon(_ config: String, environment: [String: String], _ body: (DaemonHarness) async throws -> Void) async throws {
        let daemon = try DaemonHarness(config: config)
        daemon.environment = environment
        try await daemon.start()
        do {
            try await body(daemon)
        } catch {
            await daemon.stop()
            throw error
        }
        await daemon.stop()
    }

    /// Waits for `id` to reach `state`; records an issue with the daemon's view and log when it does not.
    static func expect(
        _ daemon: DaemonHarness, _ id: String, toBe state: String, within timeout: Duration, context: String = "",
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        if try await daemon.waitFor(id, toBe: state, timeout: timeout) { return }
        let detail = try await describe(id, daemon)
        Issue.record("\(id) did not become \(state) within \(timeout): \(detail)\n\(context)", sourceLocation: sourceLocation)
    }

    static func reason(_ id: String, _ daemon: DaemonHarness) async throws -> String {
        try await daemon.status().integrations.first { $0.id == id }?.reason ?? ""
    }

    static func describe(_ id: String, _ daemon: DaemonHarness) async throws -> String {
        let entry = try? await daemon.status().integrations.first { $0.id == id }
        return "\(id): \(entry?.state ?? "absent") (\(entry?.reason ?? "-"))\n\(daemon.log.suffix(4000))"
    }

    /// The credentials the recipe was given appear in no CLI output and no daemon log line.
    static func expectNoSecrets(_ recipe: Recipe, _ daemon: DaemonHarness) async throws {
        let outputs = [try await daemon.baton(["status", "--json"]), try await daemon.baton(["show", recipe.id])]
        for secret in recipe.credentials.values where secret.count >= 8 {
            for output in outputs {
                #expect(!output.stdout.contains(secret), "\(recipe.file): a secret in the CLI output")
            }
            #expect(!daemon.log.contains(secret), "\(recipe.file): a secret in the daemon log")
        }
    }
}

/// A temporary stand-in for /etc/baton and $CREDENTIALS_DIRECTORY for one recipe.
struct RecipeSetup {
    let recipe: RecipeTests.Recipe
    let folder: URL
    /// Where `/etc/baton/…` paths in the recipe point instead.
    var etc: String { folder.appendingPathComponent("etc/baton").path }
    var credentials: String { folder.appendingPathComponent("credentials").path }

    init(_ recipe: RecipeTests.Recipe) throws {
        self.recipe = recipe
        folder = try ChildProcess.temporaryDirectory("baton-recipe")
        for path in [etc + "/keys", credentials] {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
        for (name, value) in recipe.credentials {
            try write(value, to: credentials + "/" + name, mode: 0o600)
        }
    }

    /// The recipe's environment variables plus `CREDENTIALS_DIRECTORY`.
    var environment: [String: String] {
        recipe.environment.merging(["CREDENTIALS_DIRECTORY": credentials]) { $1 }
    }

    /// `text` with every `/etc/baton/` path moved into this setup's folder.
    func rebased(_ text: String) -> String {
        text.replacingOccurrences(of: "/etc/baton/", with: etc + "/")
    }

    func writeConfig(_ text: String, name: String) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try write(text, to: path, mode: 0o644)
        return path
    }

    /// Key files as the user would install them, for `baton config check`: a service-account key
    /// and an SSH key with a known_hosts line.
    func writeKeyFilesForCheck() throws {
        try writeServiceAccountKey(try ServiceAccountKeyPair.generate(), tokenURI: "https://oauth2.googleapis.com/token")
        let sshKey = etc + "/keys/partner_sftp_ed25519"
        _ = try ChildProcess.run("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "baton-recipe", "-f", sshKey])
        let publicKey = try SFTPServer.publicKeyLine(sshKey + ".pub")
        try write("files.partner.example \(publicKey)\n", to: etc + "/known_hosts", mode: 0o644)
    }

    func writeServiceAccountKey(_ key: ServiceAccountKeyPair, tokenURI: String) throws {
        let path = etc + "/keys/ga4-bigquery-sa.json"
        try? FileManager.default.removeItem(atPath: path)
        try key.writeKeyFile(to: path, tokenURI: tokenURI)
    }

    /// Copies `source` to `relativePath` under the stand-in /etc/baton.
    func install(_ source: String, as relativePath: String, mode: Int) throws {
        let contents = try String(contentsOfFile: source, encoding: .utf8)
        try write(contents, to: etc + "/" + relativePath, mode: mode)
    }

    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }

    private func write(_ text: String, to path: String, mode: Int) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: mode]) else {
            throw ChildProcess.Failure("cannot write \(path)")
        }
    }
}
