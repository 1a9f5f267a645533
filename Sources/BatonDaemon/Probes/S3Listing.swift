import BatonCore
import Foundation

/// One page of an S3 `ListObjectsV2` answer: the objects (key, time, size) and where the next page starts.
struct S3Listing: Equatable {
    struct Object: Equatable {
        var key: String
        var modified: Date?
        var size: Int?
    }

    var objects: [Object] = []
    /// Set when the listing is truncated: pass as `continuation-token` for the next page.
    var continuationToken: String?

    /// Reads the XML the S3 API documents (`<ListBucketResult><Contents><Key>…`); a body that is
    /// not such a listing reads as no objects. Only the few elements used are looked at.
    static func parse(_ body: [UInt8]) -> S3Listing {
        let text = String(decoding: body, as: UTF8.self)
        var listing = S3Listing()
        var rest = text[...]
        while let open = rest.range(of: "<Contents>") {
            guard let close = rest.range(of: "</Contents>", range: open.upperBound..<rest.endIndex) else { break }
            let block = rest[open.upperBound..<close.lowerBound]
            if let key = element("Key", in: block) {
                listing.objects.append(Object(
                    key: key,
                    modified: element("LastModified", in: block).flatMap(Timestamp.parse),
                    size: element("Size", in: block).flatMap { Int($0) }
                ))
            }
            rest = rest[close.upperBound...]
        }
        if element("IsTruncated", in: text[...]) == "true" {
            listing.continuationToken = element("NextContinuationToken", in: text[...])
        }
        return listing
    }

    /// The text of the first `<name>…</name>` in `xml`, entities decoded.
    private static func element(_ name: String, in xml: Substring) -> String? {
        guard let open = xml.range(of: "<\(name)>"), let close = xml.range(of: "</\(name)>", range: open.upperBound..<xml.endIndex) else {
            return nil
        }
        return decodeEntities(xml[open.upperBound..<close.lowerBound])
    }

    private static func decodeEntities(_ text: Substring) -> String {
        guard text.contains("&") else { return String(text) }
        return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
