import BatonAPI
import Hummingbird
import NIOCore
import NIOHTTP1

/// Turns every failure on the control API into `{"error": {"code", "message"}}` with a fitting status.
struct APIErrorMiddleware: RouterMiddleware {
    typealias Context = ControlContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let failure as APIFailure {
            return JSONResponse.error(failure.status, code: failure.code, message: failure.message)
        } catch is NIOTooManyBytesError {
            // A client's mistake, not the daemon's: no library type names in the answer, no error in the log.
            context.logger.notice("control request \(request.method) \(request.uri.path) refused: body too large")
            return JSONResponse.error(.contentTooLarge, code: "too_large", message: "the request body is too large for the control API")
        } catch let error as HTTPParserError {
            let problem = ProtocolProblem(error)
            context.logger.notice("control request \(request.method) \(request.uri.path) refused: \(problem.message)")
            return JSONResponse.error(problem.status, code: problem.code, message: problem.message)
        } catch let error as HTTPError {
            let code = error.status == .notFound ? "not_found" : error.status == .methodNotAllowed ? "method_not_allowed" : "bad_request"
            let message = error.status == .notFound ? "no such endpoint: \(request.method) \(request.uri.path)" : (error.body ?? error.status.reasonPhrase)
            return JSONResponse.error(error.status, code: code, message: message)
        } catch {
            context.logger.error("control request \(request.method) \(request.uri.path) failed: \(error)")
            // The details stay in the log: a library's error text is no answer for the caller.
            return JSONResponse.error(.internalServerError, code: "internal", message: "internal error; the daemon's log has the details")
        }
    }
}

/// An error the control API answers with.
struct APIFailure: Error {
    var status: HTTPResponse.Status
    var code: String
    var message: String

    static func notFound(_ message: String) -> APIFailure { APIFailure(status: .notFound, code: "not_found", message: message) }
    static func badRequest(_ message: String) -> APIFailure { APIFailure(status: .badRequest, code: "bad_request", message: message) }
    static func unsupported(_ message: String) -> APIFailure { APIFailure(status: .unprocessableContent, code: "unsupported", message: message) }
    static func conflict(_ message: String) -> APIFailure { APIFailure(status: .conflict, code: "conflict", message: message) }
    static func unavailable(_ message: String) -> APIFailure { APIFailure(status: .serviceUnavailable, code: "unavailable", message: message) }
}

/// JSON answers with the wire format's encoder.
enum JSONResponse {
    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        make(json: try WireFormat.encoder().encode(value), status: status)
    }

    /// JSON already written, e.g. by ``WireJSON``: sent as it is, with the closing newline.
    static func make(json: some Collection<UInt8>, status: HTTPResponse.Status = .ok) -> Response {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(json.count + 1)
        buffer.writeBytes(json)
        buffer.writeString("\n")
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: buffer))
    }

    static func error(_ status: HTTPResponse.Status, code: String, message: String) -> Response {
        (try? make(APIErrorBody(code: code, message: message), status: status))
            ?? Response(status: status)
    }
}
