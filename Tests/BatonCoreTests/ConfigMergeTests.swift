import BatonCore
import Foundation
import Testing

@Suite("Config files and conf.d merging")
struct ConfigMergeTests {
    static let base = """
        daemon:
          max_concurrency: 64
          retention: 30d
        defaults:
          interval: 60s
          timeout: 10s
        teams:
          crm: { name: CRM team }
        integrations:
          - id: sfdc-api
            name: Salesforce API
            owner: crm
            check: { url: https://sfdc.example.com/health }
        """

    /// A folder is its *.yaml/*.yml files by name, then conf.d/*.yaml by name; other and hidden files are skipped.
    @Test func folderListsFilesInMergeOrder() throws {
        let scratch = try ConfigScratchFolder()
        try scratch.write("b.yml", "")
        try scratch.write("a.yaml", "")
        try scratch.write("notes.txt", "")
        try scratch.write(".#a.yaml", "")
        try scratch.write("conf.d/20-ads.yaml", "")
        try scratch.write("conf.d/10-crm.yaml", "")
        try scratch.write("conf.d/30-old.yml", "")
        try scratch.write("conf.d/nested/x.yaml", "")
        let files = try ConfigLoader(environment: [:]).sourceFiles(explicit: scratch.path)
        #expect(files == ["a.yaml", "b.yml", "conf.d/10-crm.yaml", "conf.d/20-ads.yaml"].map { scratch.path + "/" + $0 })
    }

    /// `--config` wins over $BATON_CONFIG, which wins over the system folder's baton.yaml + conf.d.
    @Test func explicitPathThenEnvironmentThenSystemFolder() throws {
        let scratch = try ConfigScratchFolder()
        let explicit = try scratch.write("explicit.yaml", "")
        let fromEnvironment = try scratch.write("env.yaml", "")
        let main = try scratch.write("etc/baton.yaml", "")
        let dropIn = try scratch.write("etc/conf.d/10-more.yaml", "")
        let system = scratch.path + "/etc"
        let withEnvironment = ConfigLoader(environment: ["BATON_CONFIG": fromEnvironment], systemFolder: system)
        #expect(try withEnvironment.sourceFiles(explicit: explicit) == [explicit])
        #expect(try withEnvironment.sourceFiles(explicit: nil) == [fromEnvironment])
        #expect(try ConfigLoader(environment: [:], systemFolder: system).sourceFiles(explicit: nil) == [main, dropIn])
    }

    /// A missing file, a missing system config, and a folder without YAML are errors naming the path.
    @Test func missingFilesAreErrorsNamingThePath() throws {
        let scratch = try ConfigScratchFolder()
        let missing = scratch.path + "/nope.yaml"
        let loader = ConfigLoader(environment: [:], systemFolder: scratch.path)
        #expect(throws: ConfigErrors([ConfigError("no such file or folder", file: missing)])) {
            try loader.sourceFiles(explicit: missing)
        }
        #expect(throws: ConfigErrors([ConfigError(
            "no such file (use --config PATH or $BATON_CONFIG to read another)", file: scratch.path + "/baton.yaml"
        )])) {
            try loader.sourceFiles(explicit: nil)
        }
        #expect(throws: ConfigErrors([ConfigError("no *.yaml or *.yml files in this folder", file: scratch.path)])) {
            try loader.sourceFiles(explicit: scratch.path)
        }
        let errors = try #require(throws: ConfigErrors.self) { try loader.load(files: [missing]) }
        #expect(errors.description == "\(missing): cannot read config: no such file")
    }

    /// conf.d overrides daemon/defaults key by key, adds teams and integrations, and a
    /// defaults change there reaches the integrations of baton.yaml.
    @Test func confDOverridesAndExtends() throws {
        let scratch = try ConfigScratchFolder()
        let main = try scratch.write("baton.yaml", Self.base)
        let ads = try scratch.write("conf.d/10-ads.yaml", """
            daemon: { max_concurrency: 8 }
            defaults: { interval: 5m, failure_threshold: 5 }
            teams:
              ads: { name: Paid media }
            integrations:
              - id: google-ads-upload
                name: Offline conversions upload
                owner: ads
                depends_on: [sfdc-api]
                check: { url: https://ads.example.com/status, interval: 15m }
            """)
        let empty = try scratch.write("conf.d/20-empty.yaml", "")
        let config = try ConfigLoader(environment: [:]).load(explicit: scratch.path)
        #expect(config.files == [main, ads, empty])
        #expect(config.daemon.maxConcurrency == 8)
        #expect(config.daemon.retention == .seconds(30 * 86_400))
        #expect(config.defaults.interval == .seconds(300) && config.defaults.timeout == .seconds(10))
        #expect(config.teams.map(\.id) == ["crm", "ads"])
        #expect(config.integrations.map(\.id) == ["sfdc-api", "google-ads-upload"])
        #expect(config.integration("sfdc-api")?.check?.interval == .seconds(300))
        #expect(config.integration("sfdc-api")?.failureThreshold == 5)
        #expect(config.integration("google-ads-upload")?.check?.interval == .seconds(900))
    }

    /// An id defined in two files is an error at the second, naming the first.
    @Test func duplicateIDsAcrossFilesNameBothPlaces() throws {
        let scratch = try ConfigScratchFolder()
        let main = try scratch.write("baton.yaml", Self.base)
        let extra = try scratch.write("conf.d/10-crm.yaml", """
            teams:
              crm: { name: CRM again }
            integrations:
              - id: sfdc-api
                name: Salesforce API again
                owner: crm
                heartbeat: { token: sfdc, period: 1h }
            """)
        let errors = try #require(throws: ConfigErrors.self) { try ConfigLoader(environment: [:]).load(files: [main, extra]) }
        #expect(errors.errors.map(\.description) == [
            "\(extra):2:3: team `crm` is already defined at \(main):8:3",
            "\(extra):4:9: id: integration `sfdc-api` is already defined at \(main):10:9",
        ])
    }

    /// References are checked after merging: conf.d may use a team baton.yaml defines, and
    /// errors from several files come sorted in merge order.
    @Test func crossFileReferencesAndErrorOrder() throws {
        let scratch = try ConfigScratchFolder()
        let main = try scratch.write("baton.yaml", Self.base + "\n    escalation: paging\n")
        let extra = try scratch.write("conf.d/10-x.yaml", """
            integrations:
              - { id: uses-crm, name: Uses CRM, owner: crm, heartbeat: { token: x, period: 1h } }
              - { id: bad-owner, name: Bad owner, owner: sales, heartbeat: { token: y, period: 1h } }
            """)
        let errors = try #require(throws: ConfigErrors.self) { try ConfigLoader(environment: [:]).load(files: [main, extra]) }
        #expect(errors.errors.map(\.description) == [
            "\(main):14:17: escalation: `paging` is not a defined escalation policy",
            "\(extra):3:46: owner: `sales` is not a defined team",
        ])
    }

    /// When one file cannot be parsed, references into it are not reported as unknown.
    @Test func brokenFileDoesNotCascade() throws {
        let scratch = try ConfigScratchFolder()
        let main = try scratch.write("baton.yaml", "teams:\n  crm: { name: \"CRM }\n")
        let extra = try scratch.write("conf.d/10-x.yaml", """
            integrations:
              - { id: uses-crm, name: Uses CRM, owner: crm, heartbeat: { token: x, period: 1h } }
            """)
        let errors = try #require(throws: ConfigErrors.self) { try ConfigLoader(environment: [:]).load(files: [main, extra]) }
        #expect(errors.errors.count == 1)
        #expect(errors.errors.first?.location?.file == main)
    }
}
