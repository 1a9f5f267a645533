import struct Foundation.Date

/// What one probe of an endpoint saw, independent of the HTTP library that made it.
public struct ProbeObservation: Sendable {
    /// The answer, or why there was none.
    public enum Result: Sendable {
        case answered(HTTPAnswer)
        case failed(TransferFailure)
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
    public var status: Int
    /// Captured headers, names in lower case.
    public var headers: [String: String]
    public var body: [UInt8]

    public init(status: Int, headers: [String: String] = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
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
