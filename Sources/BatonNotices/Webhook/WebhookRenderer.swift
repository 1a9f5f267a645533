import BatonCore

/// Generic webhooks: Baton's documented JSON, signed per the Standard Webhooks spec.
struct WebhookRenderer: NoticeRenderer, CustomStringConvertible, CustomReflectable {
    let channelID: String
    let signer: WebhookSigner

    init(channelID: String, secret: SecretText?) throws(RenderError) {
        guard let secret, !secret.revealed.isEmpty else {
            throw RenderError(code: .missingSecret, channelID: channelID, message: "a webhook channel needs a `secret` (whsec_…) to sign its notices")
        }
        self.channelID = channelID
        self.signer = try WebhookSigner(secret: secret.revealed, channelID: channelID)
    }

    func render(_ notice: Notice, attemptTimestamp: Int) throws(RenderError) -> RenderedMessage {
        signed(try Self.event(notice, limit: WebhookLimits.body), key: notice.key, attemptTimestamp: attemptTimestamp)
    }

    /// The event for `notice` as JSON, with as much of each text as keeps it within `limit` bytes.
    static func event(_ notice: Notice, limit: Int) throws(RenderError) -> [UInt8] {
        try NoticeSummary.firstFitting(notice, budgets: TextBudget.machine, build: { summary throws(RenderError) in
            try JSONBody.encode(WebhookEvent(notice, summary: summary))
        }) { $0.count <= limit }
    }

    /// `body` with the headers of one signed attempt.
    func signed(_ body: [UInt8], key: String, attemptTimestamp: Int) -> RenderedMessage {
        RenderedMessage.json(body, key: key, extraHeaders: [
            .init(name: "webhook-timestamp", value: String(attemptTimestamp)),
            .init(name: "webhook-signature", value: signer.signature(id: key, timestamp: attemptTimestamp, body: body)),
        ])
    }

    var description: String { "WebhookRenderer(channel: \(channelID), key: ***)" }
    var customMirror: Mirror { Mirror(self, children: ["channelID": channelID], displayStyle: .struct) }
}
