import BatonCore
import Foundation
import Testing

@testable import BatonNotices

@Suite struct WebhookGroupTests {
    static let group = NoticeGroup(
        key: GroupFixtures.key,
        notices: [GroupFixtures.notice(7), GroupFixtures.notice(8, kind: .escalated), GroupFixtures.notice(9, kind: .resolved), GroupFixtures.notice(10, kind: .test)],
        more: 12, link: NoticeFixtures.link
    )

    /// The body is a JSON array of exactly the bodies each notice gets alone, in order, byte for byte.
    @Test func arrayOfSingleEvents() throws {
        let message = try GroupFixtures.render(Self.group, on: .webhook, attempt: 1_795_435_200)
        let singles = try Self.group.notices.map { try NoticeFixtures.render($0, on: .webhook, attempt: 1_795_435_200).body }
        var expected: [UInt8] = Array("[".utf8)
        for (index, single) in singles.enumerated() { expected += (index == 0 ? [] : Array(",".utf8)) + single }
        expected += Array("]".utf8)
        #expect(message.body == expected)
        let events = try JSONReading.array(try JSONSerialization.jsonObject(with: Data(message.body)))
        #expect(events.map { $0["id"] as? String } == Self.group.notices.map(\.key))
        #expect(events.map { $0["type"] as? String } == ["incident.opened", "incident.escalated", "incident.resolved", "test"])
    }

    /// `webhook-id` is the group's key; timestamp and signature follow the attempt, the body does not.
    @Test func headers() throws {
        let first = try GroupFixtures.render(Self.group, on: .webhook, attempt: 1_795_435_200)
        let second = try GroupFixtures.render(Self.group, on: .webhook, attempt: 1_795_435_260)
        #expect(first.header("webhook-id") == GroupFixtures.key)
        #expect(first.header("webhook-timestamp") == "1795435200")
        #expect(first.body == second.body)
        #expect(first.header("webhook-signature") != second.header("webhook-signature"))
    }

    /// Python's `hmac` signs `{group key}.{timestamp}.{body}` to the same signature Baton sends.
    @Test func pythonAgrees() throws {
        let attempt = 1_795_435_260
        let message = try GroupFixtures.render(Self.group, on: .webhook, attempt: attempt)
        let script = """
            import base64, hashlib, hmac, sys
            secret, msg_id, timestamp = sys.argv[1:4]
            key = base64.b64decode(secret[len("whsec_"):])
            signed = msg_id.encode() + b"." + timestamp.encode() + b"." + sys.stdin.buffer.read()
            print("v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode())
            """
        let python = try Python.run(script, arguments: [NoticeFixtures.secret, GroupFixtures.key, String(attempt)], input: message.body)
        #expect(message.header("webhook-signature") == python)
    }

    /// The verification recipe in docs/webhook.md accepts a grouped delivery and refuses a changed one.
    @Test func documentedRecipeVerifies() throws {
        let doc = try RepositoryFile.text("docs/webhook.md")
        let recipe = try #require(RepositoryFile.codeBlock(doc, language: "python", containing: "def verify("))
        let message = try GroupFixtures.render(Self.group, on: .webhook)
        let driver = recipe + """

            import json, sys
            secret, headers = sys.argv[1], json.loads(sys.argv[2])
            body = sys.stdin.buffer.read()
            print(verify(secret, headers, body), verify(secret, headers, body + b" "), type(json.loads(body)).__name__)
            """
        let headers = Dictionary(uniqueKeysWithValues: message.headers.map { ($0.name, $0.value) })
        let headerJSON = String(decoding: try JSONSerialization.data(withJSONObject: headers), as: UTF8.self)
        #expect(try Python.run(driver, arguments: [NoticeFixtures.secret, headerJSON], input: message.body) == "True False list")
    }

    /// docs/webhook.md documents grouped deliveries: `group_wait`, the array, per-event ids, and an example whose
    /// events have exactly the keys Baton sends.
    @Test func documented() throws {
        let doc = try RepositoryFile.text("docs/webhook.md")
        for phrase in ["## Grouped deliveries", "group_wait", "10s", "0s", "array", "webhook-id"] {
            #expect(doc.contains(phrase), "docs/webhook.md: missing \(phrase)")
        }
        let example = try #require(RepositoryFile.codeBlock(doc, language: "json", containing: "\"type\": \"incident.opened\""))
        let documented = try JSONReading.array(try JSONSerialization.jsonObject(with: Data(example.utf8)))
        #expect(documented.count >= 2)
        let rendered = try JSONReading.object(try NoticeFixtures.render(NoticeFixtures.notice(.escalated), on: .webhook))
        for event in documented {
            #expect(WebhookRendererTests.keyPaths(event) == WebhookRendererTests.keyPaths(rendered))
        }
    }

    /// Events are never cut to make room: `fitting` sends fewer per delivery instead, each delivery under 20 KB.
    @Test func fittingKeepsEventsWhole() throws {
        let renderer = try GroupFixtures.renderer(.webhook)
        let notices = GroupFixtures.storm(100)
        let count = renderer.fitting(notices, more: 0, link: nil)
        #expect(count > 1)
        let message = try renderer.render(NoticeGroup(key: "k", notices: Array(notices.prefix(count))), attemptTimestamp: 1)
        #expect(message.body.count <= 20_000)
        let plusOne = try renderer.render(NoticeGroup(key: "k", notices: Array(notices.prefix(count + 1))), attemptTimestamp: 1)
        #expect(plusOne.body.count > 20_000)
    }
}
