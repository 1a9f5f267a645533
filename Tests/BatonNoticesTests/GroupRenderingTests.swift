import BatonCore
import Foundation
import Testing

@testable import BatonNotices

@Suite struct GroupRenderingTests {
    static let chats = ChannelType.allCases.filter { $0 != .webhook }

    /// A group of three is one valid JSON message that lists every incident, with `webhook-id` the group's key.
    @Test(arguments: ChannelType.allCases)
    func groupOfThreeListsEach(type: ChannelType) throws {
        let group = NoticeGroup(key: GroupFixtures.key, notices: [GroupFixtures.notice(7), GroupFixtures.notice(8), GroupFixtures.notice(9)])
        let message = try GroupFixtures.render(group, on: type)
        #expect(message.contentType == "application/json; charset=utf-8")
        #expect(message.header("webhook-id") == GroupFixtures.key)
        #expect(try GroupFixtures.incidentIDs(message, type: type) == [7, 8, 9])
        #expect(try ServiceLimits.violations(type, message) == [])
    }

    /// 300 incidents at once reach a chat in fewer than 10 messages that list all 300, each message within every limit,
    /// each but the last saying how many more follow.
    @Test(arguments: chats)
    func stormNeedsFewMessages(type: ChannelType) throws {
        let notices = GroupFixtures.storm(300)
        let sent = try GroupFixtures.messages(notices, on: type)
        #expect(sent.count < 10, "\(type): \(sent.count) messages")
        var listed: Set<Int> = []
        var left = notices.count
        for (group, message) in sent {
            #expect(try ServiceLimits.violations(type, message) == [], "\(type)")
            let ids = try GroupFixtures.incidentIDs(message, type: type)
            #expect(ids == Set(group.notices.compactMap(\.incidentID)), "\(type): a message lists other incidents than its group")
            listed.formUnion(ids)
            left -= group.notices.count
            let text = try JSONReading.text(message)
            #expect(left == 0 ? !text.contains(" more") : text.contains("and \(left) more"), "\(type): \(left) left")
        }
        #expect(listed == Set(1...300))
    }

