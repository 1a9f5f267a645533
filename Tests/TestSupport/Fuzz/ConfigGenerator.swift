/// Builds Baton configs from the schema: mostly valid, so that mutations land in configs the
/// loader accepts and the daemon would run, with every section and most keys in play.
///
/// Every URL it writes points at 127.0.0.1 (port ``placeholderPort``), and `daemon.http` at
/// loopback too; the end-to-end tests replace the port before a daemon sees the file.
public struct ConfigGenerator {
    public static let placeholderPort = 1

    private var random: SplitMix64
    private var teams: [String] = []
    private var channels: [String] = []
    private var policies: [String] = []
    private var integrations: [String] = []
    private var tags: [String] = ["crm", "ads", "tier1", "consent"]

    public init(random: SplitMix64) {
        self.random = random
    }

    /// A whole config, and the generator state after it.
    public mutating func config() -> YAMLTree {
        teams = (0..<random.int(in: 1...3)).map { "team-\($0)" }
        channels = (0..<random.int(in: 0...3)).map { "ch-\($0)" }
        policies = (0..<random.int(in: 0...2)).map { "pol-\($0)" }
        integrations = (0..<random.int(in: 1...6)).map { "int-\($0)" }
        var sections: [(String, YAMLTree)] = []
        if random.chance(50) { sections.append(("daemon", daemon())) }
        if random.chance(60) { sections.append(("defaults", defaults())) }
        sections.append(("teams", .map(teams.map { ($0, team()) })))
        if !channels.isEmpty { sections.append(("channels", .map(channels.map { ($0, channel()) }))) }
        if !policies.isEmpty { sections.append(("escalation_policies", .map(policies.map { ($0, policy()) }))) }
        if random.chance(30) { sections.append(("maintenance", .sequence((0..<random.int(in: 1...2)).map { _ in maintenance() }, flow: false))) }
        if !channels.isEmpty, random.chance(30) { sections.append(("digests", .sequence([digest()], flow: false))) }
        if random.chance(5) { sections.append(("storage", storage())) }
        var items: [YAMLTree] = []
        for id in integrations { items.append(integration(id)) }
        sections.append(("integrations", .sequence(items, flow: false)))
        return .map(sections)
    }

    /// A config with one polled integration whose `check:` has many rules to judge by: the
    /// judgement fuzzer's checks.
    public mutating func judgedConfig() -> YAMLTree {
        teams = ["t"]
        integrations = ["j"]
        var entries: [(String, YAMLTree)] = []
        let kind = random.weighted([70, 15, 8, 7])
        switch kind {
        case 0:
            entries.append(("url", .text("http://127.0.0.1:1/health")))
            entries.append(("expect", expect(https: false)))
        case 1:
            entries.append(("url", .text("https://127.0.0.1:1/health")))
            entries.append(("expect", expect(https: true)))
        case 2:
            entries.append(("url", .text("ftp://127.0.0.1:1/out/leads_*.csv")))
        default:
            entries.append(("url", .text("s3://bucket/daily/*.csv")))
            entries.append(("auth", .map([("aws_sigv4", .map([
                ("region", .text("eu-west-1")), ("access_key_id", .text("${env:FUZZ_TOKEN}")), ("secret_access_key", .text("${cred:fuzz_cred}")),
            ], flow: true))])))
        }
        if kind >= 2, random.chance(60) { entries.append(("expect", .map([("min_size", .text(random.pick(["1", "1KiB", "1GiB"])))], flow: true))) }
        if random.chance(80) { entries.append(("freshness", freshness(fileDrop: kind >= 2))) }
        return .map([
            ("teams", .map([("t", .map([("name", .text("T"))], flow: true))])),
            ("integrations", .sequence([.map([("id", .text("j")), ("name", .text("J")), ("owner", .text("t")), ("check", .map(entries))])], flow: false)),
        ])
    }

    // MARK: - Sections

