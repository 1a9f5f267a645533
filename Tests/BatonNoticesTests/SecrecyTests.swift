import BatonCore
import Foundation
import Testing

@testable import BatonNotices

@Suite struct SecrecyTests {
    /// No body or header of any kind on any channel holds the channel's URL, its tokens, or the signing secret.
    @Test(arguments: ChannelType.allCases)
    func bodiesHoldNoSecrets(type: ChannelType) throws {
        let secretParts = NoticeFixtures.urlSecrets + [NoticeFixtures.secret, String(NoticeFixtures.secret.dropFirst(6))]
        for kind in Notice.Kind.allCases {
            let message = try NoticeFixtures.render(NoticeFixtures.notice(kind), on: type)
            let body = String(decoding: message.body, as: UTF8.self)
            let headers = message.headers.filter { $0.name != "webhook-signature" }.map(\.value).joined(separator: "\n")
            for secret in secretParts {
                #expect(!body.contains(secret), "\(type) \(kind)")
                #expect(!headers.contains(secret), "\(type) \(kind)")
            }
        }
    }

    /// Printing, debug-printing or dumping a renderer or signer never shows the signing key.
    @Test func descriptionsHoldNoSecret() throws {
        let renderer = try NoticeRenderers.renderer(for: NoticeFixtures.channel(.webhook))
        let signer = try WebhookSigner(secret: NoticeFixtures.secret)
        var dumped = ""
        dump(renderer, to: &dumped)
        dump(signer, to: &dumped)
        let keyBytes = Array(Data(base64Encoded: String(NoticeFixtures.secret.dropFirst(6))) ?? Data()).map(String.init)
        for text in [String(describing: renderer), String(reflecting: renderer), String(describing: signer), String(reflecting: signer), dumped] {
            #expect(!text.contains(String(NoticeFixtures.secret.dropFirst(6))))
            #expect(!text.contains(keyBytes.prefix(4).joined(separator: ", ")))
            for part in NoticeFixtures.urlSecrets { #expect(!text.contains(part)) }
        }
    }

    /// A webhook channel without a secret is refused with a sentence that names the channel, not its URL.
    @Test func missingSecret() {
        var channel = NoticeFixtures.channel(.webhook)
        channel.secret = nil
        let error = #expect(throws: RenderError.self) { try NoticeRenderers.renderer(for: channel) }
        #expect(error?.code == .missingSecret)
        #expect(error?.description.contains("webhook-channel") == true)
        #expect(error?.description.contains("secret-path") == false)
    }
}
