import Foundation

/// One page of a ListObjectsV2 answer, computed from a bucket's objects as S3 does it:
/// keys in UTF-8 byte order, `prefix` and `start-after` filters, `delimiter` roll-ups into
/// common prefixes (each counting as one key against `max-keys`), and an opaque continuation
/// token that resumes after the last entry of the previous page.
///
/// From https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html.
struct S3Listing: Equatable {
    /// An object as listed: its key resolved at the time of the request.
    struct Entry: Equatable {
        var key: String
        var lastModified: WallClock
        var size: Int
        var eTag: String
    }

    /// What the client asked for (`prefix`, `delimiter`, `max-keys`, `continuation-token`, `start-after`).
    struct Query: Equatable {
        var prefix = ""
        var delimiter: String?
        var maxKeys = 1000
        var continuationToken: String?
        var startAfter: String?
    }

    /// A query parameter S3 would refuse, with the message S3 gives.
    struct InvalidArgument: Error, Equatable {
        var message: String
    }

    var contents: [Entry]
    var commonPrefixes: [String]
    var isTruncated: Bool
    var nextContinuationToken: String?

    /// The largest page S3 returns, whatever `max-keys` asks for.
    static let pageLimit = 1000

    /// Parses the list query of a request, or says which argument S3 would refuse.
    static func query(from fields: [String: String]) -> Result<Query, InvalidArgument> {
        var query = Query()
        query.prefix = fields["prefix"] ?? ""
        query.delimiter = fields["delimiter"].flatMap { $0.isEmpty ? nil : $0 }
        if let text = fields["max-keys"] {
            guard let value = Int(text), value >= 0 else {
                return .failure(InvalidArgument(message: "Provided max-keys not an integer or within integer range"))
            }
            query.maxKeys = min(value, pageLimit)
        }
        if let token = fields["continuation-token"] {
            guard decodeToken(token) != nil else {
                return .failure(InvalidArgument(message: "The continuation token provided is incorrect"))
            }
            query.continuationToken = token
        }
        query.startAfter = fields["start-after"]
        return .success(query)
    }

    /// The page `query` selects from `entries` (in any order).
    static func page(_ entries: [Entry], _ query: Query) -> S3Listing {
        enum Item {
            case object(Entry)
            case prefix(String)
        }
        let resume = query.continuationToken.flatMap(decodeToken)
        var items: [Item] = []
        let prefix = Array(query.prefix.utf8)
        let delimiter = query.delimiter.map { Array($0.utf8) }
        for entry in entries.sorted(by: { precedes($0.key, $1.key) }) {
            let key = Array(entry.key.utf8)
            guard key.starts(with: prefix) else { continue }
            if let startAfter = query.startAfter, !precedes(startAfter, entry.key) { continue }
            switch resume {
            case .key(let last)? where !precedes(last, entry.key):
                continue
            case .prefix(let last)? where !precedes(last, entry.key) || key.starts(with: last.utf8):
                continue
            default:
                break
            }
            if let delimiter, let end = endOfFirst(delimiter, in: key, from: prefix.count) {
                let common = String(decoding: key[..<end], as: UTF8.self)
                if case .prefix(let previous)? = items.last, previous.utf8.elementsEqual(common.utf8) { continue }
                items.append(.prefix(common))
            } else {
                items.append(.object(entry))
            }
        }
        let shown = items.prefix(query.maxKeys)
        var listing = S3Listing(contents: [], commonPrefixes: [], isTruncated: false, nextContinuationToken: nil)
        for item in shown {
            switch item {
            case .object(let entry): listing.contents.append(entry)
            case .prefix(let common): listing.commonPrefixes.append(common)
            }
        }
        if query.maxKeys > 0, items.count > shown.count, let last = shown.last {
            listing.isTruncated = true
            switch last {
            case .object(let entry): listing.nextContinuationToken = encodeToken(.key(entry.key))
            case .prefix(let common): listing.nextContinuationToken = encodeToken(.prefix(common))
            }
        }
        return listing
    }

    /// Where a continuation token resumes: after a key, or after every key under a common prefix.
    enum Resume: Equatable {
        case key(String)
        case prefix(String)
    }

    static func encodeToken(_ resume: Resume) -> String {
        let text = switch resume {
        case .key(let key): "k:" + key
        case .prefix(let prefix): "p:" + prefix
        }
        return Data(text.utf8).base64EncodedString()
    }

    static func decodeToken(_ token: String) -> Resume? {
        guard let data = Data(base64Encoded: token), let text = String(data: data, encoding: .utf8) else { return nil }
        if text.hasPrefix("k:") { return .key(String(text.dropFirst(2))) }
        if text.hasPrefix("p:") { return .prefix(String(text.dropFirst(2))) }
        return nil
    }

    /// The index just past the first `needle` in `bytes` at or after `start`.
    static func endOfFirst(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, bytes.count >= needle.count, start <= bytes.count - needle.count else { return nil }
        for index in start...(bytes.count - needle.count) where bytes[index..<(index + needle.count)].elementsEqual(needle) {
            return index + needle.count
        }
        return nil
    }

    /// S3's key order: UTF-8 bytes, not Swift's Unicode-aware comparison.
    static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }
}
