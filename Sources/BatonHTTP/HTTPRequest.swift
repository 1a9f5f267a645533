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

    /// The fields, in one immutable box that copies share: every integration's plan holds its
    /// request, and so does each pending probe of it (10,000 at once), which would otherwise each
    /// carry a copy of about 270 bytes. Setting a field puts a new box in place. A box of its
    /// own, not BatonCore's `Shared`: see there why.
    fileprivate struct Fields: Sendable {
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

    fileprivate final class Box: Sendable {
        let fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    fileprivate var box: Box

    private mutating func update(_ change: (inout Fields) -> Void) {
        var fields = box.fields
        change(&fields)
        box = Box(fields)
    }

    public var url: String {
        get { box.fields.url }
        set { update { $0.url = newValue } }
    }

    /// `GET`, `HEAD`, `POST`, or any other token (sent as a custom request method).
    public var method: String {
        get { box.fields.method }
        set { update { $0.method = newValue } }
    }

    public var headers: [Header] {
        get { box.fields.headers }
        set { update { $0.headers = newValue } }
    }

    /// The request body; copied by libcurl (`CURLOPT_COPYPOSTFIELDS`), so it may contain any bytes.
    public var body: [UInt8]? {
        get { box.fields.body }
        set { update { $0.body = newValue } }
    }

    /// The limit for the whole transfer, connecting included.
    public var timeout: Duration {
        get { box.fields.timeout }
        set { update { $0.timeout = newValue } }
    }

    /// The most (decoded) response body bytes accepted; a bigger body fails the transfer.
    public var maxBodyBytes: Int {
        get { box.fields.maxBodyBytes }
        set { update { $0.maxBodyBytes = newValue } }
    }

    /// Whether 3xx answers are followed; when false a 3xx is just a response.
    public var followRedirects: Bool {
        get { box.fields.followRedirects }
        set { update { $0.followRedirects = newValue } }
    }

    public var maxRedirects: Int {
        get { box.fields.maxRedirects }
        set { update { $0.maxRedirects = newValue } }
    }

    /// Lower-case names of the response headers to keep; empty keeps none and costs nothing.
    public var captureHeaders: [String] {
        get { box.fields.captureHeaders }
        set { update { $0.captureHeaders = newValue } }
    }

    /// When set, the connection goes to this Unix socket instead of the URL's host.
    public var unixSocketPath: String? {
        get { box.fields.unixSocketPath }
        set { update { $0.unixSocketPath = newValue } }
    }

    /// Fetch, file attributes, or a directory listing.
    public var operation: TransferOperation {
        get { box.fields.operation }
        set { update { $0.operation = newValue } }
    }

    /// Trust, client identity and certificate reporting.
    public var tls: TLSOptions {
        get { box.fields.tls }
        set { update { $0.tls = newValue } }
    }

    public var authentication: Authentication? {
        get { box.fields.authentication }
        set { update { $0.authentication = newValue } }
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
        box = Box(Fields(
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
        ))
    }
}

/// Printed and dumped as its fields, as a plain struct would be (secrets hide in their own descriptions).
extension HTTPRequest: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { "HTTPRequest" + String(describing: box.fields).drop { $0 != "(" } }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(reflecting: box.fields) }
}
