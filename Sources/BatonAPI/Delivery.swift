/// `POST /v1/channels/{id}/test`: what the receiver answered to a test notice.
public struct ChannelTestResult: Codable, Sendable, Equatable {
    public var channel: String
    public var type: String
    public var delivered: Bool
    public var httpStatus: Int?
    /// The receiver's answer, or why there was none.
    public var answer: String

    public init(channel: String, type: String, delivered: Bool, httpStatus: Int?, answer: String) {
        self.channel = channel
        self.type = type
        self.delivered = delivered
        self.httpStatus = httpStatus
        self.answer = answer
    }

    enum CodingKeys: String, CodingKey {
        case channel, type, delivered, answer
        case httpStatus = "http_status"
    }
}

/// Notices waiting, notices that could not be delivered, channels switched off.
public struct DeliveryStatus: Codable, Sendable, Equatable {
    public var pending: Int
    /// Dead letters: refused by their receiver, too old, or for a disabled channel.
    public var dead: Int
    /// Channels whose webhook answered 410 Gone.
    public var disabledChannels: [String]

    public init(pending: Int, dead: Int, disabledChannels: [String]) {
        self.pending = pending
        self.dead = dead
        self.disabledChannels = disabledChannels
    }

    enum CodingKeys: String, CodingKey {
        case pending, dead
        case disabledChannels = "disabled_channels"
    }
}

/// `POST /v1/reload`: what the new config changed (a rejected config is an `invalid_config` error).
public struct ReloadResult: Codable, Sendable, Equatable {
    public var ok: Bool
    public var error: String?
    public var integrations: Int
    public var added: [String]
    public var removed: [String]
    public var changed: [String]
    /// Settings that take effect only after a restart.
    public var needsRestart: [String]

    public init(ok: Bool, error: String?, integrations: Int, added: [String], removed: [String], changed: [String], needsRestart: [String]) {
        self.ok = ok
        self.error = error
        self.integrations = integrations
        self.added = added
        self.removed = removed
        self.changed = changed
        self.needsRestart = needsRestart
    }

    enum CodingKeys: String, CodingKey {
        case ok, error, integrations, added, removed, changed
        case needsRestart = "needs_restart"
    }
}
