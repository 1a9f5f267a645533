/// The final response of a transfer (after any redirects that were followed).
public struct HTTPResponse: Sendable {
    public var status: Int
    /// Only the headers named in ``HTTPRequest/captureHeaders``, keyed by lower-case name.
    ///
    /// A header that appears more than once keeps its values joined by `", "`.
    public var headers: [String: String]
    public var body: [UInt8]
    /// From the start of the transfer to its last byte, as libcurl measured it.
    public var totalTime: Duration

    public init(status: Int, headers: [String: String] = [:], body: [UInt8] = [], totalTime: Duration = .zero) {
        self.status = status
        self.headers = headers
        self.body = body
        self.totalTime = totalTime
    }
}
