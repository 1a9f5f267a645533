import Foundation
import Testing

@testable import BatonNotices

/// Reads rendered bodies back the way a receiver would.
enum JSONReading {
    static func object(_ message: RenderedMessage) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(message.body)) as? [String: Any])
    }

    static func object(_ value: Any?) throws -> [String: Any] {
        try #require(value as? [String: Any])
    }

    static func array(_ value: Any?) throws -> [[String: Any]] {
        try #require(value as? [[String: Any]])
    }

    static func string(_ value: Any?) throws -> String {
        try #require(value as? String)
    }

    /// Every string in the document, depth first.
    static func strings(_ value: Any) -> [String] {
        switch value {
        case let text as String: [text]
        case let array as [Any]: array.flatMap(strings)
        case let object as [String: Any]: object.keys.sorted().flatMap { object[$0].map(strings) ?? [] }
        default: []
        }
    }

    /// What a person reads: escapes, entities and zero-width spaces taken out again.
    static func readable(_ text: String) -> String {
        var out = ""
        var escaped = false
        for character in text {
            if !escaped, character == "\\" {
                escaped = true
                continue
            }
            escaped = false
            if character != "\u{200B}" { out.append(character) }
        }
        return out.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// All the text of a message, readable, in one string.
    static func text(_ message: RenderedMessage) throws -> String {
        let document = try JSONSerialization.jsonObject(with: Data(message.body))
        return strings(document).map(readable).joined(separator: "\n")
    }
}
