#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The final response of a transfer (after any redirects that were followed).
public struct HTTPResponse: Sendable {
    /// The HTTP status; for ftp the last FTP reply code; 0 for sftp.
    public var status: Int
    /// Only the headers named in ``HTTPRequest/captureHeaders``, keyed by lower-case name.
    ///
    /// A header that appears more than once keeps its values joined by `", "`.
    public var headers: [String: String]
    public var body: [UInt8]
    /// From the start of the transfer to its last byte, as libcurl measured it.
    public var totalTime: Duration
    /// The file's modification time (``TransferOperation/fileInfo``): the sftp or ftp mtime, or HTTP
    /// `Last-Modified`; nil when the server did not say.
    public var fileTime: Date?
    /// The announced size: the file's size for ``TransferOperation/fileInfo``, else `Content-Length`;
    /// nil when unknown.
    public var contentLength: Int?
    /// The directory's entries for ``TransferOperation/listNames``, in the server's order,
    /// without `.` and `..`; empty otherwise.
    public var names: [String]
    /// The server's certificate when ``TLSOptions/captureCertificate`` was set and the transfer used TLS.
    public var certificate: ServerCertificate?
    /// How many connections this transfer opened: 0 when it reused one (`CURLINFO_NUM_CONNECTS`).
    public var newConnections: Int

    public init(
        status: Int,
        headers: [String: String] = [:],
        body: [UInt8] = [],
        totalTime: Duration = .zero,
        fileTime: Date? = nil,
        contentLength: Int? = nil,
        names: [String] = [],
        certificate: ServerCertificate? = nil,
        newConnections: Int = 0
    ) {
        self.status = status
        self.headers = headers
        self.body = body
        self.totalTime = totalTime
        self.fileTime = fileTime
        self.contentLength = contentLength
        self.names = names
        self.certificate = certificate
        self.newConnections = newConnections
    }
}
