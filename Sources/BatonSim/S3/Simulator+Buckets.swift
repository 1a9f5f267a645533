import Foundation
import Hummingbird
import NIOCore

/// The simulated S3 buckets: their objects, changes to them, and their control API:
/// - `GET /_sim/buckets`: every bucket's objects (with the keys they resolve to now) and the S3 requests seen;
/// - `PUT /_sim/buckets/{bucket}` with `{"objects": [...]}`: replaces a bucket's objects (creating it);
/// - `DELETE /_sim/buckets/{bucket}`: removes a bucket;
/// - `PUT /_sim/buckets/{bucket}/{key}` with a patch (`{"age": "26h"}`, `{"size": 0}`): changes one object,
///   named by its key template or by the key it resolves to now, creating it when new;
/// - `DELETE /_sim/buckets/{bucket}/{key}`: removes one object.
extension Simulator {
    /// Every bucket and its objects.
    public var buckets: [String: [S3Object]] {
        state.withLock { $0.buckets }
    }

    /// Replaces a bucket's objects, creating the bucket if it is new.
    public func setBucket(_ name: String, _ objects: [S3Object]) {
        state.withLock { $0.buckets[name] = objects }
        logger.info("bucket \(name): \(objects.count) object\(objects.count == 1 ? "" : "s") (set)")
    }

    /// Removes a bucket; its objects answer NoSuchBucket from now on.
    public func removeBucket(_ name: String) {
        let removed = state.withLock { $0.buckets.removeValue(forKey: name) != nil }
        if removed { logger.info("bucket \(name): removed") }
    }

    /// Merges a patch into the object named `key` (its template, or the key it resolves to now),
    /// creating the object, and its bucket, when new.
    @discardableResult
    public func updateObject(in bucket: String, key: String, _ patch: S3ObjectPatch, reason: String = "update") -> S3Object {
        let now = WallClock.now()
        let (old, new) = state.withLock { state -> (S3Object?, S3Object) in
            var objects = state.buckets[bucket] ?? []
            let index = Simulator.objectIndex(key, in: objects, now: now)
            let old = index.map { objects[$0] }
            var new = old ?? S3Object(key: key)
            patch.apply(to: &new)
            if let index { objects[index] = new } else { objects.append(new) }
            state.buckets[bucket] = objects
            return (old, new)
        }
        logger.info("bucket \(bucket): \(Simulator.describeChange(from: old, to: new)) (\(reason))")
        return new
    }

    /// Removes the object named `key` (its template, or the key it resolves to now); false when there was none.
    @discardableResult
    public func removeObject(from bucket: String, key: String, reason: String = "remove") -> Bool {
        let now = WallClock.now()
        let removed = state.withLock { state -> S3Object? in
            guard var objects = state.buckets[bucket], let index = Simulator.objectIndex(key, in: objects, now: now) else { return nil }
            let removed = objects.remove(at: index)
            state.buckets[bucket] = objects
            return removed
        }
        if let removed { logger.info("bucket \(bucket): \(removed.key) removed (\(reason))") }
        return removed != nil
    }

    /// Every S3 request received so far (the last 1,000), in order.
    public var s3Requests: [S3RequestRecord] {
        state.withLock { $0.s3Requests }
    }

    func recordS3(_ record: S3RequestRecord) {
        state.withLock { state in
            state.s3Requests.append(record)
            if state.s3Requests.count > 1000 { state.s3Requests.removeFirst(state.s3Requests.count - 1000) }
        }
    }

    /// Applies a timeline change.
    func apply(_ change: TimelineEvent.Change, reason: String) {
        switch change {
        case .endpoint(let name, let patch):
            self.change(name, reason: reason) { patch.apply(to: &$0) }
        case .object(let bucket, let key, let patch):
            updateObject(in: bucket, key: key, patch, reason: reason)
        case .removeObject(let bucket, let key):
            removeObject(from: bucket, key: key, reason: reason)
        }
    }

    /// The object whose template is `key`, else the one that resolves to `key` now (bytes compared).
    static func objectIndex(_ key: String, in objects: [S3Object], now: WallClock) -> Int? {
        objects.firstIndex { $0.key.utf8.elementsEqual(key.utf8) }
            ?? objects.firstIndex { $0.resolvedKey(now: now).utf8.elementsEqual(key.utf8) }
    }

    static func describeChange(from old: S3Object?, to new: S3Object) -> String {
        let age = { (object: S3Object) in HumanDuration.describe(seconds: object.ageSeconds) }
        let size = { (object: S3Object) in HumanSize.describe(bytes: object.size) }
        guard let old else { return "\(new.key) created (age \(age(new)), size \(size(new)))" }
        var parts: [String] = []
        if old.ageSeconds != new.ageSeconds { parts.append("age \(age(old)) → \(age(new))") }
        if old.size != new.size { parts.append("size \(size(old)) → \(size(new))") }
        return "\(new.key) " + (parts.isEmpty ? "unchanged" : parts.joined(separator: ", "))
    }

