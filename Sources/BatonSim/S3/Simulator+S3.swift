import Crypto
import Hummingbird
import NIOCore

/// A path-style, S3-compatible object store under `/_s3/`, for file-drop checks
/// (`s3://exports/leads_*.csv` with `endpoint: http://127.0.0.1:9480/_s3`):
/// - `GET /_s3/{bucket}?list-type=2&prefix=…`: ListObjectsV2 (`prefix`, `delimiter`,
///   `max-keys`, `continuation-token`, `start-after`);
/// - `HEAD|GET /_s3/{bucket}/{key}`: the object, with `Last-Modified`, `Content-Length`, `ETag`;
/// - `HEAD /_s3/{bucket}`: whether the bucket exists.
///
/// Every request must be signed (`Authorization: AWS4-HMAC-SHA256 Credential=…`) and carry
/// `x-amz-content-sha256`, or it is refused with 403 AccessDenied; the signature itself is not
/// verified (moto does that in the HTTP engine's tests). A missing bucket is 404 NoSuchBucket,
/// a missing key 404 NoSuchKey. The `s3` endpoint's behaviour, when a scenario defines one,
/// makes every S3 request hang, close, wait or fail (`{ s3: { status: 503 } }` is SlowDown).
extension Simulator {
    func addS3Routes(to router: Router<SimulatorContext>) {
        router.get("/_s3/:bucket") { request, context in
            try await self.s3Answer(request, context) { try self.listObjects(request, context, $0) }
        }
        router.head("/_s3/:bucket") { request, context in
            try await self.s3Answer(request, context) { requestID in
                guard let bucket = context.parameters.get("bucket"), self.buckets[bucket] != nil else {
                    return Simulator.s3Error(.notFound, "NoSuchBucket", "", requestID: requestID, includeBody: false)
                }
                return Response(status: .ok, headers: Simulator.s3Headers(requestID))
            }
        }
        router.get("/_s3/:bucket/**") { request, context in
            try await self.s3Answer(request, context) { self.object(request, $0, includeBody: true) }
        }
        router.head("/_s3/:bucket/**") { request, context in
            try await self.s3Answer(request, context) { self.object(request, $0, includeBody: false) }
        }
    }

    /// Checks the signature headers, applies the `s3` endpoint's faults, answers with `body`, and records the request.
    private func s3Answer(_ request: Request, _ context: SimulatorContext, _ body: (String) throws -> Response) async throws -> Response {
        let requestID = Simulator.requestID()
        let includeBody = request.method != .head
        let authorization = SigV4Authorization(request.headers[.authorization])
        let contentSHA256 = Simulator.header("x-amz-content-sha256", in: request)
        var record = S3RequestRecord(
            method: request.method.rawValue, path: request.uri.path, query: request.uri.query,
            accessKeyID: authorization?.accessKeyID, region: authorization?.region, service: authorization?.service,
            contentSHA256: contentSHA256, answeredStatus: 0
        )
        defer { recordS3(record) }

        let response: Response
        if authorization == nil {
            response = Simulator.s3Error(.forbidden, "AccessDenied", "Access Denied", requestID: requestID, includeBody: includeBody)
        } else if contentSHA256 == nil {
            response = Simulator.s3Error(
                .forbidden, "AccessDenied", "Missing required header for this request: x-amz-content-sha256",
                requestID: requestID, includeBody: includeBody
            )
        } else if let fault = try await s3Fault(context, requestID: requestID, includeBody: includeBody) {
            response = fault
        } else {
            response = try body(requestID)
        }
        record.answeredStatus = response.status.code
        return response
    }

    /// What the `s3` endpoint's behaviour does to a request, if anything: nil to answer normally.
    private func s3Fault(_ context: SimulatorContext, requestID: String, includeBody: Bool) async throws -> Response? {
        guard let behaviour = recordHit("s3") else { return nil }
        switch behaviour.mode {
        case .hang:
            await Simulator.waitUntilClosed(context.channel)
            return Response(status: .serviceUnavailable)
        case .closeConnection:
            try? await context.channel.close()
            return Response(status: .serviceUnavailable)
        default:
            break
        }
        if behaviour.latencyMs > 0 {
            try await Task.sleep(for: .milliseconds(behaviour.latencyMs))
        }
        guard !(200..<300).contains(behaviour.status) else { return nil }
        let (code, message) = switch behaviour.status {
        case 503: ("SlowDown", "Please reduce your request rate.")
        case 500...: ("InternalError", "We encountered an internal error. Please try again.")
        case 403: ("AccessDenied", "Access Denied")
        default: ("InvalidRequest", "simulated failure (HTTP \(behaviour.status))")
        }
        return Simulator.s3Error(HTTPResponse.Status(code: behaviour.status), code, message, requestID: requestID, includeBody: includeBody)
    }

