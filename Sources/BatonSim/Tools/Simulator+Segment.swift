import Hummingbird

/// Segment Public API warehouse syncs: `GET /warehouses/{warehouseId}/syncs` with a
/// workspace token (`Authorization: Bearer …`, the scenario's `auth.api_key`).
///
/// The latest report's `end` is the `segment` endpoint's last sync; its `json_status`
/// other than `ok` becomes the report status.
/// Shape from https://docs.segmentapis.com/tag/Selective-Sync/ (List Syncs from Warehouse,
/// model `SyncV1`: sourceId, start, end, status, duration, humanDuration, count, notices).
extension Simulator {
    func addSegmentRoutes(to router: Router<SimulatorContext>) {
        router.get("/warehouses/:warehouseId/syncs") { request, context in
            guard Simulator.bearerToken(request) == self.authSettings.apiKey else {
                return Simulator.jsonText(#"{"errors":[{"type":"unauthorized","message":"Unauthorized"}]}"#, status: .unauthorized)
            }
            let status = self.behaviour("segment")?.jsonStatus ?? "ok"
            return try await self.toolAnswer("segment", context) { lastSync in
                guard let end = lastSync else {
                    return #"{"data":{"reports":[],"pagination":{"current":"MA==","totalEntries":0}}}"#
                }
                let reportStatus = HealthDocument.jsonString(status == "ok" ? "SUCCESS" : status)
                return #"{"data":{"reports":[{"sourceId":"rh5BDZp6QDHvXFCkibm1pR","start":\#(HealthDocument.jsonString(end.advanced(bySeconds: -95).iso8601())),"end":\#(HealthDocument.jsonString(end.iso8601())),"status":\#(reportStatus),"duration":95000,"humanDuration":"1m 35s","count":18234,"notices":[]}],"pagination":{"current":"MA==","totalEntries":1}}}"#
            }
        }
    }
}
