import BatonCore
import Foundation

/// What a notice says, worded once for every chat: a title, a lead sentence and facts.
///
/// Texts here are plain, single-line (except ``details``) and already cut to a
/// ``TextBudget``; each renderer escapes them for its markup and cuts them again to its
/// service's limits.
struct NoticeSummary: Sendable {
    /// One labelled value: `Owner: Marketing Operations`.
    struct Fact: Sendable, Equatable {
        var label: String
        var value: String
        /// Set when the value is a time, for services that can show it in the reader's zone.
        var time: Date?
    }

    var kind: Notice.Kind
    /// When the notice was created: the time chats show it under.
    var createdAt: Date
    var tone: Tone
    /// Leads the title, so the mood shows in a notification too.
    var emoji: String
    /// `#42 Salesforce → Marketo lead sync is down`.
    var title: String
    /// One or two sentences: why, or what happened (`Acknowledged by alice.`).
    var lead: String
    var facts: [Fact]
    /// `baton ack 42`, while acknowledging is useful.
    var acknowledgeCommand: String?
    /// `baton show sfdc-marketo-leads`, when the notice is about one integration.
    var detailsCommand: String?
    /// An `http(s)` link to the status page, when it is safe to put in markup.
    var link: String?
    /// Several lines of text (a digest's list), when the notice has them.
    var details: String?
    /// The reason in plain words, as in the lead.
    var reasonWords: String
    /// How much of each user text was kept.
    var budget: TextBudget

    /// The one line phones show in a notification: `🔴 #42 … is down: The endpoint answered HTTP 503.`
    var fallback: String { "\(emoji) \(title): \(lead)" }

    /// The title with its emoji.
    var headerLine: String { "\(emoji) \(title)" }
}

extension NoticeSummary {
    /// The payload of the first budget, from generous to tight, whose result `fits`; the
    /// tightest budget's payload when none does.
    static func firstFitting<Payload>(
        _ notice: Notice, budgets: [TextBudget], build: (NoticeSummary) throws(RenderError) -> Payload, fits: (Payload) -> Bool
    ) throws(RenderError) -> Payload {
        for budget in budgets.dropLast() {
            let payload = try build(NoticeSummary(notice, budget: budget))
            if fits(payload) { return payload }
        }
        return try build(NoticeSummary(notice, budget: budgets.last ?? .minimal))
    }
}
