import Foundation
import Testing

@testable import BatonNotices

@Suite struct MattermostRendererTests {
    /// The body is Slack-compatible: `text`, `username: Baton` and one attachment with colour, title, text, fields and fallback.
    @Test func attachmentShape() throws {
        let json = try JSONReading.object(try NoticeFixtures.render(NoticeFixtures.notice(.opened), on: .mattermost))
        #expect(json["username"] as? String == "Baton")
        #expect(try JSONReading.string(json["text"]).unicodeScalars.count <= 16_383)
        let attachments = try JSONReading.array(json["attachments"])
        #expect(attachments.count == 1)
        let attachment = attachments[0]
        #expect(attachment["color"] as? String == "#F2711C")
        #expect(attachment["title"] as? String == "🟠 #42 Salesforce → Marketo lead sync is stale")
        #expect(attachment["title_link"] as? String == NoticeFixtures.link)
        #expect(attachment["fallback"] as? String == "🟠 #42 Salesforce → Marketo lead sync is stale: Last sync 3 h 12 min ago; SLA is 2 h.")
        #expect(attachment["text"] as? String == "Last sync 3 h 12 min ago; SLA is 2 h.\n\nTo acknowledge, run `baton ack 42`")
        let fields = try JSONReading.array(attachment["fields"])
        #expect(fields.contains { $0["title"] as? String == "Owner" && $0["value"] as? String == "Marketing Operations" && $0["short"] as? Bool == true })
        #expect(fields.contains { $0["title"] as? String == "Incident" && $0["value"] as? String == "\\#42, step 2 of 3" })
    }
}
