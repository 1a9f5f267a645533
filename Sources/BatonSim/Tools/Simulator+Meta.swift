import Foundation
import Hummingbird

/// Meta Graph API for the pixel that the Conversions API feeds, with `access_token` in the
/// query or form, or `Authorization: Bearer` (the scenario's `auth.api_key`):
/// - `GET /vXX.X/{pixel_id}?fields=last_fired_time`: `{"last_fired_time":"2026-12-02T10:00:00+0000","id":"…"}`,
///   the `meta` endpoint's last sync (https://developers.facebook.com/docs/marketing-api/reference/ads-pixel/).
/// - `POST /vXX.X/{pixel_id}/events` with `data` (JSON, or a form field holding JSON):
///   `{"events_received":1,"messages":[],"fbtrace_id":"…"}`
///   (https://developers.facebook.com/docs/marketing-api/conversions-api/using-the-api).
/// A bad token is HTTP 400 `OAuthException` code 190, as the Graph API answers.
extension Simulator {
    func addMetaRoutes(to router: Router<SimulatorContext>) {
        router.get("/:version/:pixelId") { request, context in
            try await self.metaPixel(request, context)
        }
        router.post("/:version/:pixelId/events") { request, context in
            try await self.metaEvents(request, context)
        }
    }

    private static let graphNotFound = #"{"error":{"message":"Unknown path components","type":"OAuthException","code":2500,"fbtrace_id":"AbCdEfSim1"}}"#

    private func metaAccessToken(_ request: Request, form: [String: String]) -> String? {
        Simulator.queryFields(request)["access_token"] ?? form["access_token"] ?? Simulator.bearerToken(request)
    }

    private func metaRefusal(_ token: String?) -> Response? {
        guard token != authSettings.apiKey else { return nil }
        return Simulator.jsonText(
            #"{"error":{"message":"Invalid OAuth access token - Cannot parse access token","type":"OAuthException","code":190,"fbtrace_id":"AbCdEfSim2"}}"#,
            status: .badRequest
        )
    }

    private static func isGraphVersion(_ context: SimulatorContext) -> Bool {
        guard let version = context.parameters.get("version"), version.hasPrefix("v") else { return false }
        return version.dropFirst().allSatisfy { $0.isNumber || $0 == "." }
    }

    private func metaPixel(_ request: Request, _ context: SimulatorContext) async throws -> Response {
        guard Simulator.isGraphVersion(context), let pixel = context.parameters.get("pixelId") else {
            return Simulator.jsonText(Simulator.graphNotFound, status: .notFound)
        }
        if let refusal = metaRefusal(metaAccessToken(request, form: [:])) { return refusal }
        let fields = (Simulator.queryFields(request)["fields"] ?? "last_fired_time").split(separator: ",").map { String($0).trimmingWhitespace() }
        return try await toolAnswer("meta", context) { lastSync in
            var members: [String] = []
            if fields.contains("name") { members.append(#""name":"Baton Demo Pixel""#) }
            if fields.contains("last_fired_time") {
                members.append(#""last_fired_time":\#(jsonStringOrNull(lastSync?.iso8601(zone: "+0000")))"#)
            }
            members.append(#""id":\#(HealthDocument.jsonString(pixel))"#)
            return "{" + members.joined(separator: ",") + "}"
        }
    }

    private func metaEvents(_ request: Request, _ context: SimulatorContext) async throws -> Response {
        guard Simulator.isGraphVersion(context) else { return Simulator.jsonText(Simulator.graphNotFound, status: .notFound) }
        var request = request
        let body = try await request.collectBody(upTo: 1 << 20)
        let text = String(buffer: body)
        var form: [String: String] = [:]
        var events: [Any]?
        if request.headers[.contentType]?.lowercased().hasPrefix("application/json") ?? false {
            let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
            events = object?["data"] as? [Any]
            if let token = object?["access_token"] as? String { form["access_token"] = token }
        } else {
            form = FormDecoding.fields(text[...])
            events = form["data"].flatMap { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [Any] }
        }
        if let refusal = metaRefusal(metaAccessToken(request, form: form)) { return refusal }
        guard let events, !events.isEmpty else {
            return Simulator.jsonText(#"{"error":{"message":"(#100) The parameter data is required","type":"OAuthException","code":100,"fbtrace_id":"AbCdEfSim3"}}"#, status: .badRequest)
        }
        let received = events.count
        return try await toolAnswer("meta", context) { _ in
            #"{"events_received":\#(received),"messages":[],"fbtrace_id":"AbCdEfSim4"}"#
        }
    }
}
