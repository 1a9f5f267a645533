/// Identifies one submitted transfer, so it can be cancelled.
public struct TransferID: Sendable, Hashable, CustomStringConvertible {
    public let rawValue: UInt64

    public var description: String { "#\(rawValue)" }
}

/// A submitted request with its completion, as it travels from the caller to the engine thread.
///
/// A class: a job waits in the inbox, the waiting table and the finished list, and every
/// integration has one waiting for its next slot; each of those holds a reference, not a copy.
final class Job: Sendable {
    let id: UInt64
    let request: HTTPRequest
    let notBefore: MonotonicInstant?
    let completion: @Sendable (Result<HTTPResponse, TransferError>) -> Void

    init(
        id: UInt64, request: HTTPRequest, notBefore: MonotonicInstant?,
        completion: @escaping @Sendable (Result<HTTPResponse, TransferError>) -> Void
    ) {
        self.id = id
        self.request = request
        self.notBefore = notBefore
        self.completion = completion
    }
}
