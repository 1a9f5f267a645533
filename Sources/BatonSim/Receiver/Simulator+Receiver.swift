import Foundation
import Hummingbird
import NIOCore

/// The simulated chat webhooks: `POST /_sim/notices/{channel}` records and answers;
/// `GET /_sim/notices[/{channel}]` lists what arrived; `PUT /_sim/receivers/{channel}` sets how it answers.
extension Simulator {
    /// Notices received so far, for one channel or all.
    public func notices(_ channel: String? = nil) -> [ReceivedNotice] {
        receiver.received(channel)
    }

    /// Sets how a simulated webhook answers.
    public func setReceiver(_ channel: String, _ behaviour: ReceiverBehaviour) {
        receiver.set(channel, behaviour)
    }

    /// Returns once at least `count` notices arrived (for `channel`, or in all).
    public func waitForNotices(_ channel: String? = nil, atLeast count: Int) async {
        await receiver.waitFor(channel, atLeast: count)
    }

    func addReceiverRoutes(to router: Router<SimulatorContext>) {
        router.post("/_sim/notices/:channel") { request, context in
            try await self.receiveNotice(request, context)
        }
        router.get("/_sim/notices") { _, _ in
            try Simulator.json(status: .ok, ["notices": self.receiver.received(nil)])
        }
        router.get("/_sim/notices/:channel") { _, context in
            try Simulator.json(status: .ok, ["notices": self.receiver.received(context.parameters.get("channel"))])
        }
        router.put("/_sim/receivers/:channel") { request, context in
            guard let channel = context.parameters.get("channel") else { return Simulator.error(.badRequest, "missing channel") }
            var request = request
            let body = try await request.collectBody(upTo: 64 << 10)
            guard let behaviour = try? JSONDecoder().decode(ReceiverBehaviour.self, from: Data(buffer: body)) else {
                return Simulator.error(.badRequest, "expected {\"status\", \"failures\", \"failure_status\", \"retry_after\", \"hang\"}")
            }
            self.receiver.set(channel, behaviour)
            return try Simulator.json(status: .ok, behaviour)
        }
    }

    private func receiveNotice(_ request: Request, _ context: SimulatorContext) async throws -> Response {
        let channel = context.parameters.get("channel") ?? ""
        var request = request
        let body = try await request.collectBody(upTo: 1 << 20)
        var headers: [String: String] = [:]
        for field in request.headers {
            headers[field.name.canonicalName.lowercased()] = field.value
        }
        let answer = receiver.receive(channel: channel, headers: headers, body: String(buffer: body))
        if answer.hang {
            try? await Task.sleep(for: .seconds(3600))
        }
        var responseHeaders: HTTPFields = [.contentType: "text/plain"]
        if let retryAfter = answer.retryAfter {
            responseHeaders[.retryAfter] = retryAfter
        }
        let text = (200..<300).contains(answer.status) ? "ok" : "simulated failure"
        return Response(status: .init(code: answer.status), headers: responseHeaders, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