    private mutating func daemon() -> YAMLTree {
        var entries: [(String, YAMLTree)] = []
        if random.chance(40) { entries.append(("http", .text("127.0.0.1:\(Self.placeholderPort)"))) }
        if random.chance(50) { entries.append(("max_concurrency", .text(random.pick(["1", "4", "32", "256", "10000"])))) }
        if random.chance(50) { entries.append(("retention", .text(random.pick(["1d", "30d", "90d", "400d"])))) }
        if random.chance(30) { entries.append(("public_url", .text("http://127.0.0.1:\(Self.placeholderPort)/"))) }
        if random.chance(20) { entries.append(("node_name", .text("fuzz-node"))) }
        return .map(entries, flow: random.chance(30))
    }

    private mutating func defaults() -> YAMLTree {
        var entries: [(String, YAMLTree)] = []
        if random.chance(70) { entries.append(("interval", .text(interval()))) }
        if random.chance(50) { entries.append(("timeout", .text(random.pick(["1s", "2s", "5s", "10s"])))) }
        if random.chance(40) { entries.append(("failure_threshold", .text(String(random.int(in: 1...5))))) }
        if random.chance(40) { entries.append(("success_threshold", .text(String(random.int(in: 1...5))))) }
        if !policies.isEmpty, random.chance(50) { entries.append(("escalation", .text(random.pick(policies)))) }
        if random.chance(20) { entries.append(("max_body", .text(random.pick(["64KiB", "1MiB", "16MiB"])))) }
        return .map(entries)
    }

    private mutating func team() -> YAMLTree {
        var entries: [(String, YAMLTree)] = [("name", .text(random.pick(["Marketing Operations", "CRM platform", "Data", "CIO and CMO"])))]
        if !channels.isEmpty, random.chance(70) { entries.append(("channels", .list(subset(channels)))) }
        return .map(entries, flow: random.chance(60))
    }

