/// One object in a simulated S3 bucket: its key, how old it is and how big.
///
/// The key may hold `{date}` (`20261202`) or `{day}` (`2026-12-02`): the UTC date of the
/// object's modification time, so a nightly export named for its day keeps a name that
/// matches its age (`leads_{date}.csv` 26 hours old is yesterday's file). The age is
/// relative to the moment of each request, so an object grows older while the simulator runs.
///
/// Encoded as the control API shows it: `{"key": …, "age_seconds": …, "size": …}`.
public struct S3Object: Codable, Sendable, Equatable {
    /// The key as written, templates unresolved.
    public var key: String
    /// The modification time is now minus this many seconds.
    public var ageSeconds: Double
    /// Content-Length in bytes; the body is that many bytes of CSV-like text.
    public var size: Int

    public static let defaultAgeSeconds: Double = 3600
    public static let defaultSize = 1024

    public init(key: String, ageSeconds: Double = S3Object.defaultAgeSeconds, size: Int = S3Object.defaultSize) {
        self.key = key
        self.ageSeconds = ageSeconds
        self.size = size
    }

    enum CodingKeys: String, CodingKey {
        case key, size
        case ageSeconds = "age_seconds"
    }

    /// Decodes the control API's and the scenario's spellings (`age: 26h`, `size: 12KiB`); `key` is required.
    public init(from decoder: any Decoder) throws {
        let patch = try S3ObjectPatch(from: decoder)
        guard let key = patch.key, !key.isEmpty else {
            throw DecodingError.keyNotFound(
                AnyKey("key"), .init(codingPath: decoder.codingPath, debugDescription: "an object needs `key:` (e.g. \"leads_{date}.csv\")")
            )
        }
        self.init(key: key)
        patch.apply(to: &self)
    }

    /// When the object was last modified, seen from `now`.
    func lastModified(now: WallClock) -> WallClock {
        now.advanced(bySeconds: -ageSeconds)
    }

    /// The key with `{date}` and `{day}` replaced by the modification date.
    func resolvedKey(now: WallClock) -> String {
        guard key.contains("{") else { return key }
        let day = lastModified(now: now).rfc3339().prefix(10)
        return key
            .replacingOccurrences(of: "{date}", with: day.replacingOccurrences(of: "-", with: ""))
            .replacingOccurrences(of: "{day}", with: String(day))
    }
}

/// A partial change to an ``S3Object``: only the fields present are changed.
///
/// `{ "age": "26h" }`, `{ "age_seconds": 93600, "size": 0 }`, `{ "size": "12KiB" }`;
/// unknown fields are an error.
public struct S3ObjectPatch: Decodable, Sendable, Equatable {
    public var key: String?
    public var ageSeconds: Double?
    public var size: Int?

    public init(key: String? = nil, ageSeconds: Double? = nil, size: Int? = nil) {
        self.key = key
        self.ageSeconds = ageSeconds
        self.size = size
    }

    static let knownKeys: Set<String> = ["key", "age", "age_seconds", "size"]

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        let unknown = container.allKeys.map(\.stringValue).filter { !Self.knownKeys.contains($0) }.sorted()
        if !unknown.isEmpty {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: "unknown object field\(unknown.count == 1 ? "" : "s") \(unknown.joined(separator: ", ")); known: \(Self.knownKeys.sorted().joined(separator: ", "))"
            ))
        }
        key = try container.decodeIfPresent(String.self, forKey: "key")
        if let age = try container.decodeDurationIfPresent("age_seconds") ?? container.decodeDurationIfPresent("age") {
            guard let age, age >= 0 else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "age must be a duration of zero or more"))
            }
            ageSeconds = age
        }
        size = try container.decodeSizeIfPresent("size")
    }

    /// Changes the fields this patch carries.
    public func apply(to object: inout S3Object) {
        if let key { object.key = key }
        if let ageSeconds { object.ageSeconds = ageSeconds }
        if let size { object.size = size }
    }
}

extension KeyedDecodingContainer where Key == AnyKey {
    /// Bytes from a whole number or a human size (`512`, `12KiB`, `1.5MB`).
    func decodeSizeIfPresent(_ name: String) throws -> Int? {
        let key = AnyKey(stringValue: name)
        guard contains(key) else { return nil }
        if let bytes = try? decode(Int.self, forKey: key) {
            guard bytes >= 0 else {
                throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "\(name) must not be negative")
            }
            return bytes
        }
        let text = try decode(String.self, forKey: key)
        guard let bytes = HumanSize.bytes(in: text) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self,
                debugDescription: "\(name) must be a size like 0, 512, 12KiB or 1.5MB, not \(text.debugDescription)"
            )
        }
        return bytes
    }
}
