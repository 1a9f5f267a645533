import BatonCore

/// One notice as one line of a grouped message: `🔴 #42 Lead sync is down: the endpoint answered HTTP 503 · baton ack 42`.
///
/// Texts are plain and single-line, cut to ``TextBudget/groupLine``; each renderer escapes
/// them for its markup, as it does a ``NoticeSummary``.
struct GroupLine: Sendable, Equatable {
    var kind: Notice.Kind
    var tone: Tone
    var emoji: String
    /// The incident number, when the notice has one.
    var incidentID: Int?
    /// What happened, in words: `Lead sync is still down, step 2 of 3: the endpoint answered HTTP 503`.
    var text: String
    /// `baton ack 42`, while acknowledging still helps.
    var acknowledgeCommand: String?

    /// `#42 Lead sync is down: …`: the incident number and the text, for chats that show them as one.
    var numberedText: String {
        incidentID.map { "#\($0) \(text)" } ?? text
    }
}

extension TextBudget {
    /// One line of a grouped message: enough to recognise the integration and the reason, short
    /// enough that 50 lines make a message people still read to the end.
    static let groupLine = TextBudget(name: 80, team: 60, list: 80, sentence: 160, details: 0)
}

extension GroupLine {
    /// `notice` worded as one line.
    init(_ notice: Notice) {
        let budget = TextBudget.groupLine
        let content = notice.content
        let tone = Tone(kind: notice.kind, state: content.state)
        let id = budget.cut(content.integrationID, budget.name)
        let cutName = budget.cut(content.integrationName, budget.name)
        let name = cutName.isEmpty ? (id.isEmpty ? "an integration" : id) : cutName
        let state = budget.cut(content.state, 40)
        let reason = budget.cut(PlainReason.words(content.reason), budget.sentence)
        let event = Self.event(notice, name: name, state: state, budget: budget)
        let detail: String? = switch notice.kind {
        case .opened, .escalated, .repeated, .reopened, .unsilenced: reason
        case .acknowledged: content.note.map { budget.cut($0, budget.sentence) }
        case .resolved, .silenced, .test, .digest: nil
        }
        let command: String? = switch notice.kind {
        case .acknowledged, .resolved, .test, .digest: nil
        default: content.acknowledgeCommand.map { budget.cut($0, 100) }
        }
        self.init(
            kind: notice.kind,
            tone: tone,
            emoji: NoticeSummary.emoji(notice.kind, tone),
            incidentID: content.incidentID ?? notice.incidentID,
            text: detail.flatMap { $0.isEmpty ? nil : "\(event): \($0)" } ?? event,
            acknowledgeCommand: command?.isEmpty == false ? command : nil
        )
    }

    /// `Lead sync is still down, step 2 of 3`, `Lead sync recovered after 1 h 12 min`.
    private static func event(_ notice: Notice, name: String, state: String, budget: TextBudget) -> String {
        let content = notice.content
        switch notice.kind {
        case .opened:
            return "\(name) is \(state)"
        case .escalated:
            let step = content.step.map { number in content.steps.map { ", step \(number) of \($0)" } ?? ", step \(number)" }
            return "\(name) is still \(state)\(step ?? "")"
        case .repeated:
            return "\(name) is still \(state) after \(age(notice))"
        case .reopened:
            return "\(name) is \(state) again, re-opened"
        case .acknowledged:
            let by = content.acknowledgedBy.map { budget.cut($0, budget.name) }.flatMap { $0.isEmpty ? nil : $0 }
            return "\(name) acknowledged" + (by.map { " by \($0)" } ?? "")
        case .resolved:
            let lasted = content.durationSeconds.map { DurationText.age(seconds: Double($0)).words } ?? age(notice)
            if case .removedFromConfig = content.reason { return "\(name) removed from the config after \(lasted)" }
            return "\(name) \(state.isEmpty || state == IntegrationState.healthy.rawValue ? "recovered" : "is \(state) again") after \(lasted)"
        case .silenced:
            return "\(name) is silenced"
        case .unsilenced:
            return "\(name) is no longer silenced, still \(state)"
        case .test:
            return "Test notice from Baton"
        case .digest:
            let headline = budget.cut(content.headline, budget.sentence)
            return headline.isEmpty ? "Baton digest" : "Baton digest: \(headline)"
        }
    }

    /// Time from the breach to the notice: `35 min`.
    private static func age(_ notice: Notice) -> String {
        DurationText.age(seconds: notice.createdAt.timeIntervalSince(notice.content.since)).words
    }
}
