import BatonCore

/// Baton's reasons in plain words, for people reading a notice on a phone.
///
/// Worded from the typed ``Reason`` (never from its compact text):
/// `last_sync 3h12m old (error after 2h)` reads `last sync 3 h 12 min ago; SLA is 2 h`.
/// Free text (``Reason/text(_:)``: reasons read back from old rows) is shown as written: a
/// terse but true reason beats a friendly wrong one.
public enum PlainReason {
    /// `reason` in plain words.
    public static func words(_ reason: Reason) -> String {
        switch reason {
        case .answered(let summary): words(summary)
        case .httpStatus(let finding): words(finding)
        case .body(let finding): words(finding)
        case .json(let finding): words(finding)
        case .freshness(let finding): words(finding)
        case .latency(let finding): words(finding)
        case .transfer(let failure): words(failure)
        case .blocked(let blockers): "waiting on " + listed(blockers.map(words))
        case .heartbeat(let finding): words(finding)
        case .noProbeYet: reason.compact
        case .progress(let inner, let progress): "\(words(inner)); \(progress.compact)"
        case .tokenEndpoint(let problem): words(problem)
        case .certificate(let finding): words(finding)
        case .file(let finding): words(finding)
        case .removedFromConfig: "removed from the config"
        case .text(let text): text
        }
    }

    /// `sfdc-api, which is down`, or `sfdc-api` when its state is not kept.
    static func words(_ blocker: Blocker) -> String {
        blocker.state.map { "\(blocker.id), which is \($0.rawValue)" } ?? blocker.id
    }

    /// A field or header name as words: `last_sync` → `last sync`.
    static func humanised(_ label: String) -> String {
        label.replacing("_", with: " ")
    }

    /// `a`, `a and b`, `a, b, and c`.
    static func listed(_ items: [String]) -> String {
        guard let last = items.last, items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + ", and " + last
    }
}