    /// Escalations word each line longer (`is still down, step 2 of 3`), and 300 of them still take fewer than 10 messages.
    @Test(arguments: chats)
    func stormOfEscalations(type: ChannelType) throws {
        let sent = try GroupFixtures.messages(GroupFixtures.storm(300, kind: .escalated), on: type)
        #expect(sent.count < 10, "\(type): \(sent.count) messages")
        for (_, message) in sent { #expect(try ServiceLimits.violations(type, message) == []) }
    }

    /// Webhook groups stay under 20 KB each and carry all 300 events between them.
    @Test func webhookStorm() throws {
        let sent = try GroupFixtures.messages(GroupFixtures.storm(300), on: .webhook)
        var listed: Set<Int> = []
        for (group, message) in sent {
            #expect(message.body.count <= 20_000)
            #expect(try JSONReading.array(try JSONSerialization.jsonObject(with: Data(message.body))).count == group.notices.count)
            listed.formUnion(try GroupFixtures.incidentIDs(message, type: .webhook))
        }
        #expect(listed == Set(1...300))
    }

    /// "and N more" appears exactly when notices are left out, and the status page link when one is set.
    @Test(arguments: chats)
    func moreAndLink(type: ChannelType) throws {
        let notices = [GroupFixtures.notice(1), GroupFixtures.notice(2)]
        let full = try JSONReading.text(try GroupFixtures.render(NoticeGroup(key: "k", notices: notices, more: 240, link: NoticeFixtures.link), on: type))
        #expect(full.contains("and 240 more"))
        #expect(full.contains(NoticeFixtures.link))
        let bare = try JSONReading.text(try GroupFixtures.render(NoticeGroup(key: "k", notices: notices, more: 0, link: nil), on: type))
        #expect(!bare.contains(" more"))
        #expect(!bare.contains("Status page"))
        #expect(!bare.contains("https://"))
        let unsafe = try JSONReading.text(try GroupFixtures.render(NoticeGroup(key: "k", notices: notices, link: "javascript:alert(1)"), on: type))
        #expect(!unsafe.contains("javascript:"))
    }

    /// A group larger than fits lists what fits and counts the rest, with what the caller already left out, in "and N more".
    @Test(arguments: chats)
    func oversizedGroupCountsTheRest(type: ChannelType) throws {
        let notices = GroupFixtures.storm(120)
        let fitting = try GroupFixtures.renderer(type).fitting(notices, more: 5, link: nil)
        #expect(fitting < 120)
        let message = try GroupFixtures.render(NoticeGroup(key: "k", notices: notices, more: 5), on: type)
        #expect(try GroupFixtures.incidentIDs(message, type: type) == Set(1...fitting))
        #expect(try JSONReading.text(message).contains("and \(120 - fitting + 5) more"))
        #expect(try ServiceLimits.violations(type, message) == [])
    }

    /// The same group gives the same bytes on every attempt; for webhooks only the timestamp and signature change.
    @Test(arguments: ChannelType.allCases)
    func deterministic(type: ChannelType) throws {
        let group = NoticeGroup(key: "k", notices: GroupFixtures.storm(40), more: 3, link: NoticeFixtures.link)
        let first = try GroupFixtures.render(group, on: type, attempt: 1_795_435_200)
        let second = try GroupFixtures.render(group, on: type, attempt: 1_795_435_260)
        #expect(first.body == second.body)
        #expect(first.header("webhook-id") == second.header("webhook-id"))
        if type != .webhook { #expect(first == second) }
        let renderer = try GroupFixtures.renderer(type)
        let notices = GroupFixtures.storm(300)
        #expect(renderer.fitting(notices, more: 0, link: nil) == renderer.fitting(notices, more: 0, link: nil))
    }

    /// `fitting` answers 0 only for no notices, at least 1 otherwise even when one line is huge, and a count that is
    /// never above what `render` lists; an empty group is refused with its own code.
    @Test(arguments: ChannelType.allCases)
    func fittingBounds(type: ChannelType) throws {
        let renderer = try GroupFixtures.renderer(type)
        #expect(renderer.fitting([], more: 0, link: nil) == 0)
        for huge in LimitTests.hugeTexts {
            let notices = (1...5).map { GroupFixtures.notice($0, name: huge, reason: .text(huge)) }
            let count = renderer.fitting(notices, more: .max, link: NoticeFixtures.link)
            #expect((1...5).contains(count))
            let message = try renderer.render(NoticeGroup(key: "k", notices: Array(notices.prefix(count)), more: .max, link: NoticeFixtures.link), attemptTimestamp: 1)
            #expect(try ServiceLimits.violations(type, message) == [])
        }
        let error = #expect(throws: RenderError.self) { try renderer.render(NoticeGroup(key: "k", notices: []), attemptTimestamp: 1) }
        #expect(error?.code == .emptyGroup)
    }

    /// However many are due, one message lists at most 50 and counts the rest, even beyond what an `Int` holds.
    @Test(arguments: ChannelType.allCases)
    func atMostFiftyPerMessage(type: ChannelType) throws {
        let renderer = try GroupFixtures.renderer(type)
        let notices = GroupFixtures.storm(2000)
        let count = renderer.fitting(notices, more: 0, link: nil)
        #expect((1...50).contains(count))
        #expect(renderer.fitting(notices, more: .max, link: nil) <= count)
        if type != .webhook {
            let text = try JSONReading.text(try renderer.render(NoticeGroup(key: "k", notices: notices), attemptTimestamp: 1))
            #expect(text.contains("and \(2000 - count) more"))
            let saturated = try JSONReading.text(try renderer.render(NoticeGroup(key: "k", notices: notices, more: .max), attemptTimestamp: 1))
            #expect(saturated.contains("and \(Int.max) more"))
        }
    }

    /// A negative `more` (a caller's bug) counts as none rather than saying "and -3 more".
    @Test(arguments: chats)
    func negativeMoreIsNone(type: ChannelType) throws {
        let text = try JSONReading.text(try GroupFixtures.render(NoticeGroup(key: "k", notices: GroupFixtures.storm(2), more: -3), on: type))
        #expect(!text.contains(" more"))
    }
}
