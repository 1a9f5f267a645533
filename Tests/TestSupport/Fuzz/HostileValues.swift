/// Values an attacker or a careless operator writes where Baton expects something sensible:
/// extremes of every numeric type, durations past what a clock can hold, text with control
/// characters and direction overrides, YAML's own surprises (`yes`, `~`, `.inf`, `0x…`).
public enum HostileValues {
    /// What a config key holds, so a mutation can pick values near its edges.
    public enum Kind: Sendable, CaseIterable {
        case duration, integer, number, percentage, size, text, id, url, pointer, cron, timezone, listen, header, boolean
    }

    public static let integers = [
        "0", "-1", "-0", "1", "2", "255", "256", "65535", "65536", "2147483647", "2147483648", "-2147483649", "4294967296",
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "18446744073709551615",
        "18446744073709551616", "99999999999999999999999999999", "0x7fffffffffffffff", "0xffffffffffffffff", "0o777", "0b101",
        "1_000_000", "+5", "007", "1e3", "1.0", "1:30", "١٢٣", "１２３", "10000", "10001",
    ]

    public static let numbers = integers + [
        "1e308", "1e309", "-1e309", "4.9e-324", "2.2250738585072014e-308", "0.1", "-0.0", "1.7976931348623157e308",
        ".inf", "-.inf", ".nan", ".NaN", "1e", "--1", "0.0000000000000000000001", "123456789012345678901234567890.5",
    ]

    public static let durations = [
        "0s", "0ms", "0", "1ms", "999ms", "1s", "-1s", "-5m", "1ns", "1us", "1.5h", "0.5s", "1h30m", "90m", "7d", "400d",
        "3650d", "36500d", "99999999d", "99999999999s", "9999999999999ms", "9223372036854775807ms", "9223372036854775807s",
        "9223372036854775808s", "106751991167300d", "106751991167301d", "2562047788015215h", "999999999999999999999d",
        "18446744073709551615ms", "1e9d", "5m30", "1h1h", "30m1h", "5 m", "5M", "5min", "PT5M", "∞s", "5s5", "1y", "2w",
        "0d0h0m0s", "1d1h1m1s1ms", "00000000000000000000001s", "+5s", "5s ", "s", "ms", "१s",
    ]

    public static let percentages = [
        "0%", "100%", "99.5%", "100.0000001%", "-1%", "-0%", "99.999999999999999999%", "1e2%", "1e400%", "nan%", "inf%",
        "%", "99.5", "99.5 %", "%99", "١٠٠%", "0.0000000001%", "50%%", "99,5%", "1_0%",
    ]

    public static let sizes = [
        "0", "1", "1KiB", "1MiB", "1GiB", "1025MiB", "2GiB", "1TiB", "8EiB", "16EiB", "9223372036854775807",
        "9223372036854775808", "-1", "-1KiB", "1.5KiB", "1kib", "1 KiB", "1KB", "1B", "1e9", "KiB", "0x10",
        "99999999999999999999KiB",
    ]

    public static let texts = [
        "", " ", "~", "null", "NULL", "Null", "true", "yes", "no", "on", "off", "y", "n", "-", "'", "\"", "\\", "#", ": ", "- ",
        "&a", "*a", "!tag", "%", "@", "`", "|", ">", "{", "}", "[", "]", ",", "?", "${env:NOPE}", "${env:}", "${", "$${",
        "${}", "${env:FUZZ_TOKEN}", "${file:/}", "${file:.}", "${file:nonexistent}", "${file:/dev/null}",
        "${cred:../x}", "${cred:}", "${cred:fuzz_cred}", "${nope:x}", "$${env:X}", "\u{202E}gnp.exe", "\u{200B}",
        "e\u{301}", "\u{E9}", "🦆", "\u{FEFF}", "a\u{2028}b", "a\u{85}b", "\u{1B}[31mred", "\u{7}", "\t", "a\tb",
        "<script>alert(1)</script>", "'; DROP TABLE incidents; --", "../../../../etc/passwd", "%s%s%s%n", "{{7*7}}",
    ]

    public static let ids = [
        "a", "a-b", "A", "-", "-a", "a-", "a--b", "1", "a_b", "a.b", "é", "a b", "", "x" + String(repeating: "y", count: 300),
        "integration", "owner", "team:x", "channel:x", "*", "con", "nul",
    ]

    public static let urls = [
        "http://127.0.0.1:1/", "http://127.0.0.1:0/", "http://127.0.0.1:65535/health", "http://127.0.0.1:65536/",
        "http://127.0.0.1:-1/", "http://[::1]:1/", "http://[::1/", "https://", "http://", "http:///x", "//127.0.0.1/",
        "http://user:pass@127.0.0.1:1/", "ftp://127.0.0.1:1/%00", "ftp://127.0.0.1:1/out/*.csv", "ftps://127.0.0.1:1/x",
        "sftp://127.0.0.1:1/*", "sftp://127.0.0.1:1/", "s3://", "s3://bucket", "s3://bucket/", "s3://b/k/*",
        "file:///etc/passwd", "gopher://127.0.0.1:1/", "HTTP://127.0.0.1:1/", "http://127.0.0.1:1/\u{202E}",
        "http://127.0.0.1:1/?q=\u{0}", "http://127.0.0.1:1/#frag", "http://127.0.0.1:1/" + String(repeating: "a/", count: 3000),
        "http://127.0.0.1:99999999999999999999/", "http://0x7f.1:1/", "http://127.1:1/", "mailto:x@y", "http://127.0.0.1:1/${env:NOPE}",
        "http://127.0.0.1:1/${env:FUZZ_TOKEN}", "postgres://127.0.0.1:1/baton", "postgres://", "http://%31%32%37.0.0.1:1/",
    ]

