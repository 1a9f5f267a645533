import BatonAuth
import BatonCore
import BatonHTTP
import Foundation

/// How one configured check is probed, built once from the config.
///
/// Most checks are one transfer, judged as it completes on the engine's thread. OAuth2 needs a
/// (shared, cached) token first, and a glob in a file drop's path needs a listing before the
/// file is looked at: those run as a few steps (``ProbeRunner``).
///
/// A class: every pending probe and its completion refer to the one plan instead of carrying a
/// copy of it (about 450 bytes each, 10,000 integrations over).
final class ProbePlan: Sendable {
    indirect enum Steps: Sendable {
        /// ``request`` is the whole probe.
        case direct
        /// A token first, then ``request``; once more after a 401. The cache key is worked out here, once.
        case authorized(TokenCredential)
        /// ``request`` lists an sftp or ftp folder; then the newest name that matches is looked at.
        case newestInFolder(FileDropName, folderURL: String)
        /// ``request`` lists an S3 prefix; the newest matching key is the file.
        case newestInBucket(FileDropName)
    }

    /// The transfer: the probe itself, or the listing of a glob.
    let request: HTTPRequest
    let steps: Steps
    /// File drops: the file's name as reasons show it (the last path segment, or the glob).
    let fileName: String?
    let target: CheckTarget

    /// The plan for `check`.
    init(_ check: HTTPCheck) {
        target = check.target
        let revealed = check.url.revealed
        var request = HTTPRequest(
            url: revealed,
            method: check.method,
            headers: check.headers.map { HTTPRequest.Header(name: $0.name, value: $0.value.revealed) },
            timeout: check.timeout,
            maxBodyBytes: check.maxBodyBytes,
            followRedirects: true,
            maxRedirects: 5,
            captureHeaders: Self.capturedHeaders(check)
        )
        request.tls = Self.tls(check)
        request.authentication = Self.authentication(check.auth)
        if let body = check.body {
            switch body {
            case .text(let text):
                request.body = Array(text.revealed.utf8)
            case .json(let json):
                request.body = Array(json.revealed.utf8)
                if !check.headers.contains(where: { $0.name.lowercased() == "content-type" }) {
                    request.headers.append(HTTPRequest.Header(name: "Content-Type", value: "application/json"))
                }
            }
        }
        var steps = Steps.direct
        var fileName: String?
        if case .oauth2(let credential) = check.auth { steps = .authorized(TokenCredential(credential)) }
        switch check.target {
        case .http:
            break
        case .sftp, .ftp:
            let (folder, last) = Self.split(revealed)
            fileName = last.removingPercentEncoding ?? last
            let name = FileDropName(name: last.removingPercentEncoding ?? last)
            if name.isGlob {
                request.url = folder
                request.operation = .listNames
                steps = .newestInFolder(name, folderURL: folder)
            } else {
                request.operation = .fileInfo
            }
        case .s3:
            let location = S3Location(url: revealed, endpoint: check.endpoint, region: Self.region(check.auth))
            fileName = location.fileName
            let glob = FileDropName(name: location.fileName)
            if glob.isGlob {
                request.url = location.listingURL(prefix: location.folder + glob.literalPrefix)
                steps = .newestInBucket(glob)
            } else {
                request.url = location.objectURL
                request.operation = .fileInfo
            }
        }
        self.request = request
        self.steps = steps
        self.fileName = fileName
    }

    /// The file info request for one name found by a folder listing.
    func fileInfo(named name: String, in folderURL: String) -> HTTPRequest {
        var info = request
        info.url = folderURL + "/" + (name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? name)
        info.operation = .fileInfo
        return info
    }

    /// Headers the judgement reads: the freshness header, `Last-Modified` for `file_time` over HTTP.
    private static func capturedHeaders(_ check: HTTPCheck) -> [String] {
        var names: [String] = []
        if case .header(let name) = check.freshness?.source { names.append(name.lowercased()) }
        if check.target == .http, check.freshness?.source == .fileTime { names.append("last-modified") }
        return names
    }

    private static func tls(_ check: HTTPCheck) -> TLSOptions {
        let url = check.url.revealed.lowercased()
        let https = url.hasPrefix("https://") || (check.target == .s3 && (check.endpoint?.lowercased().hasPrefix("https://") ?? true))
        return TLSOptions(
            caFile: check.tls?.caFile, clientCertificateFile: check.tls?.certFile, clientKeyFile: check.tls?.keyFile,
            required: check.tls?.required ?? false,
            // Every https check learns its server's certificate: `baton show` prints it, `expect.certificate` judges it.
            captureCertificate: https
        )
    }

    private static func authentication(_ auth: CheckAuth?) -> Authentication? {
        switch auth {
        case .basic(let username, let password):
            .basic(username: username.revealed, password: password.revealed)
        case .awsSigV4(let credential):
            .awsSigV4(AWSSignature(
                region: credential.region, service: credential.service, accessKeyID: credential.accessKeyID.revealed,
                secretAccessKey: credential.secretAccessKey.revealed
            ))
        case .ssh(let credential):
            .ssh(SSHKeyLogin(
                username: credential.username.revealed, privateKeyFile: credential.keyFile, publicKeyFile: credential.publicKeyFile,
                passphrase: credential.passphrase?.revealed, knownHostsFile: credential.knownHosts
            ))
        case .oauth2, nil:
            nil
        }
    }

    private static func region(_ auth: CheckAuth?) -> String {
        if case .awsSigV4(let credential) = auth { return credential.region }
        return "us-east-1"
    }

    /// The URL up to its last `/`, and the last segment.
    static func split(_ url: String) -> (folder: String, last: String) {
        guard let slash = url.lastIndex(of: "/") else { return (url, "") }
        return (String(url[..<slash]), String(url[url.index(after: slash)...]))
    }
}

/// Where an `s3://bucket/key` URL lives: AWS (virtual-hosted style) or an S3-compatible `endpoint` (path style).
struct S3Location: Equatable {
    var bucket: String
    /// The key, without the bucket.
    var key: String
    /// `https://bucket.s3.region.amazonaws.com`, or `endpoint/bucket`.
    var base: String
    /// True with an `endpoint`: the bucket is in the path.
    var pathStyle: Bool

    init(url: String, endpoint: String?, region: String) {
        let path = url.dropFirst("s3://".count)
        let slash = path.firstIndex(of: "/") ?? path.endIndex
        bucket = String(path[..<slash])
        key = slash == path.endIndex ? "" : String(path[path.index(after: slash)...])
        pathStyle = endpoint != nil
        if let endpoint {
            base = (endpoint.hasSuffix("/") ? String(endpoint.dropLast()) : endpoint) + "/" + bucket
        } else {
            base = "https://\(bucket).s3.\(region).amazonaws.com"
        }
    }

    /// The folder part of the key, with its trailing `/` (or empty).
    var folder: String {
        key.lastIndex(of: "/").map { String(key[...$0]) } ?? ""
    }

    var fileName: String {
        key.lastIndex(of: "/").map { String(key[key.index(after: $0)...]) } ?? key
    }

    var objectURL: String {
        base + "/" + (key.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? key)
    }

    /// `ListObjectsV2` under `prefix`, from `continuation` when given.
    func listingURL(prefix: String, continuation: String? = nil) -> String {
        var query = "list-type=2&prefix=" + Self.queryEncoded(prefix)
        if let continuation { query += "&continuation-token=" + Self.queryEncoded(continuation) }
        return base + (pathStyle ? "?" : "/?") + query
    }

    /// RFC 3986 unreserved characters stay; everything else is %-encoded (as SigV4 canonicalises).
    static func queryEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
