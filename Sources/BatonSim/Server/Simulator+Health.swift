import Hummingbird
import NIOCore

extension Simulator {
    /// Answers a health check the way the endpoint's behaviour says.
    ///
    /// - Parameters:
    ///   - creating: Serve an endpoint the scenario did not name with the default behaviour instead of 404.
    func health(_ request: Request, _ context: SimulatorContext, includeBody: Bool, creating: Bool = false) async throws -> Response {
        guard let name = context.parameters.get("name"), let behaviour = recordHit(name, creating: creating) else {
            return Response(
                status: .notFound,
                headers: [.contentType: "application/json"],
                body: includeBody ? ResponseBody(byteBuffer: ByteBuffer(string: "{\"status\":\"not_found\"}")) : ResponseBody()
            )
        }
        switch behaviour.mode {
        case .hang:
            await Simulator.waitUntilClosed(context.channel)
            return Response(status: .serviceUnavailable)
        case .closeConnection:
            try? await context.channel.close()
            return Response(status: .serviceUnavailable)
        default:
            break
        }
        if behaviour.latencyMs > 0 {
            try await Task.sleep(for: .milliseconds(behaviour.latencyMs))
        }
        let status = HTTPResponse.Status(code: behaviour.status)
        var headers: HTTPFields = [:]
        if let age = behaviour.lastModifiedAgeSeconds {
            headers[.lastModified] = WallClock.now().advanced(bySeconds: -age).httpDate
        }
        switch behaviour.mode {
        case .redirectLoop:
            headers[.location] = request.uri.path
            return Response(status: .found, headers: headers)
        case .huge:
            headers[.contentType] = "application/json"
            return Response(status: .ok, headers: headers, body: includeBody ? Simulator.hugeBody : ResponseBody())
        case .notJSON:
            headers[.contentType] = "text/html; charset=utf-8"
            return Response(status: status, headers: headers, body: Simulator.body(HealthDocument.htmlPage, includeBody))
        default:
            headers[.contentType] = "application/json"
            return Response(status: status, headers: headers, body: Simulator.body(HealthDocument.render(behaviour, now: .now()), includeBody))
        }
    }

    private static func body(_ text: String, _ include: Bool) -> ResponseBody {
        include ? ResponseBody(byteBuffer: ByteBuffer(string: text)) : ResponseBody()
    }

    /// Waits for the client to give up; closes the connection if the server stops first.
    static func waitUntilClosed(_ channel: any Channel) async {
        await withTaskCancellationHandler {
            try? await channel.closeFuture.get()
        } onCancel: {
            channel.close(promise: nil)
        }
    }

    /// 1 GiB of JSON-ish bytes, written chunk by chunk as the client reads: one 64 KiB
    /// buffer is written over and over, so nothing near the total is ever allocated.
    static var hugeBody: ResponseBody {
        ResponseBody { writer in
            try await writer.write(ByteBuffer(string: "{\"items\":["))
            for _ in 0..<(1 << 30) / hugeChunk.readableBytes {
                try await writer.write(hugeChunk)
            }
            try await writer.write(ByteBuffer(string: "{}]}"))
            try await writer.finish(nil)
        }
    }

    private static let hugeChunk: ByteBuffer = {
        let item = "{\"id\":12345,\"value\":\"abcdefghijklmnopqrstuvwxyz0123456789\"},"
        var text = ""
        while text.utf8.count + item.utf8.count <= 64 << 10 { text += item }
        text += String(repeating: " ", count: (64 << 10) - text.utf8.count)
        return ByteBuffer(string: text)
    }()
}