    public static let pointers = [
        "", "/", "~", "/~", "/~2", "/~0", "/~1", "/a~1b", "/0", "/-", "/00", "/01", "/-1", "/9223372036854775808",
        "/" + String(repeating: "a/", count: 2000), "a", "#/a", "/%25", "/\u{0}", "/é", "/e\u{301}", "//", "/ ", "/a/b/c/d/e/f/g",
        "/records/0/expr0", "/last_sync", "/status",
    ]

    public static let crons = [
        "* * * * *", "*/0 * * * *", "0-59/1 * * * *", "60 * * * *", "* 24 * * *", "* * 31 2 *", "0 0 30 2 *", "0 0 31 4 *",
        "@reboot", "@yearly", "@hourly", "@every 5m", "99999999 * * * *", "1-0 * * * *", "*/99999999999999999999 * * * *",
        "0 0 * * 8", "0 0 * * 7", "0 0 * * MON-SUN", "0 0 * * SUN-MON", "0 0 1-31/99999 * *", "* * * *", "* * * * * *", "",
        "0 0 29 2 MON", "0 0 29 2 *", "-1 * * * *", "0,0,0,0 * * * *", "0 0 * JAN-DEC *", "L * * * *", "0 0 ? * *",
        String(repeating: "1,", count: 5000) + "1 * * * *",
    ]

    public static let timezones = [
        "UTC", "Europe/Berlin", "America/New_York", "Mars/Base", "", "../../etc/passwd", "Etc/GMT+14", "Etc/GMT-14",
        "America/Argentina/ComodRivadavia", "Pacific/Kiritimati", "Australia/Lord_Howe", "GMT+25", "+99:99", "Z",
        String(repeating: "x", count: 1000),
    ]

    public static let listens = [
        "127.0.0.1:0", "127.0.0.1:65535", "127.0.0.1:65536", "[::1]:1", "::1:1", "0.0.0.0:1", ":::", "localhost:99999999999999999999",
        "127.0.0.1:-1", "127.0.0.1", ":1", "127.0.0.1:", "[::1]", "256.0.0.1:1", "127.0.0.1:0x50",
    ]

    public static let headers = ["Last-Modified", "last-modified", "", "X Y", "ü", "Date", "X-\u{0}", String(repeating: "h", count: 10_000)]

    public static let booleans = ["true", "false", "yes", "no", "on", "off", "1", "0", "True", "TRUE", "~", "null"]

    /// The list for a kind.
    public static func values(_ kind: Kind) -> [String] {
        switch kind {
        case .duration: durations
        case .integer: integers
        case .number: numbers
        case .percentage: percentages
        case .size: sizes
        case .text: texts
        case .id: ids
        case .url: urls
        case .pointer: pointers
        case .cron: crons
        case .timezone: timezones
        case .listen: listens
        case .header: headers
        case .boolean: booleans
        }
    }

    /// The kind of value a config key holds, by its name (``Kind/text`` for keys it does not know).
    public static func kind(ofKey key: String) -> Kind {
        switch key {
        case "interval", "timeout", "after", "repeat_every", "duration", "since", "period", "grace", "warn_after", "error_after",
             "max_latency", "retention", "max_age", "group_wait", "lease", "window", "warn_before", "error_before":
            .duration
        case "failure_threshold", "success_threshold", "max_concurrency", "status":
            .integer
        case "less_than", "greater_than", "equals", "not_equals":
            .number
        case "max_body", "min_size": .size
        case "availability": .percentage
        case "id", "owner", "accountable", "escalation", "informed", "depends_on", "channels", "owners", "integrations": .id
        case "url", "token_url", "heartbeat_url", "public_url", "endpoint": .url
        case "pointer": .pointer
        case "cron": .cron
        case "timezone": .timezone
        case "http": .listen
        case "header": .header
        case "exists", "file_time", "required": .boolean
        default: .text
        }
    }

    /// Characters no config text should hold, one of which a mutation puts somewhere.
    public static let controlCharacters: [Unicode.Scalar] = [
        "\u{0}", "\u{1}", "\u{7}", "\u{8}", "\u{B}", "\u{C}", "\u{D}", "\u{1B}", "\u{1F}", "\u{7F}", "\u{85}", "\u{A0}",
        "\u{2028}", "\u{2029}", "\u{200B}", "\u{200E}", "\u{202A}", "\u{202E}", "\u{2066}", "\u{FEFF}", "\u{FFFD}", "\u{FFFF}",
        "\u{10FFFF}",
    ]

    /// Byte sequences that are not UTF-8, or are UTF-8 no text file should start with.
    public static let badBytes: [[UInt8]] = [
        [0x00], [0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF],
        [0xF4, 0x90, 0x80, 0x80], [0xF5], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xFE], [0xFF], [0xE2, 0x82], [0xF0, 0x9F, 0xA6],
        [0xE9], [0x93], [0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF], [0xFF, 0xFE, 0x00, 0x00],
    ]

    /// Byte order marks a file may start with.
    public static let byteOrderMarks: [[UInt8]] = [
        [0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF], [0xFF, 0xFE, 0x00, 0x00], [0x00, 0x00, 0xFE, 0xFF], [0x2B, 0x2F, 0x76, 0x38],
    ]
}
