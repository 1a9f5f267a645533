import Foundation
import Testing

@testable import BatonNotices

@Suite struct WebhookSignatureTests {
    /// The Standard Webhooks test vector signs to its published signature.
    @Test func publishedTestVector() throws {
        let signer = try WebhookSigner(secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        let signature = signer.signature(id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1_614_265_330, body: Array(#"{"test": 2432232314}"#.utf8))
        #expect(signature == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
    }

    /// Python's own `hmac`, `hashlib` and `base64` compute the same signature for a rendered body.
    @Test func pythonAgrees() throws {
        let attempt = 1_795_435_260
        let message = try NoticeFixtures.render(NoticeFixtures.notice(.opened), on: .webhook, attempt: attempt)
        let script = """
            import base64, hashlib, hmac, sys
            secret, msg_id, timestamp = sys.argv[1:4]
            key = base64.b64decode(secret[len("whsec_"):])
            signed = msg_id.encode() + b"." + timestamp.encode() + b"." + sys.stdin.buffer.read()
            print("v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode())
            """
        let python = try Python.run(script, arguments: [NoticeFixtures.secret, NoticeFixtures.key(.opened), String(attempt)], input: message.body)
        #expect(message.header("webhook-signature") == python)
    }

    /// The verification recipe published in docs/webhook.md accepts a rendered notice and refuses a changed one.
    @Test func documentedRecipeVerifies() throws {
        let doc = try RepositoryFile.text("docs/webhook.md")
        let recipe = try #require(RepositoryFile.codeBlock(doc, language: "python", containing: "def verify("))
        let message = try NoticeFixtures.render(NoticeFixtures.notice(.resolved), on: .webhook)
        let driver = recipe + """

            import json, sys
            secret, headers = sys.argv[1], json.loads(sys.argv[2])
            body = sys.stdin.buffer.read()
            print(verify(secret, headers, body), verify(secret, headers, body + b" "))
            """
        let headers = Dictionary(uniqueKeysWithValues: message.headers.map { ($0.name, $0.value) })
        let headerJSON = String(decoding: try JSONSerialization.data(withJSONObject: headers), as: UTF8.self)
        #expect(try Python.run(driver, arguments: [NoticeFixtures.secret, headerJSON], input: message.body) == "True False")
    }

    /// Secrets that are not `whsec_` plus base64 of 24 to 64 bytes are refused, without echoing them.
    @Test(arguments: [
        "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_", "whsec_not base64!!", "whsec_c2hvcnQ=", "whsec_" + String(repeating: "QUFB", count: 30), "WHSEC_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
    ])
    func badSecrets(secret: String) {
        let error = #expect(throws: RenderError.self) { try WebhookSigner(secret: secret, channelID: "audit") }
        #expect(error?.code == .invalidSecret)
        #expect(error?.channelID == "audit")
        let encoded = String(secret.dropFirst(min(6, secret.count)))
        #expect(encoded.isEmpty || error?.description.contains(encoded) == false)
    }

    /// Base64 without its `=` padding is read too, as Standard Webhooks libraries do.
    @Test func unpaddedSecret() throws {
        let padded = try WebhookSigner(secret: NoticeFixtures.secret)
        let unpadded = try WebhookSigner(secret: String(NoticeFixtures.secret.dropLast()))
        #expect(padded.signature(id: "a", timestamp: 1, body: []) == unpadded.signature(id: "a", timestamp: 1, body: []))
    }
}
