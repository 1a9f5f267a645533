import Hummingbird
import NIOCore

/// What every simulated vendor API shares: a fault-injectable endpoint named after the tool
/// whose `last_sync_age` is the freshness the answer reports.
extension Simulator {
    /// The endpoint names the vendor routes read their behaviour from.
    public static let toolEndpoints = ["salesforce", "marketo", "hubspot", "braze", "segment", "bigquery", "klaviyo", "shopify", "meta"]

    func addToolRoutes(to router: Router<SimulatorContext>) {
        addSalesforceRoutes(to: router)
        addMarketoRoutes(to: router)
        addHubSpotRoutes(to: router)
        addBrazeRoutes(to: router)
        addSegmentRoutes(to: router)
        addBigQueryRoutes(to: router)
        addKlaviyoRoutes(to: router)
        addShopifyRoutes(to: router)
        addMetaRoutes(to: router)
    }

    /// Answers for the tool endpoint `name`: counts the hit, then hangs, closes, waits, fails
    /// or renders as its behaviour says. `render` gets the time of the last sync (nil when the
    /// behaviour has none) and returns the JSON body.
    func toolAnswer(_ name: String, _ context: SimulatorContext, render: (WallClock?) throws -> String) async throws -> Response {
        let behaviour = recordHit(name, creating: true) ?? EndpointBehaviour()
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
        if behaviour.mode == .notJSON {
            return Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(string: HealthDocument.htmlPage)))
        }
        guard (200..<300).contains(behaviour.status) else {
            return Simulator.error(status, "simulated \(name) failure (HTTP \(behaviour.status))")
        }
        let lastSync = behaviour.lastSyncAgeSeconds.map { WallClock.now().advanced(bySeconds: -$0) }
        return Simulator.jsonText(try render(lastSync))
    }

    static func jsonText(_ json: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(string: json)))
    }

    /// A request header by its lower-case name, for names `HTTPField.Name` has no constant for.
    static func header(_ lowercasedName: String, in request: Request) -> String? {
        request.headers.first { $0.name.canonicalName == lowercasedName }?.value
    }

    /// The query string's fields, form-decoded.
    static func queryFields(_ request: Request) -> [String: String] {
        FormDecoding.fields(request.uri.query.map { $0[...] } ?? "")
    }
}

extension WallClock {
    /// `2026-12-02T10:00:00Z` with the zone written as the vendor writes it (`+0000`, `+00:00`, `Z`)
    /// and optionally milliseconds.
    func iso8601(milliseconds: Bool = false, zone: String = "Z") -> String {
        String(rfc3339(withFraction: milliseconds).dropLast()) + zone
    }
}

/// `"…"` or `null`, for optional timestamps in hand-written JSON.
func jsonStringOrNull(_ text: String?) -> String {
    text.map(HealthDocument.jsonString) ?? "null"
}
