import BatonCore
import Foundation
import TestSupport

/// Makes a generated config safe to run in a real daemon: every URL's host becomes 127.0.0.1 on a
/// port nothing listens on, `daemon.http` a free loopback port; then the config is loaded as the
/// daemon would load it, and run only if every place it would send traffic to is loopback
/// (values from `${env:…}` and YAML escapes included, which a text rewrite cannot see).
enum LoopbackConfig {
    /// The rewritten text, or `nil` with the reason it must not run.
    static func prepare(_ bytes: [UInt8], home: ConfigCorpus.Home, closedPort: Int, listenPort: Int) -> (text: String?, skipped: String?) {
        guard var text = String(bytes: bytes, encoding: .utf8) else { return (nil, "not UTF-8") }
        text = rewriteHosts(text, port: closedPort)
        text = rewriteListener(text, port: listenPort)
        guard let path = try? home.write(Array(text.utf8), as: "daemon.yaml") else { return (nil, "cannot write") }
        let config: Config
        do {
            config = try ConfigLoader(environment: home.environment).load(files: [path])
        } catch {
            return (nil, "the rewritten config does not load")
        }
        if let outside = firstNonLoopbackTarget(config) { return (nil, "would reach \(outside)") }
        return (text, nil)
    }

    /// `scheme://anything-up-to-the-path` becomes `scheme://127.0.0.1:<port>`.
    static func rewriteHosts(_ text: String, port: Int) -> String {
        var out = ""
        var rest = Substring(text)
        while let separator = rest.range(of: "://") {
            let before = rest[..<separator.lowerBound]
            out += before + "://"
            rest = rest[separator.upperBound...]
            let authority = rest.prefix { !"/ \t\n\"',}]?#".contains($0) }
            out += "127.0.0.1:\(port)"
            rest = rest.dropFirst(authority.count)
        }
        return out + rest
    }

    /// The value of every `http:` key (the daemon's listener, block or flow style) becomes
    /// `127.0.0.1:<port>`; `http://` in URLs is left alone.
    static func rewriteListener(_ text: String, port: Int) -> String {
        var out = ""
        var rest = Substring(text)
        while let key = rest.range(of: "http:") {
            let before = rest[..<key.lowerBound]
            let previous = before.last ?? "\n"
            out += before
            rest = rest[key.upperBound...]
            guard !rest.hasPrefix("/"), " \n{,\t".contains(previous) else {
                out += "http:"
                continue
            }
            out += "http: 127.0.0.1:\(port)"
            rest = rest.drop { $0 != "," && $0 != "}" && $0 != "\n" && $0 != "#" }
        }
        return out + rest
    }

    /// The first place the config would send traffic to that is not exactly 127.0.0.1, or `nil`.
    static func firstNonLoopbackTarget(_ config: Config) -> String? {
        if config.storage != nil { return "a database" }
        if let http = config.daemon.http, http.host != "127.0.0.1" { return "a listener on \(http.host)" }
        var urls = config.channels.map(\.url.revealed)
        if let heartbeat = config.daemon.heartbeatURL { urls.append(heartbeat.revealed) }
        for integration in config.integrations {
            guard let check = integration.check else { continue }
            if check.target == .s3 {
                guard let endpoint = check.endpoint else { return "S3 itself" }
                urls.append(endpoint)
            } else {
                urls.append(check.url.revealed)
            }
            if case .oauth2(let credential) = check.auth {
                if credential.grant == .jwtBearer, credential.tokenURL.revealed.isEmpty { return "a key file's token endpoint" }
                urls.append(credential.tokenURL.revealed)
            }
        }
        return urls.first { !isLoopback($0) }.map { String($0.prefix(60)) }
    }

    /// `scheme://127.0.0.1[:port][/path]`, with no `@` or `\` anywhere that could make a URL
    /// parser see another host.
    static func isLoopback(_ url: String) -> Bool {
        guard let separator = url.range(of: "://") else { return false }
        let scheme = url[..<separator.lowerBound]
        guard ["http", "https", "ftp", "ftps", "sftp"].contains(scheme.lowercased()) else { return false }
        var rest = url[separator.upperBound...]
        guard rest.hasPrefix("127.0.0.1") else { return false }
        rest = rest.dropFirst("127.0.0.1".count)
        if rest.hasPrefix(":") {
            rest = rest.dropFirst()
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, digits.count <= 5 else { return false }
            rest = rest.dropFirst(digits.count)
        }
        guard rest.isEmpty || rest.hasPrefix("/") || rest.hasPrefix("?") else { return false }
        return !url.contains("@") && !url.contains("\\") && !url.unicodeScalars.contains { $0.value < 0x21 || $0.value == 0x7F }
    }
}