    // MARK: Control API

    /// `{"buckets": {name: [object]}, "requests": [record]}`, the control API's view.
    struct BucketList: Encodable {
        struct Object: Encodable {
            var key: String
            var resolvedKey: String
            var ageSeconds: Double
            var size: Int

            enum CodingKeys: String, CodingKey {
                case key, size
                case resolvedKey = "resolved_key"
                case ageSeconds = "age_seconds"
            }
        }

        var buckets: [String: [Object]]
        var requests: [S3RequestRecord]
    }

    /// `{"objects": [...]}`, the body of `PUT /_sim/buckets/{bucket}`.
    struct BucketContents: Decodable {
        var objects: [S3Object]
    }

    func addBucketControlRoutes(to router: Router<SimulatorContext>) {
        router.get("/_sim/buckets") { _, _ in
            let now = WallClock.now()
            let (buckets, requests) = self.state.withLock { ($0.buckets, $0.s3Requests) }
            let view = buckets.mapValues { objects in
                objects.map { BucketList.Object(key: $0.key, resolvedKey: $0.resolvedKey(now: now), ageSeconds: $0.ageSeconds, size: $0.size) }
            }
            return try Simulator.json(status: .ok, BucketList(buckets: view, requests: requests))
        }
        router.put("/_sim/buckets/:bucket") { request, context in
            guard let bucket = context.parameters.get("bucket"), !bucket.isEmpty else {
                return Simulator.error(.badRequest, "missing bucket name")
            }
            switch try await Simulator.decodeBody(BucketContents.self, request, "a JSON object {\"objects\": [...]}") {
            case .failure(let failure):
                return failure.response
            case .success(let contents):
                self.setBucket(bucket, contents.objects)
                return try Simulator.json(status: .ok, ["objects": contents.objects])
            }
        }
        router.delete("/_sim/buckets/:bucket") { _, context in
            guard let bucket = context.parameters.get("bucket"), self.buckets[bucket] != nil else {
                return Simulator.error(.notFound, "no such bucket")
            }
            self.removeBucket(bucket)
            return try Simulator.json(status: .ok, ["removed": true])
        }
        router.put("/_sim/buckets/:bucket/**") { request, context in
            guard let (bucket, key) = Simulator.bucketAndKey(request.uri.path, under: "/_sim/buckets/") else {
                return Simulator.error(.badRequest, "the path must be /_sim/buckets/{bucket}/{key}")
            }
            _ = context
            switch try await Simulator.decodeBody(S3ObjectPatch.self, request, "a JSON object of object fields") {
            case .failure(let failure):
                return failure.response
            case .success(let patch):
                return try Simulator.json(status: .ok, self.updateObject(in: bucket, key: key, patch, reason: "control API"))
            }
        }
        router.delete("/_sim/buckets/:bucket/**") { request, _ in
            guard let (bucket, key) = Simulator.bucketAndKey(request.uri.path, under: "/_sim/buckets/") else {
                return Simulator.error(.badRequest, "the path must be /_sim/buckets/{bucket}/{key}")
            }
            guard self.removeObject(from: bucket, key: key, reason: "control API") else {
                return Simulator.error(.notFound, "no such object")
            }
            return try Simulator.json(status: .ok, ["removed": true])
        }
    }

    /// Decodes a JSON request body, or the 400 that says why it could not be.
    static func decodeBody<T: Decodable>(_ type: T.Type, _ request: Request, _ expected: String) async throws -> Result<T, ResponseFailure> {
        var request = request
        let body = try await request.collectBody(upTo: 256 << 10)
        do {
            return .success(try JSONDecoder().decode(T.self, from: Data(buffer: body)))
        } catch let error as DecodingError {
            return .failure(ResponseFailure(response: Simulator.error(.badRequest, error.plainDescription)))
        } catch {
            return .failure(ResponseFailure(response: Simulator.error(.badRequest, "the body must be \(expected)")))
        }
    }

    /// The bucket and the percent-decoded key of a path `{base}{bucket}/{key…}`; nil without a key.
    static func bucketAndKey(_ path: String, under base: String) -> (bucket: String, key: String)? {
        guard path.hasPrefix(base) else { return nil }
        let rest = path.dropFirst(base.count)
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        let bucket = FormDecoding.unescape(rest[..<slash], plusIsSpace: false)
        let key = FormDecoding.unescape(rest[rest.index(after: slash)...], plusIsSpace: false)
        guard !bucket.isEmpty, !key.isEmpty else { return nil }
        return (bucket, key)
    }
}

/// A ready-made error response, carried through a `Result`.
struct ResponseFailure: Error {
    var response: Response
}
