import Hummingbird

/// Braze campaign details: `GET /campaigns/details?campaign_id=…` with a REST API key
/// (`Authorization: Bearer …`, the scenario's `auth.api_key`).
///
/// `last_sent` is the `braze` endpoint's last sync.
/// Shape from https://www.braze.com/docs/api/endpoints/export/campaigns/get_campaign_details/.
extension Simulator {
    func addBrazeRoutes(to router: Router<SimulatorContext>) {
        router.get("/campaigns/details") { request, context in
            guard Simulator.bearerToken(request) == self.authSettings.apiKey else {
                return Simulator.jsonText(#"{"message":"Invalid API key"}"#, status: .unauthorized)
            }
            guard let campaign = Simulator.queryFields(request)["campaign_id"], !campaign.isEmpty else {
                return Simulator.jsonText(#"{"message":"campaign_id is required"}"#, status: .badRequest)
            }
            return try await self.toolAnswer("braze", context) { lastSync in
                let lastSent = jsonStringOrNull(lastSync?.iso8601(zone: "+00:00"))
                let created = HealthDocument.jsonString(WallClock.now().advanced(bySeconds: -90 * 86_400).iso8601(zone: "+00:00"))
                return #"{"message":"success","created_at":\#(created),"updated_at":\#(created),"archived":false,"draft":false,"enabled":true,"has_post_launch_draft":false,"name":"Daily digest","description":"","schedule_type":"time_based","channels":["email"],"first_sent":\#(created),"last_sent":\#(lastSent),"tags":[],"teams":[],"messages":{},"conversion_behaviors":[]}"#
            }
        }
    }
}
