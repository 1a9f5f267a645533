import Hummingbird

/// HubSpot CRM search: `POST /crm/v3/objects/{objectType}/search` with a private-app token
/// (`Authorization: Bearer pat-…`, the scenario's `auth.api_key`).
///
/// Answers one record whose `hs_lastmodifieddate`/`updatedAt` is the `hubspot` endpoint's last sync.
/// Shapes from https://developers.hubspot.com/docs/api/crm/search and
/// https://developers.hubspot.com/docs/api/private-apps (401 `INVALID_AUTHENTICATION`).
extension Simulator {
    func addHubSpotRoutes(to router: Router<SimulatorContext>) {
        router.post("/crm/v3/objects/:objectType/search") { request, context in
            guard Simulator.bearerToken(request) == self.authSettings.apiKey else {
                return Simulator.jsonText(
                    #"{"status":"error","message":"Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview","correlationId":"5a3c0e6e-sim","category":"INVALID_AUTHENTICATION"}"#,
                    status: .unauthorized
                )
            }
            return try await self.toolAnswer("hubspot", context) { lastSync in
                let updated = jsonStringOrNull(lastSync?.iso8601(milliseconds: true))
                let created = jsonStringOrNull(lastSync?.advanced(bySeconds: -86_400).iso8601(milliseconds: true))
                return #"{"total":1,"results":[{"id":"51","properties":{"createdate":\#(created),"hs_lastmodifieddate":\#(updated),"hs_object_id":"51","lastmodifieddate":\#(updated)},"createdAt":\#(created),"updatedAt":\#(updated),"archived":false}]}"#
            }
        }
    }
}
