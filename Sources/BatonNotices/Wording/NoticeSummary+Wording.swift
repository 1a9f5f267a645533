import BatonCore
import Foundation

extension NoticeSummary {
    /// Words `notice` within `budget`.
    init(_ notice: Notice, budget: TextBudget) {
        let content = notice.content
        let tone = Tone(kind: notice.kind, state: content.state)
        let words = Words(notice: notice, budget: budget)
        self.init(
            kind: notice.kind,
            createdAt: notice.createdAt,
            tone: tone,
            emoji: Self.emoji(notice.kind, tone),
            title: words.title,
            lead: words.lead,
            facts: words.facts,
            acknowledgeCommand: words.acknowledgeCommand,
            detailsCommand: words.integrationID.map { "baton show \($0)" },
            link: NoticeLink.checked(content.link),
            details: words.details,
            reasonWords: words.reason,
            budget: budget
        )
    }

    /// The emoji that leads a notice of `kind` in `tone`: also each line of a grouped message.
    static func emoji(_ kind: Notice.Kind, _ tone: Tone) -> String {
        switch kind {
        case .resolved: "✅"
        case .acknowledged: "🔵"
        case .silenced: "🔕"
        case .unsilenced: "🔔"
        case .test: "🧪"
        case .digest: "📋"
        case .opened, .escalated, .repeated, .reopened:
            switch tone {
            case .down: "🔴"
            case .stale: "🟠"
            case .degraded: "🟡"
            case .blocked: "⛔"
            case .recovered: "✅"
            default: "⚪"
            }
        }
    }
}

/// The texts of one notice, each cut to one budget once.
private struct Words {
    let notice: Notice
    let budget: TextBudget
    let content: NoticeContent
    /// `sfdc-marketo-leads`, or `nil` for notices about no integration (tests, digests).
    let integrationID: String?
    let name: String
    let state: String
    let reason: String
    let headline: String
    let note: String?

    init(notice: Notice, budget: TextBudget) {
        self.notice = notice
        self.budget = budget
        content = notice.content
        let id = budget.cut(content.integrationID, budget.name)
        integrationID = id.isEmpty ? nil : id
        let name = budget.cut(content.integrationName, budget.name)
        self.name = name.isEmpty ? integrationID ?? "an integration" : name
        state = budget.cut(content.state, 40)
        reason = budget.cut(PlainReason.words(content.reason), budget.sentence)
        headline = budget.cut(content.headline, budget.sentence)
        let note = content.note.map { budget.cut($0, budget.sentence) }
        self.note = notice.kind == .digest || note?.isEmpty == true ? nil : note
    }

    /// `#42 `, or nothing when the notice has no incident.
    var incidentPrefix: String {
        (content.incidentID ?? notice.incidentID).map { "#\($0) " } ?? ""
    }

    var title: String {
        let id = incidentPrefix
        switch notice.kind {
        case .opened: return "\(id)\(name) is \(state)"
        case .escalated: return "\(id)\(name) is still \(state)"
        case .repeated: return "Reminder: \(id)\(name) is still \(state)"
        case .reopened: return "\(id)re-opened: \(name) is \(state) again"
        case .acknowledged: return "\(id)acknowledged: \(name)"
        case .resolved: return "\(id)resolved: \(name)"
        case .silenced: return "\(id)silenced: \(name)"
        case .unsilenced: return "\(id)no longer silenced: \(name)"
        case .test: return "Test notice from Baton"
        case .digest: return "Baton digest"
        }
    }

