import Foundation

/// A check's `url`: an http(s) endpoint, or a file drop over sftp, ftp, ftps or s3.
///
/// Checked after interpolation, since a URL from `${env:…}` is only known then; problems
/// show the URL only as written, so a URL taken from a secret is never printed.
struct CheckURL {
    static let schemes = ["http", "https", "sftp", "ftp", "ftps", "s3"]

    /// The scheme in lower case: one of ``schemes``.
    let scheme: String

    var target: CheckTarget { CheckTarget(url: scheme + ":") }

    /// Why a text is not a check URL.
    enum Problem: Error, Equatable {
        case notAURL
        case globOutsideFileDrop
        case globBeforeFileName
        case noFileName
        case noS3Key
    }

    static func parse(_ text: String) -> Result<CheckURL, Problem> {
        guard let separator = text.range(of: "://") else { return .failure(.notAURL) }
        let scheme = text[..<separator.lowerBound].lowercased()
        guard schemes.contains(scheme) else { return .failure(.notAURL) }
        if scheme == "http" || scheme == "https" {
            guard HTTPURLCheck.isValid(text), let components = URLComponents(string: text) else { return .failure(.notAURL) }
            // A `?` starts the query here, so only `*` and `[…]` can be a glob in an http path.
            if FileDropName.hasGlob(Substring(components.percentEncodedPath)) {
                return .failure(.globOutsideFileDrop)
            }
            return .success(CheckURL(scheme: scheme))
        }
        // File drops: no query or fragment, so `?` and `#` belong to the path; URLComponents would split them off.
        guard !text.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F }) else { return .failure(.notAURL) }
        let rest = text[separator.upperBound...]
        let authority = rest.prefix { $0 != "/" }
        guard hasHost(authority) else { return .failure(.notAURL) }
        let path = rest.dropFirst(authority.count)
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        if segments.dropLast().contains(where: FileDropName.hasGlob) { return .failure(.globBeforeFileName) }
        guard let last = segments.last, !last.isEmpty else {
            return .failure(scheme == "s3" && segments.count <= 1 ? .noS3Key : .noFileName)
        }
        return .success(CheckURL(scheme: scheme))
    }

    /// `user@host`, `host:2222` or `[::1]:2222`, with a host and at most a valid port.
    private static func hasHost(_ authority: Substring) -> Bool {
        let hostAndPort = authority.split(separator: "@", omittingEmptySubsequences: false).last ?? ""
        let host: Substring
        let port: Substring?
        if hostAndPort.hasPrefix("[") {
            guard let close = hostAndPort.firstIndex(of: "]") else { return false }
            host = hostAndPort[hostAndPort.index(after: hostAndPort.startIndex)..<close]
            let after = hostAndPort[hostAndPort.index(after: close)...]
            guard after.isEmpty || after.hasPrefix(":") else { return false }
            port = after.isEmpty ? nil : after.dropFirst()
        } else if let colon = hostAndPort.lastIndex(of: ":") {
            host = hostAndPort[..<colon]
            port = hostAndPort[hostAndPort.index(after: colon)...]
        } else {
            host = hostAndPort
            port = nil
        }
        guard !host.isEmpty else { return false }
        if let port {
            guard let number = Int(port), (1...65_535).contains(number) else { return false }
        }
        return true
    }

    /// The error for `problem`, naming the URL only as written.
    static func message(_ problem: Problem, written: String) -> String {
        switch problem {
        case .notAURL:
            return "url: expected an http://, https://, sftp://, ftp://, ftps:// or s3:// URL, found \(JSONValue.quoted(written))"
        case .globOutsideFileDrop:
            return "url: a glob (`*`, `?`, `[…]`) picks files only in sftp://, ftp://, ftps:// and s3:// URLs"
        case .globBeforeFileName:
            return "url: a glob (`*`, `?`, `[…]`) may only be in the file name, the last part of the path"
        case .noFileName:
            return "url: a file drop names a file (or a glob like leads_*.csv) at the end of its path"
        case .noS3Key:
            return "url: an s3:// URL names a bucket and a key, like s3://bucket/exports/leads.csv"
        }
    }
}
