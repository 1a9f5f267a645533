/// One outbound request: a probe, a webhook delivery, or a call to the daemon's socket.
///
/// Besides `http(s)://` it reaches files over `sftp://`, `ftp://` and `ftps://` (explicit TLS, see
/// ``TLSOptions/required``); for those, ``method``, ``headers`` and ``body`` are not used.
public struct HTTPRequest: Sendable {
    /// A request header, sent as given.
    public struct Header: Sendable, Hashable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public var url: String
    /// `GET`, `HEAD`, `POST`, or any other token (sent as a custom request method).
    public var method: String
    public var headers: [Header]
    /// The request body; copied by libcurl (`CURLOPT_COPYPOSTFIELDS`), so it may contain any bytes.
    public var body: [UInt8]?
    /// The limit for the whole transfer, connecting included.
    public var timeout: Duration
    /// The most (decoded) response body bytes accepted; a bigger body fails the transfer.
    public var maxBodyBytes: Int
    /// Whether 3xx answers are followed; when false a 3xx is just a response.
    public var followRedirects: Bool
    public var maxRedirects: Int
    /// Lower-case names of the response headers to keep; empty keeps none and costs nothing.
    public var captureHeaders: [String]
    /// When set, the connection goes to this Unix socket instead of the URL's host.
    public var unixSocketPath: String?
    /// Fetch, file attributes, or a directory listing.
    public var operation: TransferOperation
    /// Trust, client identity and certificate reporting.
    public var tls: TLSOptions
    public var authentication: Authentication?

    public init(
        url: String,
        method: String = "GET",
        headers: [Header] = [],
        body: [UInt8]? = nil,
        timeout: Duration = .seconds(10),
        maxBodyBytes: Int = 1 << 20,
        followRedirects: Bool = true,
        maxRedirects: Int = 5,
        captureHeaders: [String] = [],
        unixSocketPath: String? = nil,
        operation: TransferOperation = .fetch,
        tls: TLSOptions = TLSOptions(),
        authentication: Authentication? = nil
    ) {
        self.url = url
        self.method = method
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.maxBodyBytes = maxBodyBytes
        self.followRedirects = followRedirects
        self.maxRedirects = maxRedirects
        self.captureHeaders = captureHeaders
        self.unixSocketPath = unixSocketPath
        self.operation = operation
        self.tls = tls
        self.authentication = authentication
    }
}
