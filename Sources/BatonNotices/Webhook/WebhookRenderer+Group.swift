import BatonCore

/// Grouped notices on a `webhook` channel: one signed delivery whose body is a JSON array of
/// the documented events, each exactly as it would be sent alone (its own `id`, the notice key).
///
/// Receivers see every event, so `more` and `link` add nothing here: each event has its `link`.
extension WebhookRenderer {
    /// Room an event may take inside the array: the body less `[` and `]`.
    private static var elementLimit: Int { WebhookLimits.body - 2 }

    func fitting(_ notices: [Notice], more: Int, link: String?) -> Int {
        guard !notices.isEmpty else { return 0 }
        var used = 2
        var count = 0
        for notice in notices.prefix(GroupLimits.notices) {
            guard let event = try? Self.event(notice, limit: Self.elementLimit) else { break }
            used += event.count + (count == 0 ? 0 : 1)
            guard used <= WebhookLimits.body else { break }
            count += 1
        }
        return max(count, 1)
    }

    func render(_ group: NoticeGroup, attemptTimestamp: Int) throws(RenderError) -> RenderedMessage {
        guard !group.notices.isEmpty else {
            throw RenderError(code: .emptyGroup, channelID: channelID, message: "a grouped message needs at least one notice")
        }
        var body: [UInt8] = [UInt8(ascii: "[")]
        for (index, notice) in group.notices.enumerated() {
            if index > 0 { body.append(UInt8(ascii: ",")) }
            body += try Self.event(notice, limit: Self.elementLimit)
        }
        body.append(UInt8(ascii: "]"))
        return signed(body, key: group.key, attemptTimestamp: attemptTimestamp)
    }
}
