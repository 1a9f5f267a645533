import Hummingbird

/// Marketo bulk extract job status: `GET /bulk/v1/{leads|activities}/export/{exportId}/status.json`.
///
/// `finishedAt` is the `marketo` endpoint's last sync; its `json_status` other than `ok`
/// becomes the job status (`Failed`, `Processing`, …). A missing, invalid or expired token
/// answers HTTP 200 with `success: false` and error 600/601/602, as Marketo does.
/// Shapes from https://experienceleague.adobe.com/en/docs/marketo-developer/marketo/rest/bulk-extract/bulk-lead-extract
/// and https://experienceleague.adobe.com/en/docs/marketo-developer/marketo/rest/error-codes.
extension Simulator {
    func addMarketoRoutes(to router: Router<SimulatorContext>) {
        for kind in ["leads", "activities"] {
            router.get("/bulk/v1/\(kind)/export/:exportId/status.json") { request, context in
                try await self.marketoExportStatus(request, context)
            }
        }
    }

    private func marketoExportStatus(_ request: Request, _ context: SimulatorContext) async throws -> Response {
        let requestID = #""requestId":"e42b#14272d07d78""#
        if case .failure(let refusal) = issuer.check(Simulator.bearerToken(request)) {
            let (code, message) = switch refusal {
            case .missing: ("600", "Access token not specified")
            case .unknown: ("601", "Access token invalid")
            case .expired: ("602", "Access token expired")
            }
            return Simulator.jsonText(#"{\#(requestID),"success":false,"errors":[{"code":"\#(code)","message":"\#(message)"}]}"#)
        }
        let exportID = HealthDocument.jsonString(context.parameters.get("exportId") ?? "")
        let status = behaviour("marketo")?.jsonStatus ?? "ok"
        return try await toolAnswer("marketo", context) { lastSync in
            guard let finished = lastSync else {
                return #"{\#(requestID),"result":[{"exportId":\#(exportID),"format":"CSV","status":"Processing","createdAt":\#(HealthDocument.jsonString(WallClock.now().iso8601()))}],"success":true}"#
            }
            func at(_ offset: Double) -> String { HealthDocument.jsonString(finished.advanced(bySeconds: offset).iso8601()) }
            let jobStatus = HealthDocument.jsonString(status == "ok" ? "Completed" : status)
            return #"{\#(requestID),"result":[{"exportId":\#(exportID),"format":"CSV","status":\#(jobStatus),"createdAt":\#(at(-300)),"queuedAt":\#(at(-240)),"startedAt":\#(at(-180)),"finishedAt":\#(at(0)),"numberOfRecords":122323,"fileSize":123424,"fileChecksum":"sha256:d6e7f0c1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d"}],"success":true}"#
        }
    }
}
