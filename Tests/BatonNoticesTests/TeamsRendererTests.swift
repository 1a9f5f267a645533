import Foundation
import Testing

@testable import BatonNotices

@Suite struct TeamsRendererTests {
    /// The body is exactly the Workflows shape: one Adaptive Card attachment, version 1.4, `contentUrl` null.
    @Test func workflowsShape() throws {
        let json = try JSONReading.object(try NoticeFixtures.render(NoticeFixtures.notice(.escalated), on: .teams))
        #expect(json["type"] as? String == "message")
        let attachments = try JSONReading.array(json["attachments"])
        #expect(attachments.count == 1)
        #expect(attachments[0]["contentType"] as? String == "application/vnd.microsoft.card.adaptive")
        #expect(attachments[0].keys.contains("contentUrl"))
        #expect(attachments[0]["contentUrl"] is NSNull)
        let card = try JSONReading.object(attachments[0]["content"])
        #expect(card["$schema"] as? String == "http://adaptivecards.io/schemas/adaptive-card.json")
        #expect(card["type"] as? String == "AdaptiveCard")
        #expect(card["version"] as? String == "1.4")
    }

    /// The card has a coloured title TextBlock, the lead, a FactSet with the people and the step, the ack hint and a link action.
    @Test func cardContent() throws {
        let json = try JSONReading.object(try NoticeFixtures.render(NoticeFixtures.notice(.escalated), on: .teams))
        let card = try JSONReading.object(try JSONReading.array(json["attachments"])[0]["content"])
        let body = try JSONReading.array(card["body"])
        #expect(body.map { $0["type"] as? String } == ["TextBlock", "TextBlock", "FactSet", "TextBlock", "TextBlock"])
        #expect(body[0]["text"] as? String == "🟠 #42 Salesforce → Marketo lead sync is still stale")
        #expect(body[0]["color"] as? String == "warning")
        #expect(body[0]["wrap"] as? Bool == true)
        #expect(body[1]["text"] as? String == "Last sync 3 h 12 min ago; SLA is 2 h. Not acknowledged after 3 h 12 min: now at step 2 of 3.")
        let facts = try JSONReading.array(body[2]["facts"])
        let byTitle = Dictionary(uniqueKeysWithValues: facts.compactMap { fact in (fact["title"] as? String).map { ($0, fact["value"] as? String) } })
        #expect(byTitle["Owner"] == "Marketing Operations")
        #expect(byTitle["Accountable"] == "Marketing CIO office")
        #expect(byTitle["Tools"] == "Salesforce, Marketo")
        #expect(byTitle["Incident"] == "#42, step 2 of 3")
        #expect(byTitle["Blocks"] == "hubspot-forms-sfdc")
        #expect(byTitle["SLA"] == "99.5% availability")
        #expect(body[3]["text"] as? String == "To acknowledge, run: baton ack 42")
        let actions = try JSONReading.array(card["actions"])
        #expect(actions.first?["type"] as? String == "Action.OpenUrl")
        #expect(actions.first?["url"] as? String == NoticeFixtures.link)
    }
}
