import Hummingbird
import NIOHTTP1

/// A request the HTTP/1 parser refused, in the API's words: never the parser's own message
/// ("invalid character in chunk size header") nor a library type name.
enum ProtocolProblem: Equatable, Sendable {
    case headersTooLarge
    case badChunkedBody
    case badContentLength
    case malformed

    init(_ error: HTTPParserError) {
        switch error {
        case .headerOverflow: self = .headersTooLarge
        case .invalidChunkSize: self = .badChunkedBody
        case .invalidContentLength, .unexpectedContentLength: self = .badContentLength
        default: self = .malformed
        }
    }

    var status: HTTPResponse.Status {
        self == .headersTooLarge ? .requestHeaderFieldsTooLarge : .badRequest
    }

    var code: String {
        self == .headersTooLarge ? "headers_too_large" : "bad_request"
    }

    var message: String {
        switch self {
        case .headersTooLarge: "the request headers are too large"
        case .badChunkedBody: "the request body is not valid chunked encoding"
        case .badContentLength: "the request has an invalid Content-Length"
        case .malformed: "the request is not valid HTTP/1.1"
        }
    }
}
