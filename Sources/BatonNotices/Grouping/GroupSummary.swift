import BatonCore
import Foundation

/// What a grouped message says, worded once for every chat: a header, one line per notice,
/// and "and N more" with the status page.
struct GroupSummary: Sendable {
    /// `12 incidents need attention`, `3 incidents: 2 need attention, 1 recovered`.
    var header: String
    /// The most urgent line's emoji and tone: the message's colour.
    var emoji: String
    var tone: Tone
    var lines: [GroupLine]
    /// Due notices not listed here: the message ends with "and N more".
    var more: Int
    /// An `http(s)` link to the status page, when it is safe to put in markup.
    var link: String?
    /// When the newest listed notice was created.
    var createdAt: Date

    /// The header with its emoji: `🔴 12 incidents need attention`.
    var headerLine: String { "\(emoji) \(header)" }

    /// `and 240 more`, or `nil` when nothing is left out.
    var moreLine: String? { more > 0 ? "and \(more) more" : nil }

    init(lines: some Collection<GroupLine>, createdAt: Date, more: Int, link: String?) {
        let urgent = lines.min { $0.tone.urgency < $1.tone.urgency }
        self.header = Self.header(lines.map(\.kind))
        self.emoji = urgent?.emoji ?? "📋"
        self.tone = urgent?.tone ?? .info
        self.lines = Array(lines)
        self.more = max(0, more)
        self.link = NoticeLink.checked(link)
        self.createdAt = createdAt
    }
}

extension GroupSummary {
    /// What each line tells, in the order the header counts them.
    private enum Outcome: CaseIterable {
        case attention, acknowledged, recovered, silenced, other

        init(_ kind: Notice.Kind) {
            switch kind {
            case .opened, .escalated, .repeated, .reopened, .unsilenced: self = .attention
            case .acknowledged: self = .acknowledged
            case .resolved: self = .recovered
            case .silenced: self = .silenced
            case .test, .digest: self = .other
            }
        }

        /// `2 need attention`.
        func counted(_ count: Int) -> String {
            switch self {
            case .attention: count == 1 ? "1 needs attention" : "\(count) need attention"
            case .acknowledged: "\(count) acknowledged"
            case .recovered: "\(count) recovered"
            case .silenced: "\(count) silenced"
            case .other: count == 1 ? "1 other notice" : "\(count) other notices"
            }
        }
    }

    /// `12 incidents need attention`; with several outcomes, the total and each count.
    private static func header(_ kinds: [Notice.Kind]) -> String {
        let outcomes = kinds.map(Outcome.init)
        let counts = Outcome.allCases.map { outcome in (outcome, outcomes.count(where: { $0 == outcome })) }.filter { $0.1 > 0 }
        let total = kinds.count
        let noun = outcomes.contains(.other) ? (total == 1 ? "notice" : "notices") : (total == 1 ? "incident" : "incidents")
        guard counts.count == 1, let (only, _) = counts.first else {
            return "\(total) \(noun): " + counts.map { $0.0.counted($0.1) }.joined(separator: ", ")
        }
        switch only {
        case .attention: return total == 1 ? "1 incident needs attention" : "\(total) incidents need attention"
        case .other: return "\(total) \(noun)"
        case .acknowledged: return "\(total) \(noun) acknowledged"
        case .recovered: return "\(total) \(noun) recovered"
        case .silenced: return "\(total) \(noun) silenced"
        }
    }
}

extension Tone {
    /// Lower is more urgent: a broken integration before a recovery, an acknowledgement or a test.
    var urgency: Int {
        switch self {
        case .down: 0
        case .stale: 1
        case .degraded: 2
        case .blocked: 3
        case .unknown: 4
        case .acknowledged: 5
        case .silenced: 6
        case .recovered: 7
        case .info: 8
        }
    }
}
