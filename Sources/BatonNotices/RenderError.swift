/// Why a notice could not be rendered for a channel, in one plain sentence without secrets.
public struct RenderError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, for code that reacts to it.
    public enum Code: String, Sendable, Equatable {
        /// A `webhook` channel without a signing secret.
        case missingSecret = "missing_secret"
        /// A signing secret that is not `whsec_` followed by base64 of 24 to 64 bytes.
        case invalidSecret = "invalid_secret"
        /// The body could not be encoded as JSON.
        case encoding
        /// A grouped message with no notice in it.
        case emptyGroup = "empty_group"
    }

    public var code: Code
    /// The channel concerned, when known.
    public var channelID: String?
    /// The sentence shown to the operator; never contains a URL or secret.
    public var message: String

    public init(code: Code, channelID: String?, message: String) {
        self.code = code
        self.channelID = channelID
        self.message = message
    }

    public var description: String {
        channelID.map { "channel \($0): \(message)" } ?? message
    }
}
