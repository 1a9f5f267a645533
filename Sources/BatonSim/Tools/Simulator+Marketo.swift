import Hummingbird

/// Marketo bulk extract jobs, behind an identity token:
/// - `GET /bulk/v1/{leads|activities}/export/{exportId}/status.json`: one job's status;
/// - `GET /bulk/v1/{leads|activities}/export.json[?status=completed]`: the jobs created in the
///   past 7 days (Get Export Lead/Activity Jobs), here one job, filtered by `status`.
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
            router.get("/bulk/v1/\(kind)/export.json") { request, context in
                try await self.marketoExportJobs(request, context)
            }
        }
    }

    private static let marketoRequestID = #""requestId":"e42b#14272d07d78""#

    /// The `success: false` answer Marketo gives to a missing, invalid or expired token; nil for a valid one.
    private func marketoRefusal(_ request: Request) -> Response? {
        guard case .failure(let refusal) = issuer.check(Simulator.bearerToken(request)) else { return nil }
        let (code, message) = switch refusal {
        case .missing: ("600", "Access token not specified")
        case .unknown: ("601", "Access token invalid")
        case .expired: ("602", "Access token expired")
        }
        return Simulator.jsonText(#"{\#(Simulator.marketoRequestID),"success":false,"errors":[{"code":"\#(code)","message":"\#(message)"}]}"#)
    }

    private func marketoExportJobs(_ request: Request, _ context: SimulatorContext) async throws -> Response {
        if let refusal = marketoRefusal(request) { return refusal }
        let wanted = Simulator.queryFields(request)["status"].map { $0.lowercased().split(separator: ",").map(String.init) }
        let status = behaviour("marketo")?.jsonStatus ?? "ok"
        return try await toolAnswer("marketo", context) { lastSync in
            let jobStatus = lastSync == nil ? "Processing" : status == "ok" ? "Completed" : status
            guard wanted.map({ $0.contains(jobStatus.lowercased()) }) ?? true else {
                return #"{\#(Simulator.marketoRequestID),"result":[],"success":true}"#
            }
            return #"{\#(Simulator.marketoRequestID),"result":[\#(Simulator.marketoJob(exportID: "ce45a7a1-f19d-4ce2-882c-a3c795a5d05c", status: jobStatus, finished: lastSync))],"success":true}"#
        }
    }

    /// One export job as Marketo lists it; without a finish time it is still processing.
    private static func marketoJob(exportID: String, status: String, finished: WallClock?) -> String {
        let id = HealthDocument.jsonString(exportID)
        guard let finished else {
            return #"{"exportId":\#(id),"format":"CSV","status":"Processing","createdAt":\#(HealthDocument.jsonString(WallClock.now().iso8601()))}"#
        }
        func at(_ offset: Double) -> String { HealthDocument.jsonString(finished.advanced(bySeconds: offset).iso8601()) }
        return #"{"exportId":\#(id),"format":"CSV","status":\#(HealthDocument.jsonString(status)),"createdAt":\#(at(-300)),"queuedAt":\#(at(-240)),"startedAt":\#(at(-180)),"finishedAt":\#(at(0)),"numberOfRecords":122323,"fileSize":123424,"fileChecksum":"sha256:d6e7f0c1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d"}"#
    }

    private func marketoExportStatus(_ request: Request, _ context: SimulatorContext) async throws -> Response {
        if let refusal = marketoRefusal(request) { return refusal }
        let exportID = context.parameters.get("exportId") ?? ""
        let status = behaviour("marketo")?.jsonStatus ?? "ok"
        return try await toolAnswer("marketo", context) { lastSync in
            let job = Simulator.marketoJob(exportID: exportID, status: status == "ok" ? "Completed" : status, finished: lastSync)
            return #"{\#(Simulator.marketoRequestID),"result":[\#(job)],"success":true}"#
        }
    }
}
