import BatonCore
import Foundation
import Testing

@testable import BatonNotices

@Suite struct WebhookRendererTests {
    /// The body is the documented version 1 event, with the incident, the integration, plain words and the ack command.
    @Test func documentedBody() throws {
        let json = try JSONReading.object(try NoticeFixtures.render(NoticeFixtures.notice(.escalated), on: .webhook))
        #expect(json["version"] as? Int == 1)
        #expect(json["type"] as? String == "incident.escalated")
        #expect(json["id"] as? String == NoticeFixtures.key(.escalated))
        #expect(json["created_at"] as? String == "2026-11-23T12:00:00Z")
        #expect(json["since"] as? String == "2026-11-23T08:48:00Z")
        #expect(json["state"] as? String == "stale")
        #expect(json["reason"] as? String == "last_sync 3h12m old (error after 2h)")
        #expect(json["reason_text"] as? String == "last sync 3 h 12 min ago; SLA is 2 h")
        #expect(json["reason_kind"] as? String == "freshness")
        #expect(json["step"] as? Int == 2)
        #expect(json["steps"] as? Int == 3)
        #expect(json["acknowledge_command"] as? String == "baton ack 42")
        #expect(json["link"] as? String == NoticeFixtures.link)
        #expect(json["details"] is NSNull)
        let incident = try JSONReading.object(json["incident"])
        #expect(incident["id"] as? Int == 42)
        #expect(incident["acknowledged_by"] is NSNull)
        let integration = try JSONReading.object(json["integration"])
        #expect(integration["id"] as? String == "sfdc-marketo-leads")
        #expect(integration["name"] as? String == "Salesforce → Marketo lead sync")
        #expect(integration["tools"] as? [String] == ["Salesforce", "Marketo"])
        #expect(try JSONReading.object(integration["owner"])["name"] as? String == "Marketing Operations")
        #expect(try JSONReading.object(integration["accountable"])["id"] as? String == "marketing-cio")
        #expect(integration["blocks"] as? [String] == ["hubspot-forms-sfdc"])
        #expect(integration["sla_target_percent"] as? Double == 99.5)
    }

    /// Each kind has its event type: `incident.<kind>`, or plain `test` and `digest`.
    @Test(arguments: Notice.Kind.allCases)
    func eventTypes(kind: Notice.Kind) throws {
        let json = try JSONReading.object(try NoticeFixtures.render(NoticeFixtures.notice(kind), on: .webhook))
        let expected = kind == .test || kind == .digest ? kind.rawValue : "incident.\(kind.rawValue)"
        #expect(json["type"] as? String == expected)
    }

    /// A test notice is about no integration: `integration` and `since` are null, every key is still there.
    @Test func testNoticeKeys() throws {
        let json = try JSONReading.object(try NoticeFixtures.render(NoticeFixtures.notice(.test), on: .webhook))
        #expect(json["integration"] is NSNull)
        #expect(json["since"] is NSNull)
        let full = try JSONReading.object(try NoticeFixtures.render(NoticeFixtures.notice(.opened), on: .webhook))
        #expect(Set(json.keys) == Set(full.keys))
    }

    /// Retries keep `webhook-id` and the body; the timestamp and signature follow the attempt.
    @Test func retriesKeepTheID() throws {
        let notice = NoticeFixtures.notice(.opened)
        let first = try NoticeFixtures.render(notice, on: .webhook, attempt: 1_795_435_200)
        let second = try NoticeFixtures.render(notice, on: .webhook, attempt: 1_795_435_260)
        #expect(first.header("webhook-id") == notice.key)
        #expect(second.header("webhook-id") == notice.key)
        #expect(first.body == second.body)
        #expect(first.header("webhook-timestamp") == "1795435200")
        #expect(second.header("webhook-timestamp") == "1795435260")
        #expect(first.header("webhook-signature") != second.header("webhook-signature"))
        #expect(first.header("webhook-signature")?.hasPrefix("v1,") == true)
    }

    /// The example body in docs/webhook.md has exactly the keys Baton sends, at every level.
    @Test func documentedExampleMatches() throws {
        let doc = try RepositoryFile.text("docs/webhook.md")
        let example = try #require(RepositoryFile.codeBlock(doc, language: "json", containing: "\"version\": 1"))
        let documented = try JSONReading.object(try JSONSerialization.jsonObject(with: Data(example.utf8)))
        let rendered = try JSONReading.object(try NoticeFixtures.render(NoticeFixtures.notice(.escalated), on: .webhook))
        #expect(Self.keyPaths(documented) == Self.keyPaths(rendered))
    }

    /// `a`, `a.b`, … for every key of nested objects.
    static func keyPaths(_ object: [String: Any], prefix: String = "") -> Set<String> {
        object.reduce(into: Set<String>()) { paths, entry in
            paths.insert(prefix + entry.key)
            if let nested = entry.value as? [String: Any] { paths.formUnion(keyPaths(nested, prefix: prefix + entry.key + ".")) }
        }
    }
}