    var lead: String {
        let why = Self.sentence(Self.capitalised(reason))
        switch notice.kind {
        case .opened:
            return why
        case .escalated:
            let step = content.step.map { number in content.steps.map { ": now at step \(number) of \($0)" } ?? ": now at step \(number)" }
            return "\(why) Not acknowledged after \(elapsed)\(step ?? "")."
        case .repeated:
            return "\(why) Still not acknowledged after \(elapsed)."
        case .reopened:
            return "\(why) It had recovered, and broke again."
        case .acknowledged:
            let by = content.acknowledgedBy.map { "Acknowledged by \(budget.cut($0, budget.name))" } ?? "Acknowledged"
            return Self.sentence(by + (note.map { ": \($0)" } ?? "")) + " Escalation has stopped."
        case .resolved:
            if case .removedFromConfig = content.reason { return "Removed from the config after \(lasted); the incident is closed." }
            return "\(Self.capitalised(state)) again after \(lasted)."
        case .silenced:
            return Self.sentence(headline.isEmpty ? "Silenced" : headline) + " No escalation while it is silenced."
        case .unsilenced:
            return Self.sentence(headline.isEmpty ? "The silence has ended" : headline)
        case .test:
            return headline.isEmpty ? "If you can read this, Baton can post to this channel." : Self.sentence(headline)
        case .digest:
            return headline.isEmpty ? "What happened since the last digest." : Self.sentence(headline)
        }
    }

    var facts: [NoticeSummary.Fact] {
        var facts: [NoticeSummary.Fact] = []
        func add(_ label: String, _ value: String?, time: Date? = nil) {
            guard let value, !value.isEmpty else { return }
            facts.append(NoticeSummary.Fact(label: label, value: value, time: time))
        }
        switch notice.kind {
        case .test:
            add("Channel", budget.cut(notice.channelID, budget.name))
            add("Sent", NoticeTime.human(notice.createdAt), time: notice.createdAt)
            return facts
        case .digest where integrationID == nil:
            return facts
        default:
            break
        }
        add("Tools", budget.cut(list: content.tools, budget.list))
        add("Owner", team(content.owner))
        add("Accountable", content.accountable.flatMap(team))
        add("State", state)
        add("Since", NoticeTime.human(content.since), time: content.since)
        add("Incident", incidentStep)
        add("Blocks", budget.cut(list: content.blocks, budget.list))
        add("SLA", content.slaTarget.map { "\(Self.percent($0)) availability" })
        if notice.kind == .acknowledged || content.acknowledgedBy != nil {
            add("Acknowledged by", content.acknowledgedBy.map { budget.cut($0, budget.name) })
            add("Note", note)
        }
        if notice.kind == .resolved { add("Lasted", lasted) }
        return facts
    }

    /// Only while it helps: never on notices that close or acknowledge an incident.
    var acknowledgeCommand: String? {
        switch notice.kind {
        case .acknowledged, .resolved, .test, .digest: return nil
        default: break
        }
        guard let command = content.acknowledgeCommand.map({ budget.cut($0, 100) }), !command.isEmpty else { return nil }
        return command
    }

    var details: String? {
        guard notice.kind == .digest, let note = content.note else { return nil }
        let lines = budget.cut(lines: note, budget.details)
        return lines.isEmpty ? nil : lines
    }

    /// `#42, step 2 of 3`.
    private var incidentStep: String? {
        guard let id = content.incidentID ?? notice.incidentID else { return nil }
        guard let step = content.step else { return "#\(id)" }
        return "#\(id), step \(step)" + (content.steps.map { " of \($0)" } ?? "")
    }

    private func team(_ team: TeamRef) -> String? {
        let name = budget.cut(team.name.isEmpty ? team.id : team.name, budget.team)
        return name.isEmpty ? nil : name
    }

    /// Time from the breach to this notice: `35 min`.
    private var elapsed: String {
        DurationText.age(seconds: notice.createdAt.timeIntervalSince(content.since)).words
    }

    /// How long the incident lasted: `1 h 12 min`.
    private var lasted: String {
        content.durationSeconds.map { DurationText.age(seconds: Double($0)).words } ?? elapsed
    }

    /// `99.5%`, `99%`.
    private static func percent(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e9 ? "\(Int(value))%" : "\(value)%"
    }

    private static func capitalised(_ text: String) -> String {
        guard let first = text.first, first.isLowercase else { return text }
        return first.uppercased() + text.dropFirst()
    }

    /// Ends `text` with a full stop unless it already ends a sentence.
    private static func sentence(_ text: String) -> String {
        guard let last = text.last else { return text }
        return ".!?…".contains(last) ? text : text + "."
    }
}
