import BatonCore

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

    /// The fields, in one immutable box that copies share (``Shared``): every integration's plan
    /// holds its request, and so does each pending probe of it (10,000 at once), which would
    /// otherwise each carry a copy of about 270 bytes.
    fileprivate struct Fields: Sendable, Equatable {
        var url: String
        var method: String
        var headers: [Header]
        var body: [UInt8]?
        var timeout: Duration
        var maxBodyBytes: Int
        var followRedirects: Bool
        var maxRedirects: Int
        var captureHeaders: [String]
        var unixSocketPath: String?
        var operation: TransferOperation
        var tls: TLSOptions
        var authentication: Authentication?
    }

    @Shared fileprivate var fields: Fields

    public var url: String {
        get { fields.url }
        set { fields.url = newValue }
    }

    /// `GET`, `HEAD`, `POST`, or any other token (sent as a custom request method).
    public var method: String {
        get { fields.method }
        set { fields.method = newValue }
    }

    public var headers: [Header] {
        get { fields.headers }
        set { fields.headers = newValue }
    }

    /// The request body; copied by libcurl (`CURLOPT_COPYPOSTFIELDS`), so it may contain any bytes.
    public var body: [UInt8]? {
        get { fields.body }
        set { fields.body = newValue }
    }

    /// The limit for the whole transfer, connecting included.
    public var timeout: Duration {
        get { fields.timeout }
        set { fields.timeout = newValue }
    }

    /// The most (decoded) response body bytes accepted; a bigger body fails the transfer.
    public var maxBodyBytes: Int {
        get { fields.maxBodyBytes }
        set { fields.maxBodyBytes = newValue }
    }

    /// Whether 3xx answers are followed; when false a 3xx is just a response.
    public var followRedirects: Bool {
        get { fields.followRedirects }
        set { fields.followRedirects = newValue }
    }

    public var maxRedirects: Int {
        get { fields.maxRedirects }
        set { fields.maxRedirects = newValue }
    }

    /// Lower-case names of the response headers to keep; empty keeps none and costs nothing.
    public var captureHeaders: [String] {
        get { fields.captureHeaders }
        set { fields.captureHeaders = newValue }
    }

    /// When set, the connection goes to this Unix socket instead of the URL's host.
    public var unixSocketPath: String? {
        get { fields.unixSocketPath }
        set { fields.unixSocketPath = newValue }
    }

    /// Fetch, file attributes, or a directory listing.
    public var operation: TransferOperation {
        get { fields.operation }
        set { fields.operation = newValue }
    }

    /// Trust, client identity and certificate reporting.
    public var tls: TLSOptions {
        get { fields.tls }
        set { fields.tls = newValue }
    }

    public var authentication: Authentication? {
        get { fields.authentication }
        set { fields.authentication = newValue }
    }

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
        fields = Fields(
            url: url,
            method: method,
            headers: headers,
            body: body,
            timeout: timeout,
            maxBodyBytes: maxBodyBytes,
            followRedirects: followRedirects,
            maxRedirects: maxRedirects,
            captureHeaders: captureHeaders,
            unixSocketPath: unixSocketPath,
            operation: operation,
            tls: tls,
            authentication: authentication
        )
    }
}

/// Printed and dumped as its fields, as a plain struct would be (secrets hide in their own descriptions).
extension HTTPRequest: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { "HTTPRequest" + String(describing: fields).drop { $0 != "(" } }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(reflecting: fields) }
}
