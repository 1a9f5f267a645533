/// Every secret value the config resolved, and a way to blank them out of text that came from
/// elsewhere: an endpoint that echoes its API key into an error, a webhook receiver that quotes
/// its URL. Reasons, notices and log lines pass through it before they leave the process.
public struct SecretScrubber: Sendable, Equatable {
    /// Longest first, so a secret that contains another is blanked whole.
    public private(set) var secrets: [String]

    /// Values shorter than this are not scrubbed: they would blank ordinary words.
    public static let shortest = 6

    public init(secrets: some Sequence<String>) {
        self.secrets = Array(Set(secrets.filter { $0.utf8.count >= Self.shortest })).sorted { $0.utf8.count > $1.utf8.count }
    }

    /// The secrets of every `${env:}`, `${file:}` and `${cred:}` reference in the config.
    public init(config: Config) {
        var found: [String] = []
        for text in config.secretTexts { found += Self.resolvedParts(of: text) }
        self.init(secrets: found)
    }

    public var isEmpty: Bool { secrets.isEmpty }

    /// `text` with every secret replaced by `***`.
    ///
    /// Every verdict passes through here once a config holds a secret (an OAuth2 client secret
    /// is enough): when both are ASCII, which is nearly always, the look for a secret compares
    /// bytes instead of Characters, and finds it wherever the Character search would.
    public func scrub(_ text: String) -> String {
        guard !secrets.isEmpty else { return text }
        var result = text
        let asciiText = Self.isASCII(text)
        for secret in secrets where asciiText && Self.isASCII(secret) ? Self.bytes(of: result, contain: secret) : result.contains(secret) {
            result = result.replacingOccurrences(of: secret, with: "***")
        }
        return result
    }

    static func isASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 < 0x80 }
    }

    /// Whether `needle`'s UTF-8 bytes occur in `text`'s (read in place: native strings are contiguous).
    static func bytes(of text: String, contain needle: String) -> Bool {
        let found = text.utf8.withContiguousStorageIfAvailable { haystack in
            needle.utf8.withContiguousStorageIfAvailable { wanted in occurs(wanted, in: haystack) }
        }
        if let found = found ?? nil { return found }
        return Array(text.utf8).withUnsafeBufferPointer { haystack in
            Array(needle.utf8).withUnsafeBufferPointer { wanted in occurs(wanted, in: haystack) }
        }
    }

    private static func occurs(_ wanted: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = wanted.first else { return true }
        guard wanted.count <= haystack.count else { return false }
        for start in 0...(haystack.count - wanted.count) where haystack[start] == first {
            if UnsafeBufferPointer(rebasing: haystack[start..<(start + wanted.count)]).elementsEqual(wanted) { return true }
        }
        return false
    }

    /// The parts of `text` that references resolved: what `***` stands for in its redacted form.
    static func resolvedParts(of text: SecretText) -> [String] {
        guard text.containsSecret else { return [] }
        let literals = text.redacted.components(separatedBy: "***")
        guard literals.count > 1 else { return [text.revealed] }
        // Walk the revealed text: literal, secret, literal, secret, …, literal.
        var parts: [String] = []
        var rest = Substring(text.revealed)
        guard rest.hasPrefix(literals[0]) else { return [text.revealed] }
        rest = rest.dropFirst(literals[0].count)
        for (index, literal) in literals.dropFirst().enumerated() {
            let isLast = index == literals.count - 2
            let end: Substring.Index
            if isLast {
                guard rest.hasSuffix(literal) else { return [text.revealed] }
                end = rest.index(rest.endIndex, offsetBy: -literal.count)
            } else if literal.isEmpty {
                // Two references side by side: their values cannot be told apart; keep them together.
                continue
            } else {
                guard let range = rest.range(of: literal) else { return [text.revealed] }
                end = range.lowerBound
            }
            parts.append(String(rest[..<end]))
            rest = rest[end...].dropFirst(literal.count)
        }
        return parts
    }
}

extension Config {
    /// Every text of the config that may hold a secret.
    var secretTexts: [SecretText] {
        var texts: [SecretText] = channels.flatMap { [$0.url] + ($0.secret.map { [$0] } ?? []) }
        if let heartbeat = daemon.heartbeatURL { texts.append(heartbeat) }
        if let postgres = storage?.postgres { texts += [postgres.url] + (postgres.password.map { [$0] } ?? []) }
        for integration in integrations {
            if let heartbeat = integration.heartbeat { texts.append(heartbeat.token) }
            guard let check = integration.check else { continue }
            texts.append(check.url)
            texts += check.headers.map(\.value)
            switch check.body {
            case .text(let body), .json(let body): texts.append(body)
            case nil: break
            }
            switch check.auth {
            case .oauth2(let credential):
                texts.append(credential.tokenURL)
                texts += [credential.clientID, credential.clientSecret].compactMap { $0 }
            case .basic(let username, let password): texts += [username, password]
            case .awsSigV4(let credential): texts += [credential.accessKeyID, credential.secretAccessKey]
            case .ssh(let credential): texts += [credential.username] + (credential.passphrase.map { [$0] } ?? [])
            case nil: break
            }
        }
        return texts
    }
}

extension Reason {
    /// The reason with every text that came from outside (an answer's values, a server's error)
    /// passed through `scrub`; numbers, states and config names are left as they are.
    public func scrubbed(_ scrub: (String) -> String) -> Reason {
        switch self {
        case .json(var finding):
            switch finding.outcome {
            case .holds(let value): finding.outcome = .holds(value: scrub(value))
            case .mismatch(let actual, let expected): finding.outcome = .mismatch(actual: scrub(actual), expected: expected)
            case .absent, .missing, .present: break
            }
            return .json(finding)
        case .freshness(var finding):
            if case .unreadable(let value, let expected) = finding.outcome { finding.outcome = .unreadable(value: scrub(value), expected: expected) }
            return .freshness(finding)
        case .body(.notJSON(let error)):
            return .body(.notJSON(parserError: scrub(error)))
        case .transfer(let failure):
            return .transfer(failure.scrubbed(scrub))
        case .tokenEndpoint(.unreachable(let failure)):
            return .tokenEndpoint(.unreachable(failure.scrubbed(scrub)))
        case .tokenEndpoint(.other(let text)):
            return .tokenEndpoint(.other(scrub(text)))
        case .progress(let reason, let progress):
            return .progress(reason.scrubbed(scrub), progress)
        case .text(let text):
            return .text(scrub(text))
        case .answered, .httpStatus, .body, .latency, .blocked, .heartbeat, .noProbeYet, .tokenEndpoint, .certificate, .file,
             .removedFromConfig:
            return self
        }
    }
}

extension TransferFailure {
    func scrubbed(_ scrub: (String) -> String) -> TransferFailure {
        switch self {
        case .tls(let text): .tls(scrub(text))
        case .protocol(let text): .protocol(scrub(text))
        case .other(let text): .other(scrub(text))
        case .remoteFile(let problem, let text): .remoteFile(problem, scrub(text))
        case .connect, .timeout, .unresolvedHost, .unresolvedProxy, .redirects, .bodyTooLarge: self
        }
    }
}

extension Verdict {
    /// The verdict with its reason and every finding scrubbed.
    public func scrubbed(by scrubber: SecretScrubber) -> Verdict {
        guard !scrubber.isEmpty else { return self }
        var copy = self
        copy.reason = reason.scrubbed(scrubber.scrub)
        copy.findings = findings.map { finding in
            var scrubbed = finding
            scrubbed.reason = finding.reason.scrubbed(scrubber.scrub)
            return scrubbed
        }
        return copy
    }
}
