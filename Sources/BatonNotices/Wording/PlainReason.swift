import Foundation

/// Baton's terse reasons in plain words, for people reading a notice on a phone.
///
/// `last_sync 3h12m old (error after 2h)` → `last sync 3 h 12 min ago; SLA is 2 h`.
/// A reason it does not recognise is returned unchanged: a terse but true reason beats
/// a friendly wrong one.
public enum PlainReason {
    /// `reason` in plain words, or unchanged when not recognised.
    public static func words(_ reason: String) -> String {
        let (core, progress) = splitProgress(reason)
        let text = phrase(core) ?? summary(core) ?? core
        return progress.map { "\(text); \($0)" } ?? text
    }

    /// A passing summary lists findings separated by `, `: `HTTP 200 in 12ms, last_sync 4m old`.
    /// Translated only when every part is recognised, since values can contain commas too.
    private static func summary(_ text: String) -> String? {
        let parts = text.components(separatedBy: ", ")
        guard parts.count > 1 else { return nil }
        var words: [String] = []
        for part in parts {
            guard let phrase = phrase(part) else { return nil }
            words.append(phrase)
        }
        return words.joined(separator: "; ")
    }

    /// The health tracker's progress notes: `(failed probe 1 of 3)`, `(recovering: 1 of 2 passing probes)`.
    private static func splitProgress(_ reason: String) -> (core: String, progress: String?) {
        guard reason.hasSuffix(")"), let open = reason.range(of: " (", options: .backwards) else { return (reason, nil) }
        let inside = String(reason[open.upperBound..<reason.index(before: reason.endIndex)])
        guard inside.hasPrefix("failed probe ") || (inside.hasPrefix("recovering: ") && inside.hasSuffix(" passing probes")) else {
            return (reason, nil)
        }
        return (String(reason[..<open.lowerBound]), inside)
    }

    /// One finding in words, or `nil` when it is not one Baton writes.
    static func phrase(_ text: String) -> String? {
        blocked(text) ?? freshness(text) ?? http(text) ?? transport(text) ?? jsonCondition(text) ?? body(text) ?? latency(text)
    }
}
