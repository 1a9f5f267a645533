import BatonCore
import Foundation
import Testing

@testable import BatonNotices

@Suite struct NoticeWordingTests {
    /// Every chat type's message says what broke, whose it is, the state and reason in plain words, since when,
    /// the incident and its step, what it blocks, how to acknowledge, and links the status page.
    @Test(arguments: ChannelType.allCases)
    func openedSaysEverything(type: ChannelType) throws {
        let text = try JSONReading.text(try NoticeFixtures.render(NoticeFixtures.notice(.opened), on: type))
        for expected in [
            "Salesforce → Marketo lead sync", "Salesforce", "Marketo", "Marketing Operations", "Marketing CIO office", "stale",
            "ast sync 3 h 12 min ago; SLA is 2 h", "#42", "hubspot-forms-sfdc", "baton ack 42", NoticeFixtures.link,
        ] {
            #expect(text.contains(expected), "\(type): missing \(expected)")
        }
        #expect(text.contains("23 Nov 2026, 08:48 UTC") || text.contains("1795423680") || text.contains("2026-11-23T08:48:00Z"), "\(type): no since")
        #expect(text.contains("step 2 of 3") || type == .webhook, "\(type): no step")
    }

    /// Each kind says what happened in its own words, and offers `baton ack` only while it helps.
    @Test(arguments: ChannelType.allCases, [
        (Notice.Kind.opened, ["is stale"], true),
        (.escalated, ["is still stale", "Not acknowledged after 3 h 12 min: now at step 2 of 3"], true),
        (.repeated, ["Reminder", "Still not acknowledged after 3 h 12 min"], true),
        (.reopened, ["re-opened", "is down again", "The endpoint answered HTTP 503"], true),
        (.acknowledged, ["acknowledged", "Acknowledged by alice: vendor ticket 1234", "Escalation has stopped"], false),
        (.resolved, ["resolved", "Healthy again after 1 h 12 min", "1 h 12 min"], false),
        (.silenced, ["silenced", "maintenance: vendor maintenance"], true),
        (.unsilenced, ["no longer silenced", "silence ended, escalation resumes"], true),
        (.test, ["Test notice from Baton", "Test notice to mops-slack"], false),
        (.digest, ["Baton digest", "2 incidents in the last day", "#43 GA4 daily export: resolved after 20 min"], false),
    ])
    func kindsInTheirOwnWords(type: ChannelType, expectation: (kind: Notice.Kind, phrases: [String], offersAck: Bool)) throws {
        let text = try JSONReading.text(try NoticeFixtures.render(NoticeFixtures.notice(expectation.kind), on: type))
        for phrase in expectation.phrases {
            #expect(text.contains(phrase), "\(type) \(expectation.kind): missing \(phrase)")
        }
        #expect(text.contains("baton ack 42") == expectation.offersAck, "\(type) \(expectation.kind)")
    }

    /// Every rendered message carries `webhook-id: <notice key>` so any receiver can drop duplicates.
    @Test(arguments: ChannelType.allCases)
    func everyTypeSendsWebhookID(type: ChannelType) throws {
        let message = try NoticeFixtures.render(NoticeFixtures.notice(.opened), on: type)
        #expect(message.header("webhook-id") == NoticeFixtures.key(.opened))
        #expect(message.header("Webhook-ID") == NoticeFixtures.key(.opened))
        #expect(message.contentType == "application/json; charset=utf-8")
    }

    /// A link that is not a plain http(s) URL is left out rather than put into markup.
    @Test(arguments: ["javascript:alert(1)", "https://x.example/a b", "https://x.example/<b>", "ftp://x.example/", "https://"])
    func unsafeLinksLeftOut(link: String) throws {
        var content = NoticeFixtures.content()
        content.link = link
        for type in ChannelType.allCases {
            let text = try JSONReading.text(try NoticeFixtures.render(NoticeFixtures.notice(.opened, content), on: type))
            #expect(!text.contains(link), "\(type)")
        }
    }
}
