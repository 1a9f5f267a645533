import BatonCore
import Foundation
import Testing

@testable import BatonNotices

@Suite struct NoticeRenderersTests {
    /// Each channel type gets the renderer of its own folder.
    @Test(arguments: [
        (ChannelType.slack, "SlackRenderer"), (.teams, "TeamsRenderer"), (.discord, "DiscordRenderer"), (.mattermost, "MattermostRenderer"),
        (.googlechat, "GoogleChatRenderer"), (.webhook, "WebhookRenderer"),
    ])
    func rendererPerType(type: ChannelType, name: String) throws {
        let renderer = try NoticeRenderers.renderer(for: NoticeFixtures.channel(type))
        #expect(String(describing: Swift.type(of: renderer)) == name)
    }

    /// Rendering is a pure function of the notice: the same notice gives the same bytes.
    @Test(arguments: ChannelType.allCases)
    func deterministic(type: ChannelType) throws {
        let notice = NoticeFixtures.notice(.escalated)
        #expect(try NoticeFixtures.render(notice, on: type, attempt: 1) == NoticeFixtures.render(notice, on: type, attempt: 1))
    }
}
