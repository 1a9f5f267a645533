/// A request body ready to post, with its content type and the extra headers it needs.
public struct RenderedMessage: Sendable, Equatable {
    /// One HTTP header; names are lower case.
    public struct Header: Sendable, Equatable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public var body: [UInt8]
    public var contentType: String
    /// Headers besides `content-type`: always `webhook-id`, and the signature for `webhook` channels.
    public var headers: [Header]

    public init(body: [UInt8], contentType: String, headers: [Header]) {
        self.body = body
        self.contentType = contentType
        self.headers = headers
    }

    /// The value of the first header called `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name == wanted }?.value
    }
}

extension RenderedMessage {
    /// Every body Baton sends is UTF-8 JSON; saying so keeps Teams from counting it as UTF-16.
    static let jsonContentType = "application/json; charset=utf-8"

    /// A JSON body with the `webhook-id` every receiver can drop duplicates by.
    static func json(_ body: [UInt8], key: String, extraHeaders: [Header] = []) -> RenderedMessage {
        RenderedMessage(body: body, contentType: jsonContentType, headers: [Header(name: "webhook-id", value: key)] + extraHeaders)
    }
}
