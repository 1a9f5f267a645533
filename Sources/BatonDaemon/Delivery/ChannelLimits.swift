import BatonCore

/// How hard a channel may be pushed: notices in flight at once, and the least time between two.
///
/// Chat services throttle per webhook (Slack and Google Chat about one message a second,
/// Discord five per two seconds); going faster only earns 429s. Generic webhooks and
/// Mattermost (rate limiting off by default) take several at once: a webhook 8, so a storm of
/// notices to one receiver is not held to 4 round trips at a time (issue 11: stored → delivered),
/// and still leaves most of the deliverer's 32 slots to the other channels.
struct ChannelLimits: Sendable, Equatable {
    var inFlight: Int
    var spacing: Duration

    static func of(_ type: ChannelType) -> ChannelLimits {
        switch type {
        case .slack, .googlechat: ChannelLimits(inFlight: 1, spacing: .seconds(1))
        case .discord: ChannelLimits(inFlight: 1, spacing: .milliseconds(400))
        case .teams: ChannelLimits(inFlight: 1, spacing: .milliseconds(500))
        case .mattermost: ChannelLimits(inFlight: 2, spacing: .zero)
        case .webhook: ChannelLimits(inFlight: 8, spacing: .zero)
        }
    }
}