    private func listObjects(_ request: Request, _ context: SimulatorContext, _ requestID: String) throws -> Response {
        let bucketName = context.parameters.get("bucket") ?? ""
        let fields = FormDecoding.fields(request.uri.query.map { $0[...] } ?? "", plusIsSpace: false)
        guard fields["list-type"] == "2" else {
            return Simulator.s3Error(
                .notImplemented, "NotImplemented", "baton-sim implements ListObjectsV2 (list-type=2) only",
                requestID: requestID, includeBody: true
            )
        }
        guard let objects = buckets[bucketName] else {
            return Simulator.s3Error(
                .notFound, "NoSuchBucket", "The specified bucket does not exist", details: [("BucketName", bucketName)],
                requestID: requestID, includeBody: true
            )
        }
        let query: S3Listing.Query
        switch S3Listing.query(from: fields) {
        case .failure(let invalid):
            return Simulator.s3Error(.badRequest, "InvalidArgument", invalid.message, requestID: requestID, includeBody: true)
        case .success(let parsed):
            query = parsed
        }
        let now = WallClock.now()
        let entries = objects.map { object in
            S3Listing.Entry(key: object.resolvedKey(now: now), lastModified: object.lastModified(now: now), size: object.size, eTag: Simulator.eTag(object, now: now))
        }
        let xml = S3XML.listBucketResult(bucket: bucketName, query: query, listing: S3Listing.page(entries, query))
        var headers = Simulator.s3Headers(requestID)
        headers[.contentType] = "application/xml"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: xml)))
    }

    private func object(_ request: Request, _ requestID: String, includeBody: Bool) -> Response {
        guard let (bucketName, key) = Simulator.bucketAndKey(request.uri.path, under: "/_s3/") else {
            return Simulator.s3Error(.badRequest, "InvalidRequest", "the path must be /_s3/{bucket}/{key}", requestID: requestID, includeBody: includeBody)
        }
        guard let objects = buckets[bucketName] else {
            return Simulator.s3Error(
                .notFound, "NoSuchBucket", "The specified bucket does not exist", details: [("BucketName", bucketName)],
                requestID: requestID, includeBody: includeBody
            )
        }
        let now = WallClock.now()
        guard let object = objects.last(where: { $0.resolvedKey(now: now).utf8.elementsEqual(key.utf8) }) else {
            return Simulator.s3Error(
                .notFound, "NoSuchKey", "The specified key does not exist.", details: [("Key", key)],
                requestID: requestID, includeBody: includeBody
            )
        }
        var headers = Simulator.s3Headers(requestID)
        headers[.lastModified] = object.lastModified(now: now).httpDate
        headers[.eTag] = Simulator.eTag(object, now: now)
        headers[.contentType] = Simulator.contentType(of: key)
        headers[.acceptRanges] = "bytes"
        // Set before the body so that a HEAD keeps the object's length rather than its empty body's.
        headers[.contentLength] = String(object.size)
        return Response(status: .ok, headers: headers, body: includeBody ? S3Body.body(size: object.size) : ResponseBody())
    }

    static func s3Error(
        _ status: HTTPResponse.Status, _ code: String, _ message: String, details: [(String, String)] = [],
        requestID: String, includeBody: Bool
    ) -> Response {
        var headers = s3Headers(requestID)
        guard includeBody else { return Response(status: status, headers: headers) }
        headers[.contentType] = "application/xml"
        let xml = S3XML.error(code, message, details: details, requestID: requestID)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: xml)))
    }

    static func s3Headers(_ requestID: String) -> HTTPFields {
        var headers = HTTPFields()
        // HTTPField.Name is not re-exported by Hummingbird; an implicit member reaches its initialiser.
        headers[.init("x-amz-request-id") ?? .via] = requestID
        headers[.server] = "AmazonS3"
        return headers
    }

    static func requestID() -> String {
        var random = SystemRandomNumberGenerator()
        let digits = Array("0123456789ABCDEF")
        return String((0..<16).map { _ in digits[Int(random.next() as UInt8) & 0x0F] })
    }

    /// A stable quoted ETag for the object's content, which its resolved key and size determine.
    /// Not its modification time: an object of a fixed age "moves" with the clock, and a HEAD and a
    /// GET a second apart must still agree on the ETag.
    static func eTag(_ object: S3Object, now: WallClock) -> String {
        let identity = "\(object.resolvedKey(now: now))|\(object.size)"
        let hex = SHA256.hash(data: Array(identity.utf8)).prefix(16).map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
        }
        return "\"" + hex.joined() + "\""
    }

    static func contentType(of key: String) -> String {
        let lowered = key.lowercased()
        if lowered.hasSuffix(".csv") { return "text/csv" }
        if lowered.hasSuffix(".json") { return "application/json" }
        if lowered.hasSuffix(".txt") { return "text/plain" }
        if lowered.hasSuffix(".gz") { return "application/gzip" }
        return "application/octet-stream"
    }
}

/// An object's body: `size` bytes of CSV-like lead rows, written 64 KiB at a time so that a large
/// export is never held in memory whole.
enum S3Body {
    static func body(size: Int) -> ResponseBody {
        ResponseBody(contentLength: size) { writer in
            var remaining = size
            while remaining > 0 {
                let count = min(remaining, chunk.readableBytes)
                try await writer.write(chunk.getSlice(at: chunk.readerIndex, length: count) ?? ByteBuffer())
                remaining -= count
            }
            try await writer.finish(nil)
        }
    }

    static let chunk: ByteBuffer = {
        var text = "email,first_name,last_name,source,created_at\n"
        var row = 0
        while text.utf8.count < 64 << 10 {
            row += 1
            text += "lead\(row)@example.com,Ada,Lovelace,web-form,2026-12-01T09:00:00Z\n"
        }
        return ByteBuffer(string: String(decoding: text.utf8.prefix(64 << 10), as: UTF8.self))
    }()
}
