import Hummingbird

/// Klaviyo events: `GET /api/events?sort=-datetime` with `Authorization: Klaviyo-API-Key …`
/// (the scenario's `auth.api_key`) and the required `revision` header.
///
/// Answers one JSON:API event whose `datetime` is the `klaviyo` endpoint's last sync.
/// Shapes from https://developers.klaviyo.com/en/reference/get_events and
/// https://developers.klaviyo.com/en/docs/authenticate_ (401 `not_authenticated`).
extension Simulator {
    func addKlaviyoRoutes(to router: Router<SimulatorContext>) {
        router.get("/api/events") { request, context in
            guard request.headers[.authorization] == "Klaviyo-API-Key \(self.authSettings.apiKey)" else {
                return Simulator.jsonText(
                    #"{"errors":[{"id":"4c2f7d1e-sim","status":401,"code":"not_authenticated","title":"Authentication credentials were not provided.","detail":"Missing or invalid private key.","source":{"pointer":"/data/"}}]}"#,
                    status: .unauthorized
                )
            }
            guard let revision = Simulator.header("revision", in: request), !revision.isEmpty else {
                return Simulator.jsonText(
                    #"{"errors":[{"id":"7d2a9b3c-sim","status":400,"code":"invalid","title":"Invalid input.","detail":"A revision header is required.","source":{"parameter":"revision"}}]}"#,
                    status: .badRequest
                )
            }
            return try await self.toolAnswer("klaviyo", context) { lastSync in
                guard let time = lastSync else {
                    return #"{"data":[],"links":{"self":"https://a.klaviyo.com/api/events","next":null,"prev":null}}"#
                }
                let datetime = HealthDocument.jsonString(time.iso8601(zone: "+00:00"))
                return #"{"data":[{"type":"event","id":"4sDShKQjrdT","attributes":{"timestamp":\#(Int64(time.secondsSinceEpoch.rounded(.down))),"event_properties":{},"datetime":\#(datetime),"uuid":"8a8b3c00-2a3b-11ef-8000-5d5e1a0b6c7d"},"links":{"self":"https://a.klaviyo.com/api/events/4sDShKQjrdT/"}}],"links":{"self":"https://a.klaviyo.com/api/events","next":null,"prev":null}}"#
            }
        }
    }
}
