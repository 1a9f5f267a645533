import struct Foundation.Date

/// What one probe of an endpoint saw, independent of the HTTP library that made it.
public struct ProbeObservation: Sendable {
    /// The answer, or why there was none.
    public enum Result: Sendable {
        case answered(HTTPAnswer)
        case failed(TransferFailure)
        /// A file drop with no file to judge: the file is missing, or no file matches the glob.
        case noFile(FileFinding)
        /// The OAuth2 token could not be had, so the endpoint was not even asked.
        case tokenFailed(TokenEndpointProblem)
    }

    public var result: Result
    /// Time from the start of the request to the end of the answer.
    public var latency: Duration
    /// Wall-clock time the probe finished: data ages are measured from it.
    public var observedAt: Date

    public init(result: Result, latency: Duration, observedAt: Date) {
        self.result = result
        self.latency = latency
        self.observedAt = observedAt
    }
}

/// An HTTP answer, reduced to what the judgement reads.
public struct HTTPAnswer: Sendable {
    /// The HTTP status; for sftp the transfer's 0, for ftp the last reply code (file drops judge no status).
    public var status: Int
    /// Captured headers, names in lower case.
    public var headers: [String: String]
    public var body: [UInt8]
    /// The server's certificate, for https (also over a reused connection).
    public var certificate: CertificateSummary?
    /// File drops: the file judged (the newest match of a glob); over HTTP, `Last-Modified` and the length.
    public var file: FileFacts?

    public init(status: Int, headers: [String: String] = [:], body: [UInt8] = [], certificate: CertificateSummary? = nil, file: FileFacts? = nil) {
        self.status = status
        self.headers = headers
        self.body = body
        self.certificate = certificate
        self.file = file
    }
}

/// A server certificate as the judgement and `baton show` read it.
public struct CertificateSummary: Sendable, Equatable, Codable {
    public var subject: String
    public var issuer: String
    public var notBefore: Date
    public var notAfter: Date

    public init(subject: String, issuer: String, notBefore: Date, notAfter: Date) {
        self.subject = subject
        self.issuer = issuer
        self.notBefore = notBefore
        self.notAfter = notAfter
    }
}

/// One file of a file drop: its name (last path segment), modification time and size, when known.
public struct FileFacts: Sendable, Equatable {
    public var name: String
    public var modified: Date?
    public var size: Int?

    public init(name: String, modified: Date?, size: Int?) {
        self.name = name
        self.modified = modified
        self.size = size
    }
}

/// Why a probe got no usable answer; also the label of probe-error metrics.
public enum ProbeErrorKind: String, Sendable, CaseIterable {
    case connect
    case timeout
    case tls
    case dns
    case redirects
    case bodyTooLarge = "body_too_large"
    case `protocol`
    case other
    /// File drops: the file is not there, may not be read, the login or the host key was refused.
    case fileNotFound = "file_not_found"
    case accessDenied = "access_denied"
    case loginDenied = "login_denied"
    case hostKeyRejected = "host_key_rejected"
}
