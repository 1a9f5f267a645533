/// The XML documents the simulated S3 answers with, element for element as S3 writes them.
///
/// Shapes from https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html and
/// https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html.
enum S3XML {
    static let declaration = #"<?xml version="1.0" encoding="UTF-8"?>"#
    static let namespace = "http://s3.amazonaws.com/doc/2006-03-01/"

    /// A ListObjectsV2 answer (`ListBucketResult`).
    static func listBucketResult(bucket: String, query: S3Listing.Query, listing: S3Listing) -> String {
        var xml = declaration + "\n" + #"<ListBucketResult xmlns="\#(namespace)">"#
        xml += element("Name", bucket)
        xml += element("Prefix", query.prefix)
        if let delimiter = query.delimiter { xml += element("Delimiter", delimiter) }
        xml += element("KeyCount", "\(listing.contents.count + listing.commonPrefixes.count)")
        xml += element("MaxKeys", "\(query.maxKeys)")
        xml += element("IsTruncated", listing.isTruncated ? "true" : "false")
        for entry in listing.contents {
            xml += "<Contents>"
            xml += element("Key", entry.key)
            xml += element("LastModified", entry.lastModified.rfc3339(withFraction: true))
            xml += element("ETag", entry.eTag)
            xml += element("Size", "\(entry.size)")
            xml += element("StorageClass", "STANDARD")
            xml += "</Contents>"
        }
        for common in listing.commonPrefixes {
            xml += "<CommonPrefixes>" + element("Prefix", common) + "</CommonPrefixes>"
        }
        if let token = query.continuationToken { xml += element("ContinuationToken", token) }
        if let next = listing.nextContinuationToken { xml += element("NextContinuationToken", next) }
        if let startAfter = query.startAfter { xml += element("StartAfter", startAfter) }
        return xml + "</ListBucketResult>"
    }

    /// An error document: `<Error><Code>NoSuchKey</Code><Message>…</Message>…</Error>`.
    static func error(_ code: String, _ message: String, details: [(String, String)] = [], requestID: String) -> String {
        var xml = declaration + "\n<Error>" + element("Code", code) + element("Message", message)
        for (name, value) in details { xml += element(name, value) }
        return xml + element("RequestId", requestID) + "</Error>"
    }

    static func element(_ name: String, _ value: String) -> String {
        value.isEmpty ? "<\(name)/>" : "<\(name)>\(escape(value))</\(name)>"
    }

    /// Text with the five XML special characters escaped (S3 writes an ETag's quotes as `&quot;`).
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(character)
            }
        }
        return out
    }
}
