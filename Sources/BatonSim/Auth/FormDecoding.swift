import Foundation

/// Reads `application/x-www-form-urlencoded` text: query strings and token request bodies.
enum FormDecoding {
    /// Every `name=value` pair in order; `%XX` is a byte, and `+` a space unless `plusIsSpace` is false
    /// (S3 and other SigV4 services read query strings by RFC 3986, where `+` is itself).
    static func pairs(_ text: Substring, plusIsSpace: Bool = true) -> [(name: String, value: String)] {
        text.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            guard let equals = pair.firstIndex(of: "=") else { return (unescape(pair, plusIsSpace: plusIsSpace), "") }
            return (unescape(pair[..<equals], plusIsSpace: plusIsSpace), unescape(pair[pair.index(after: equals)...], plusIsSpace: plusIsSpace))
        }
    }

    /// The first value of each name.
    static func fields(_ text: Substring, plusIsSpace: Bool = true) -> [String: String] {
        var fields: [String: String] = [:]
        for (name, value) in pairs(text, plusIsSpace: plusIsSpace) where fields[name] == nil {
            fields[name] = value
        }
        return fields
    }

    static func unescape(_ text: Substring, plusIsSpace: Bool = true) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = Array(text.utf8)[...]
        while let byte = iterator.popFirst() {
            switch byte {
            case UInt8(ascii: "+") where plusIsSpace:
                bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                if iterator.count >= 2, let high = hexValue(iterator[iterator.startIndex]),
                   let low = hexValue(iterator[iterator.startIndex + 1]) {
                    bytes.append(high << 4 | low)
                    iterator = iterator.dropFirst(2)
                } else {
                    bytes.append(byte)
                }
            default:
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// `(id, secret)` from `Authorization: Basic …`, each form-decoded (RFC 6749 §2.3.1).
    static func basicCredentials(_ header: String?) -> (id: String, secret: String)? {
        guard let header, header.count > 6, header.prefix(6).lowercased() == "basic " else { return nil }
        guard let data = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
              let text = String(data: data, encoding: .utf8), let colon = text.firstIndex(of: ":") else { return nil }
        return (unescape(text[..<colon]), unescape(text[text.index(after: colon)...]))
    }
}