    private mutating func channel() -> YAMLTree {
        let type = random.pick(["slack", "teams", "discord", "mattermost", "googlechat", "webhook"])
        var entries: [(String, YAMLTree)] = [("type", .text(type)), ("url", .text(loopbackURL("/notices")))]
        if type == "webhook", random.chance(50) { entries.append(("secret", .text("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))) }
        if random.chance(20) { entries.append(("max_age", .text(random.pick(["1h", "6h", "1d"])))) }
        if random.chance(20) { entries.append(("group_wait", .text(random.pick(["0s", "10s", "1m"])))) }
        return .map(entries, flow: random.chance(60))
    }

    private mutating func policy() -> YAMLTree {
        var after = 0
        let steps: [YAMLTree] = (0..<random.int(in: 1...3)).map { _ in
            let step = YAMLTree.map([("after", .text("\(after)m")), ("notify", .list(recipients()))], flow: random.chance(70))
            after += random.pick([0, 1, 30, 120])
            return step
        }
        var entries: [(String, YAMLTree)] = [("steps", .sequence(steps, flow: false))]
        if random.chance(50) { entries.append(("repeat_every", .text(random.pick(["30m", "4h", "1d"])))) }
        return .map(entries)
    }

    private mutating func recipients() -> [String] {
        var choices = ["owner", "accountable", "informed"] + teams.map { "team:\($0)" }
        choices += channels.map { "channel:\($0)" }
        return subset(choices, atLeastOne: true)
    }

    private mutating func maintenance() -> YAMLTree {
        var match: [(String, YAMLTree)] = []
        switch random.below(3) {
        case 0: match.append(("tags", .list([random.pick(tags)])))
        case 1: match.append(("owners", .list([random.pick(teams)])))
        default: match.append(("integrations", .list([random.pick(integrations)])))
        }
        var entries: [(String, YAMLTree)] = [
            ("match", .map(match, flow: true)), ("cron", .scalar(cron(), .doubleQuoted)),
            ("duration", .text(random.pick(["30m", "2h", "6h"]))), ("reason", .text("vendor maintenance")),
        ]
        if random.chance(30) { entries.append(("timezone", .text(random.pick(["UTC", "Europe/Berlin", "America/New_York"])))) }
        return .map(entries, flow: random.chance(40))
    }

    private mutating func digest() -> YAMLTree {
        var entries: [(String, YAMLTree)] = [("cron", .scalar(cron(), .doubleQuoted)), ("channels", .list(subset(channels, atLeastOne: true)))]
        if random.chance(50) { entries.append(("since", .text(random.pick(["1h", "1d", "7d"])))) }
        if random.chance(30) { entries.append(("timezone", .text(random.pick(["UTC", "Europe/Berlin"])))) }
        return .map(entries, flow: random.chance(50))
    }

    private mutating func storage() -> YAMLTree {
        .map([("postgres", .map([
            ("url", .text("postgres://baton@127.0.0.1:\(Self.placeholderPort)/baton?sslmode=disable")),
            ("lease", .text(random.pick(["5s", "15s", "1m"]))),
        ]))])
    }

    private mutating func integration(_ id: String) -> YAMLTree {
        var entries: [(String, YAMLTree)] = [
            ("id", .text(id)), ("name", .text("Integration \(id)")), ("owner", .text(random.pick(teams))),
        ]
        if random.chance(40) { entries.append(("tools", .list(subset(["Salesforce", "Marketo", "Braze", "GA4"], atLeastOne: true)))) }
        if random.chance(40) { entries.append(("accountable", .text(random.pick(teams)))) }
        if random.chance(20) { entries.append(("informed", .list(subset(teams, atLeastOne: true)))) }
        if random.chance(40) { entries.append(("tags", .list(subset(tags, atLeastOne: true)))) }
        if random.chance(30) {
            entries.append(("journey", .list(subset(["awareness", "acquisition", "purchase", "onboarding", "service", "retention", "advocacy"], atLeastOne: true))))
        }
        let others = integrations.filter { $0 != id }
        if !others.isEmpty, random.chance(25) { entries.append(("depends_on", .list([random.pick(others)]))) }
        if random.chance(20) { entries.append(("failure_threshold", .text(String(random.int(in: 1...5))))) }
        if random.chance(20) { entries.append(("success_threshold", .text(String(random.int(in: 1...5))))) }
        if !policies.isEmpty, random.chance(30) { entries.append(("escalation", .text(random.pick(policies)))) }
        if random.chance(15) {
            entries.append(("heartbeat", .map([
                ("token", .text("tok-\(id)-\(random.below(1000))")), ("period", .text(random.pick(["1m", "1h", "24h"]))),
                ("grace", .text(random.pick(["0s", "5m", "1h"]))),
            ], flow: random.chance(50))))
        } else {
            entries.append(("check", check(id)))
        }
        if random.chance(40) {
            var sla: [(String, YAMLTree)] = [("availability", .text(random.pick(["99%", "99.5%", "99.9%", "100%"])))]
            if random.chance(50) { sla.append(("window", .text(random.pick(["1d", "7d", "30d", "90d"])))) }
            entries.append(("sla", .map(sla, flow: true)))
        }
        return .map(entries)
    }

    private mutating func check(_ id: String) -> YAMLTree {
        var entries: [(String, YAMLTree)] = []
        let kind = random.weighted([80, 8, 6, 6])
        var https = false
        switch kind {
        case 1:
            entries.append(("url", .text("sftp://127.0.0.1:\(Self.placeholderPort)/exports/leads_*.csv")))
        case 2:
            entries.append(("url", .text("ftp://127.0.0.1:\(Self.placeholderPort)/out/consent.csv")))
        case 3:
            entries.append(("url", .text("s3://fuzz-bucket/daily/\(id).csv")))
            entries.append(("endpoint", .text("http://127.0.0.1:\(Self.placeholderPort)")))
            entries.append(("auth", .map([("aws_sigv4", .map([
                ("region", .text("eu-west-1")), ("access_key_id", .text("${env:FUZZ_TOKEN}")), ("secret_access_key", .text("${cred:fuzz_cred}")),
            ], flow: true))])))
        default:
            https = random.chance(10)
            entries.append(("url", .text((https ? "https" : "http") + "://127.0.0.1:\(Self.placeholderPort)/integrations/\(id)/health")))
            if random.chance(15) { entries.append(("method", .text(random.pick(["GET", "HEAD", "POST", "get"])))) }
            if random.chance(15) { entries.append(("headers", .map([("Authorization", .text("Bearer ${env:FUZZ_TOKEN}"))], flow: true))) }
            if random.chance(10) { entries.append(("body", .map([("query", .text("{ shop { name } }"))], flow: true))) }
            if random.chance(10) {
                entries.append(("auth", .map([("basic", .map([("username", .text("fuzz")), ("password", .text("${cred:fuzz_cred}"))], flow: true))])))
            }
        }
        if random.chance(60) { entries.append(("interval", .text(interval()))) }
        if random.chance(40) { entries.append(("timeout", .text(random.pick(["1s", "2s", "5s"])))) }
        if random.chance(15) { entries.append(("max_body", .text(random.pick(["1KiB", "256KiB", "1MiB"])))) }
        if kind == 0, random.chance(60) {
            entries.append(("expect", expect(https: https)))
        }
        if kind != 0, random.chance(40) { entries.append(("expect", .map([("min_size", .text(random.pick(["1", "1KiB", "1MiB"])))], flow: true))) }
        if random.chance(50) { entries.append(("freshness", freshness(fileDrop: kind != 0))) }
        return .map(entries, flow: random.chance(15))
    }

    private mutating func expect(https: Bool) -> YAMLTree {
        var entries: [(String, YAMLTree)] = []
        if random.chance(50) { entries.append(("status", random.chance(50) ? .text("200") : .list(["200", "204"]))) }
        if random.chance(40) { entries.append(("max_latency", .text(random.pick(["500ms", "1s", "2s"])))) }
        if random.chance(50) {
            let conditions: [YAMLTree] = (0..<random.int(in: 1...3)).map { _ in
                let pointer = YAMLTree.text(random.pick(["/status", "/queue_depth", "/data/0/id", "/done", "/a~1b"]))
                let test: (String, YAMLTree) = switch random.below(5) {
                case 0: ("equals", .text(random.pick(["ok", "0", "true", "null", "1.5"])))
                case 1: ("not_equals", .text(random.pick(["error", "true"])))
                case 2: ("less_than", .text(random.pick(["10000", "0.5", "-3"])))
                case 3: ("greater_than", .text(random.pick(["0", "1e3"])))
                default: ("exists", .text(random.pick(["true", "false"])))
                }
                return .map([("pointer", pointer), test], flow: true)
            }
            entries.append(("json", .sequence(conditions, flow: false)))
        }
        if random.chance(20) { entries.append(("body_contains", .scalar("\"ok\"", .singleQuoted))) }
        if https, random.chance(60) {
            entries.append(("certificate", .map([("warn_before", .text(random.pick(["21d", "400d"]))), ("error_before", .text(random.pick(["7d", "1d"])))], flow: true)))
        }
        return .map(entries)
    }

    private mutating func freshness(fileDrop: Bool) -> YAMLTree {
        var entries: [(String, YAMLTree)] = []
        if fileDrop {
            entries.append(("file_time", .text("true")))
        } else if random.chance(80) {
            entries.append(("pointer", .text(random.pick(["/last_sync", "/records/0/expr0", "/data/succeeded_at"]))))
        } else {
            entries.append(("header", .text("Last-Modified")))
        }
        if random.chance(50) { entries.append(("warn_after", .text(random.pick(["10m", "30m", "1h"])))) }
        entries.append(("error_after", .text(random.pick(["2h", "1d", "25h"]))))
        return .map(entries, flow: random.chance(70))
    }

    // MARK: - Values

    private mutating func interval() -> String {
        random.pick(["1s", "5s", "30s", "60s", "5m", "1h"])
    }

    private mutating func cron() -> String {
        random.pick(["0 2 * * SUN", "*/5 * * * *", "0 9 * * MON-FRI", "@monthly", "@daily", "30 1 1 * *"])
    }

    private mutating func loopbackURL(_ path: String) -> String {
        "http://127.0.0.1:\(Self.placeholderPort)\(path)"
    }

    private mutating func subset(_ items: [String], atLeastOne: Bool = false) -> [String] {
        let picked = items.filter { _ in random.chance(50) }
        if picked.isEmpty, atLeastOne, !items.isEmpty { return [random.pick(items)] }
        return picked
    }
}
