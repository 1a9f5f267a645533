/// What `check:` says, with the mappings that the rules between its keys point into.
struct CheckParts {
    var map: ConfigMapping
    /// `nil` when the URL could not be read: the rules below depend on its scheme.
    var url: CheckURL?
    var method: String?
    var expect: ConfigMapping?
    var freshness: ConfigMapping?
    var auth: AuthDraft?
    var tls: ConfigMapping?
    var endpoint: String?

    init(map: ConfigMapping) {
        self.map = map
    }
}

extension YAMLReader {
    /// Which schemes each kind of `auth` works with, as its error names them.
    private static let authSchemes: [AuthKind: (schemes: [String], named: String)] = [
        .oauth2: (["http", "https"], "http:// and https://"),
        .basic: (["http", "https", "ftp", "ftps"], "http(s):// and ftp(s)://"),
        .awsSigV4: (["s3", "https"], "s3:// and https://"),
        .ssh: (["sftp"], "sftp://"),
    ]

    /// Reports keys that do not fit the check's scheme or each other; each error points at
    /// the key that does not fit, or at `url` when something the URL needs is missing.
    func reportCombinations(_ parts: CheckParts) {
        guard let url = parts.url else { return }
        reportAuthCombinations(parts, scheme: url.scheme)
        reportBodyCombinations(parts, url: url)
        reportExpectCombinations(parts, url: url)
        reportTLSCombinations(parts, url: url)
        if let entry = parts.map.entry("endpoint"), url.scheme != "s3" {
            report("endpoint: only s3:// checks take an endpoint (an S3-compatible host such as MinIO)", at: entry.keyNode)
        }
    }

    private func reportAuthCombinations(_ parts: CheckParts, scheme: String) {
        if let auth = parts.auth {
            guard let rule = Self.authSchemes[auth.kind], !rule.schemes.contains(scheme) else { return }
            var message = "auth: `\(auth.kind.rawValue)` works only with \(rule.named) URLs, not \(scheme)://"
            if scheme == "sftp" { message += "; an sftp:// check logs in with `ssh`" }
            if scheme == "s3" { message += "; an s3:// check signs with `aws_sigv4`" }
            // At the check's own `auth` key: the kind itself may sit in a shared anchor.
            report(message, at: parts.map.entry("auth")?.keyNode ?? auth.keyNode)
            return
        }
        // An `auth` with errors of its own has been reported already.
        guard parts.map["auth"] == nil, let urlNode = parts.map["url"] else { return }
        if scheme == "s3" {
            report("url: an s3:// check needs `auth: { aws_sigv4: … }` to sign its requests", at: urlNode)
        } else if scheme == "sftp" {
            report("url: an sftp:// check needs `auth: { ssh: … }` (a user name and a key file)", at: urlNode)
        }
    }

    private func reportBodyCombinations(_ parts: CheckParts, url: CheckURL) {
        let methodWritten = parts.map["method"]
        if url.target.isFileDrop, let methodWritten, let method = parts.method, method != "GET", method != "HEAD" {
            report("method: a file drop (\(url.scheme)://) is read, not sent a \(method); leave `method` out", at: methodWritten)
        }
        guard let body = parts.map.entry("body") else { return }
        if url.target.isFileDrop {
            report("body: only http:// and https:// checks send a body, not \(url.scheme)://", at: body.keyNode)
        } else if methodWritten != nil, let method = parts.method, method == "GET" || method == "HEAD" {
            report("body: a \(method) request sends no body; write `method: POST` (or leave `method` out to send POST)", at: body.keyNode)
        }
    }

    private func reportExpectCombinations(_ parts: CheckParts, url: CheckURL) {
        if url.target.isFileDrop {
            let drop = "a file drop (\(url.scheme)://)"
            let judgeTheFile = "judge the file with `min_size` and `freshness: { file_time: true }`"
            if let entry = parts.expect?.entry("status") {
                report("status: \(drop) is judged by its file, not an HTTP status; leave `status` out", at: entry.keyNode)
            }
            if let entry = parts.expect?.entry("json") {
                report("json: \(drop) has no JSON body to test; \(judgeTheFile)", at: entry.keyNode)
            }
            if let entry = parts.expect?.entry("body_contains") {
                report("body_contains: \(drop) has no body to search; \(judgeTheFile)", at: entry.keyNode)
            }
            if let entry = parts.freshness?.entry("pointer") {
                report("pointer: \(drop) has no JSON body; `file_time: true` reads the file's modification time", at: entry.keyNode)
            }
            if let entry = parts.freshness?.entry("header") {
                report("header: \(drop) has no headers to read; `file_time: true` reads the file's modification time", at: entry.keyNode)
            }
        }
        guard let certificate = parts.expect?.entry("certificate") else { return }
        switch url.scheme {
        case "https":
            break
        case "s3":
            // Without an endpoint, an s3:// URL reaches the bucket's HTTPS endpoint.
            if let endpoint = parts.endpoint, !endpoint.lowercased().hasPrefix("https:") {
                report("certificate: the endpoint is http://, which has no server certificate to judge", at: certificate.keyNode)
            }
        default:
            report("certificate: only https:// checks have a server certificate to judge, not \(url.scheme)://", at: certificate.keyNode)
        }
    }

    private func reportTLSCombinations(_ parts: CheckParts, url: CheckURL) {
        guard let tls = parts.map.entry("tls") else { return }
        if url.scheme == "sftp" {
            report("tls: an sftp:// check uses SSH, not TLS; trust its server with `known_hosts` under `auth: { ssh: … }`", at: tls.keyNode)
        } else if url.target != .ftp, let required = parts.tls?.entry("required") {
            report("required: only ftp:// checks take `required`, which makes the server switch to TLS (ftps:// always does)", at: required.keyNode)
        }
    }
}
