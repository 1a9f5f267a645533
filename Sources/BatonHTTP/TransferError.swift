import BatonCore

/// Why a transfer produced no response, typed, and in words an operator understands.
public struct TransferError: Error, Sendable, CustomStringConvertible {
    /// The family of failure, stable enough to count and alert on.
    public enum Kind: String, Sendable {
        case connect, timeout, tls, dns, redirects
        case bodyTooLarge = "body_too_large"
        case `protocol`, cancelled, other
    }

    public var kind: Kind
    /// What went wrong, typed: a probe's reason is made of it without reading ``message``.
    public var failure: TransferFailure
    /// The libcurl result code (`CURLE_*`), or 0 when the transfer never reached libcurl.
    public var curlCode: Int32
    /// From the start of the transfer to the failure; zero when it never started.
    public var elapsed: Duration

    public init(kind: Kind, failure: TransferFailure, curlCode: Int32 = 0, elapsed: Duration = .zero) {
        self.kind = kind
        self.failure = failure
        self.curlCode = curlCode
        self.elapsed = elapsed
    }

    /// A failure known only by its sentence (kept as ``TransferFailure/other(_:)``).
    public init(kind: Kind, message: String, curlCode: Int32 = 0, elapsed: Duration = .zero) {
        self.init(kind: kind, failure: .other(message), curlCode: curlCode, elapsed: elapsed)
    }

    /// One plain sentence; never contains a URL's path, query or userinfo (they may hold secrets).
    public var message: String { failure.compact }

    public var description: String { message }

    static func cancelled(_ message: String = "transfer cancelled", elapsed: Duration = .zero) -> TransferError {
        TransferError(kind: .cancelled, message: message, elapsed: elapsed)
    }
}
