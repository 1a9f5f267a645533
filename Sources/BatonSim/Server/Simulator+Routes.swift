import Foundation
import Hummingbird
import NIOCore

extension Simulator {
    func makeRouter() -> Router<SimulatorContext> {
        let router = Router(context: SimulatorContext.self)
        router.get("/integrations/:name/health") { request, context in
            try await self.health(request, context, includeBody: true)
        }
        router.head("/integrations/:name/health") { request, context in
            try await self.health(request, context, includeBody: false)
        }
        router.get("/_sim/endpoints") { _, _ in
            try Simulator.json(status: .ok, EndpointList(endpoints: self.behaviours))
        }
        router.put("/_sim/endpoints/:name") { request, context in
            try await self.applyPatch(request, context)
        }
        addReceiverRoutes(to: router)
        addAuthRoutes(to: router)
        addToolRoutes(to: router)
        addS3Routes(to: router)
        addBucketControlRoutes(to: router)
        return router
    }

    /// `{"endpoints": {name: behaviour}}`, the control API's listing.
    struct EndpointList: Encodable {
        var endpoints: [String: EndpointBehaviour]
    }

    private func applyPatch(_ request: Request, _ context: SimulatorContext) async throws -> Response {
        guard let name = context.parameters.get("name"), !name.isEmpty else {
            return Simulator.error(.badRequest, "missing endpoint name")
        }
        var request = request
        let body = try await request.collectBody(upTo: 64 << 10)
        let patch: EndpointPatch
        do {
            patch = try JSONDecoder().decode(EndpointPatch.self, from: Data(buffer: body))
        } catch let error as DecodingError {
            return Simulator.error(.badRequest, error.plainDescription)
        } catch {
            return Simulator.error(.badRequest, "the body must be a JSON object of endpoint fields")
        }
        let behaviour = change(name, reason: "control API") { patch.apply(to: &$0) }
        return try Simulator.json(status: .ok, behaviour)
    }

    static func json(status: HTTPResponse.Status, _ value: some Encodable) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(value)
        return Response(
            status: status,
            headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data))
        )
    }

    static func error(_ status: HTTPResponse.Status, _ message: String) -> Response {
        let body = "{\"error\":\(HealthDocument.jsonString(message))}"
        return Response(status: status, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}
