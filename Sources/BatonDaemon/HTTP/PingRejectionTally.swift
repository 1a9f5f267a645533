/// Counts refused `/ping` requests per source for one log line at most once a ``period``:
/// the first refusal after a quiet period is reported at once, later ones in a summary.
///
/// Never holds a token, only addresses and counts; bounded to ``maximumSources`` addresses
/// (the rest are counted together). Time is passed in.
struct PingRejectionTally {
    /// What one log line says.
    struct Summary: Equatable {
        /// Refused requests, 429s included.
        var refused: Int
        /// Of those, answered 429 without looking at the token.
        var limited: Int
        /// The sources with the most refusals, most first (ties by address), at most five.
        var top: [Source]
        /// Sources not in ``top``.
        var otherSources: Int
        var window: Duration

        struct Source: Equatable {
            var address: String
            var count: Int
        }

        /// `/ping: 37 requests with an unknown token in the last 1m (127.0.0.1: 30, 127.0.0.2: 7); 12 answered 429`.
        var line: String {
            var text = "/ping: \(refused) request\(refused == 1 ? "" : "s") with an unknown token"
            if window > .zero { text += " in the last \(window.compact)" }
            let sources = top.map { "\($0.address): \($0.count)" } + (otherSources > 0 ? ["\(otherSources) more address\(otherSources == 1 ? "" : "es")"] : [])
            text += " (\(sources.joined(separator: ", ")))"
            if limited > 0 { text += "; \(limited) answered 429" }
            return text
        }
    }

    let period: Duration
    let maximumSources: Int
    private var counts: [String: Int] = [:]
    private var uncounted = 0
    private var refused = 0
    private var limited = 0
    private var windowStart: ContinuousClock.Instant?
    private var lastReport: ContinuousClock.Instant?

    init(period: Duration = .seconds(60), maximumSources: Int = 256) {
        self.period = period
        self.maximumSources = maximumSources
    }

    /// Counts one refusal; the summary to log now, if one is due.
    mutating func record(from source: String, limited wasLimited: Bool, at now: ContinuousClock.Instant) -> Summary? {
        if windowStart == nil { windowStart = now }
        refused += 1
        if wasLimited { limited += 1 }
        if counts[source] != nil || counts.count < maximumSources {
            counts[source, default: 0] += 1
        } else {
            uncounted += 1
        }
        return flush(at: now)
    }

    /// The summary of what was counted, when a period has passed since the last one.
    mutating func flush(at now: ContinuousClock.Instant) -> Summary? {
        guard refused > 0 else { return nil }
        if let lastReport, now < lastReport.advanced(by: period) { return nil }
        let ranked = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        let top = ranked.prefix(5).map { Summary.Source(address: $0.key, count: $0.value) }
        let others = counts.count - top.count + (uncounted > 0 ? 1 : 0)
        let summary = Summary(
            refused: refused, limited: limited, top: top, otherSources: others, window: windowStart.map { now - $0 } ?? .zero
        )
        counts = [:]
        uncounted = 0
        refused = 0
        limited = 0
        windowStart = nil
        lastReport = now
        return summary
    }
}
