import Crypto
import Foundation

/// Signs webhook bodies per the Standard Webhooks spec: `v1,` and the base64 HMAC-SHA256 of
/// `{id}.{timestamp}.{body}`, keyed with the base64-decoded part of a `whsec_…` secret.
///
/// The key never shows in a description, a debug print or a mirror.
public struct WebhookSigner: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Secrets are `whsec_` followed by the base64 of this many bytes.
    public static let keyLengths = 24...64

    private let key: [UInt8]

    /// A signer for `secret`.
    ///
    /// - Parameters:
    ///   - secret: `whsec_` followed by base64 (padding optional) of 24 to 64 bytes.
    ///   - channelID: Named in the error when the secret is refused.
    public init(secret: String, channelID: String? = nil) throws(RenderError) {
        let prefix = "whsec_"
        let refused = RenderError(
            code: .invalidSecret, channelID: channelID,
            message: "the webhook secret must be `whsec_` followed by base64 of \(Self.keyLengths.lowerBound) to \(Self.keyLengths.upperBound) bytes"
        )
        guard secret.hasPrefix(prefix) else { throw refused }
        var encoded = String(secret.dropFirst(prefix.count))
        encoded += String(repeating: "=", count: (4 - encoded.utf8.count % 4) % 4)
        guard let key = Data(base64Encoded: encoded), Self.keyLengths.contains(key.count) else { throw refused }
        self.key = Array(key)
    }

    /// The `webhook-signature` header value: `v1,<base64>`.
    public func signature(id: String, timestamp: Int, body: [UInt8]) -> String {
        let signed = Array("\(id).\(timestamp).".utf8) + body
        let code = HMAC<SHA256>.authenticationCode(for: signed, using: SymmetricKey(data: key))
        return "v1," + Data(code).base64EncodedString()
    }

    public var description: String { "WebhookSigner(key: ***)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
