/// Identifies one submitted transfer, so it can be cancelled.
public struct TransferID: Sendable, Hashable, CustomStringConvertible {
    public let rawValue: UInt64

    public var description: String { "#\(rawValue)" }
}

/// A submitted request with its completion, as it travels from the caller to the engine thread.
struct Job: Sendable {
    let id: UInt64
    let request: HTTPRequest
    let notBefore: MonotonicInstant?
    let completion: @Sendable (Result<HTTPResponse, TransferError>) -> Void
}
