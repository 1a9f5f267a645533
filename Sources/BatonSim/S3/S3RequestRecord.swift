/// One request the simulated S3 received, for tests to see how a client signed and listed.
public struct S3RequestRecord: Codable, Sendable, Equatable {
    public var method: String
    /// The path as sent, still percent-encoded (`/_s3/exports/leads_20261202.csv`).
    public var path: String
    /// The query string as sent (`list-type=2&prefix=leads_`), nil without one.
    public var query: String?
    /// From the SigV4 `Credential=` scope: key id, region and service; nil when unsigned.
    public var accessKeyID: String?
    public var region: String?
    public var service: String?
    /// The `x-amz-content-sha256` header (`UNSIGNED-PAYLOAD` or a hex digest), nil when absent.
    public var contentSHA256: String?
    public var answeredStatus: Int

    enum CodingKeys: String, CodingKey {
        case method, path, query, region, service
        case accessKeyID = "access_key_id"
        case contentSHA256 = "content_sha256"
        case answeredStatus = "answered_status"
    }
}

/// What the `Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…` header says.
struct SigV4Authorization: Equatable {
    var accessKeyID: String
    var date: String
    var region: String
    var service: String

    /// Parses the header; nil when it is not a SigV4 authorization with a five-part credential scope.
    init?(_ header: String?) {
        let scheme = "AWS4-HMAC-SHA256 "
        guard let header, header.hasPrefix(scheme) else { return nil }
        let parameters = header.dropFirst(scheme.count).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let credential = parameters.first(where: { $0.hasPrefix("Credential=") })?.dropFirst("Credential=".count),
              parameters.contains(where: { $0.hasPrefix("Signature=") }) else { return nil }
        let scope = credential.split(separator: "/", omittingEmptySubsequences: false)
        guard scope.count == 5, scope[4] == "aws4_request", !scope[0].isEmpty else { return nil }
        accessKeyID = String(scope[0])
        date = String(scope[1])
        region = String(scope[2])
        service = String(scope[3])
    }
}
