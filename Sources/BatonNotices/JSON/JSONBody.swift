import Foundation

/// Request bodies as JSON: every user text goes through the encoder, never through string concatenation.
enum JSONBody {
    /// `value` as UTF-8 JSON with sorted keys, so the same notice always gives the same bytes.
    static func encode(_ value: some Encodable) throws(RenderError) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return Array(try encoder.encode(value))
        } catch {
            throw RenderError(code: .encoding, channelID: nil, message: "the notice could not be encoded as JSON")
        }
    }
}

/// An optional that encodes `nil` as JSON `null` instead of leaving the key out,
/// for receivers that expect every key (`"contentUrl": null`).
struct Nullable<Wrapped: Encodable & Sendable>: Encodable, Sendable {
    var value: Wrapped?

    init(_ value: Wrapped?) {
        self.value = value
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let value { try container.encode(value) } else { try container.encodeNil() }
    }
}
