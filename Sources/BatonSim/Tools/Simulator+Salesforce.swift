import Hummingbird

/// Salesforce REST API: `GET /services/data/vXX.X/query?q=SOQL` behind an OAuth2 token.
///
/// Any SELECT answers one aggregate record whose `expr0` is the `salesforce` endpoint's
/// last sync, as `SELECT MAX(LastModifiedDate) FROM Lead` would:
/// `{"totalSize":1,"done":true,"records":[{"attributes":{"type":"AggregateResult"},"expr0":"2026-12-02T10:00:00.000+0000"}]}`.
/// Shapes from https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_query.htm
/// and https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/errorcodes.htm (401 INVALID_SESSION_ID).
extension Simulator {
    func addSalesforceRoutes(to router: Router<SimulatorContext>) {
        router.get("/services/data/:version/query") { request, context in
            guard context.parameters.get("version")?.hasPrefix("v") ?? false else {
                return Simulator.jsonText(#"[{"errorCode":"NOT_FOUND","message":"The requested resource does not exist"}]"#, status: .notFound)
            }
            if case .failure(let refusal) = self.issuer.check(Simulator.bearerToken(request)) {
                return Simulator.unauthorized(refusal, json: #"[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]"#)
            }
            let soql = Simulator.queryFields(request)["q"] ?? ""
            guard soql.trimmingWhitespace().lowercased().hasPrefix("select ") else {
                let message = HealthDocument.jsonString("unexpected token: " + String(soql.prefix(40)))
                return Simulator.jsonText(#"[{"message":\#(message),"errorCode":"MALFORMED_QUERY"}]"#, status: .badRequest)
            }
            return try await self.toolAnswer("salesforce", context) { lastSync in
                let expr0 = jsonStringOrNull(lastSync?.iso8601(milliseconds: true, zone: "+0000"))
                return #"{"totalSize":1,"done":true,"records":[{"attributes":{"type":"AggregateResult"},"expr0":\#(expr0)}]}"#
            }
        }
    }
}
