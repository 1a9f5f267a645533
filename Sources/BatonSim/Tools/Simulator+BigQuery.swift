import Foundation
import Hummingbird

/// BigQuery `jobs.query`: `POST /bigquery/v2/projects/{projectId}/queries` with a Google
/// access token (from the JWT-bearer endpoint), body `{"query": "...", "useLegacySql": false}`.
///
/// The simulator runs no SQL: it answers one row whose one column is the `bigquery`
/// endpoint's last sync (the GA4 export's newest event), typed by what the query asks for:
/// `FORMAT_TIMESTAMP(…)` → STRING `2026-12-02T10:00:00Z`; `UNIX_SECONDS`/`UNIX_MILLIS` →
/// INT64 seconds/milliseconds; a bare `event_timestamp` (GA4's INT64 microseconds) or
/// `UNIX_MICROS` → INT64 microseconds; anything else → TIMESTAMP, which the REST API
/// writes as floating-point epoch seconds (`1.7648064E9`). Values are strings in `rows[].f[].v`.
/// Shapes from https://cloud.google.com/bigquery/docs/reference/rest/v2/jobs/query and
/// https://cloud.google.com/bigquery/docs/reference/rest/v2/tables#TableRow.
extension Simulator {
    func addBigQueryRoutes(to router: Router<SimulatorContext>) {
        router.post("/bigquery/v2/projects/:projectId/queries") { request, context in
            if case .failure(let refusal) = self.issuer.check(Simulator.bearerToken(request)) {
                var response = Simulator.jsonText(
                    #"{"error":{"code":401,"message":"Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.","errors":[{"message":"Invalid Credentials","domain":"global","reason":"authError","location":"Authorization","locationType":"header"}],"status":"UNAUTHENTICATED"}}"#,
                    status: .unauthorized
                )
                response.headers[.wwwAuthenticate] = refusal == .missing
                    ? #"Bearer realm="https://accounts.google.com/""#
                    : #"Bearer realm="https://accounts.google.com/", error="invalid_token""#
                return response
            }
            var request = request
            let body = try await request.collectBody(upTo: 256 << 10)
            guard let object = (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any],
                  let query = object["query"] as? String, !query.isEmpty else {
                return Simulator.jsonText(
                    #"{"error":{"code":400,"message":"Required parameter is missing: query","errors":[{"message":"Required parameter is missing: query","domain":"global","reason":"required"}],"status":"INVALID_ARGUMENT"}}"#,
                    status: .badRequest
                )
            }
            let project = HealthDocument.jsonString(context.parameters.get("projectId") ?? "")
            return try await self.toolAnswer("bigquery", context) { lastSync in
                let (type, value) = BigQueryValue.render(lastSync, query: query)
                let name = HealthDocument.jsonString(BigQueryValue.columnName(query))
                return #"{"kind":"bigquery#queryResponse","schema":{"fields":[{"name":\#(name),"type":"\#(type)","mode":"NULLABLE"}]},"jobReference":{"projectId":\#(project),"jobId":"job_baton_sim_1","location":"US"},"totalRows":"1","rows":[{"f":[{"v":\#(value)}]}],"totalBytesProcessed":"0","jobComplete":true,"cacheHit":false}"#
            }
        }
    }
}

/// How the simulated BigQuery writes one timestamp, by the query's wording.
enum BigQueryValue {
    static func render(_ time: WallClock?, query: String) -> (type: String, json: String) {
        let upper = query.uppercased()
        guard let time else {
            return (upper.contains("FORMAT_TIMESTAMP") ? "STRING" : "TIMESTAMP", "null")
        }
        let seconds = time.secondsSinceEpoch
        if upper.contains("FORMAT_TIMESTAMP") { return ("STRING", HealthDocument.jsonString(time.iso8601())) }
        if upper.contains("UNIX_MILLIS") { return ("INTEGER", quoted(Int64((seconds * 1000).rounded(.down)))) }
        if upper.contains("UNIX_SECONDS") { return ("INTEGER", quoted(Int64(seconds.rounded(.down)))) }
        if upper.contains("UNIX_MICROS") || upper.contains("EVENT_TIMESTAMP") {
            return ("INTEGER", quoted(Int64((seconds * 1_000_000).rounded(.down))))
        }
        return ("TIMESTAMP", HealthDocument.jsonString("\(seconds.rounded(.down) / 1e9)E9"))
    }

    /// The alias after the first ` AS `, else BigQuery's default name `f0_`.
    static func columnName(_ query: String) -> String {
        guard let range = query.range(of: " AS ", options: .caseInsensitive) else { return "f0_" }
        let alias = query[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "_" }
        return alias.isEmpty ? "f0_" : String(alias)
    }

    private static func quoted(_ value: Int64) -> String { "\"\(value)\"" }
}
