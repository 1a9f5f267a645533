import BatonCore

/// Several due notices for one channel, sent as one message that lists each.
///
/// Built by the deliverer when notices for a channel fall within its `group_wait`; how many
/// go into one message is what ``NoticeRenderer/fitting(_:more:link:)`` answers for the
/// channel's type. Rendering is a pure function of the group, so a retry sends the same body.
public struct NoticeGroup: Sendable, Equatable {
    /// Sent as `webhook-id`: the same on every attempt of this group.
    public var key: String
    /// Oldest first, each about a different incident (or a test or digest notice).
    ///
    /// A digest is listed by its headline only: its details need a message of their own.
    public var notices: [Notice]
    /// Further due notices for the channel that are not in this message: the message ends
    /// with "and N more" when this is above zero.
    public var more: Int
    /// The status page (`daemon.public_url`), linked from the message when it is a plain `http(s)` URL.
    public var link: String?

    public init(key: String, notices: [Notice], more: Int = 0, link: String? = nil) {
        self.key = key
        self.notices = notices
        self.more = more
        self.link = link
    }
}
