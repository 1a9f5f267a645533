import BatonCore

/// Picks the renderer for a channel: the one place that knows every ``ChannelType``.
public enum NoticeRenderers {
    /// The renderer for `channel`'s type; `webhook` channels get one holding their signing key.
    ///
    /// The channel's URL is never passed on: no renderer can put it in a body.
    public static func renderer(for channel: Channel) throws(RenderError) -> any NoticeRenderer {
        switch channel.type {
        case .slack: SlackRenderer()
        case .teams: TeamsRenderer()
        case .discord: DiscordRenderer()
        case .mattermost: MattermostRenderer()
        case .googlechat: GoogleChatRenderer()
        case .webhook: try WebhookRenderer(channelID: channel.id, secret: channel.secret)
        }
    }
}
