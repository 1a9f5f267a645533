import struct Foundation.Date
import struct Foundation.DateInterval

/// SLA arithmetic: how the time of each integration inside a window was spent, computed from
/// its transition log, silences and the daemon's downtime, exact to the millisecond the log holds.
///
/// Pure: the window's end is passed in, nothing is read. The definitions are in docs/sla.md.
public enum SLACalculator {
    /// How one integration's time inside `window` was spent, and how many breaches it had there.
    ///
    /// The integration is measured only over the part of the window in which it existed
    /// (`existsSince` … `removedAt`). Each millisecond goes to the first that applies of:
    /// unknown (the daemon was down, or the state was unknown), silenced, breach (stale or
    /// down), up (healthy, degraded, blocked).
    public static func split(_ input: SLAInput, window: DateInterval) -> (time: TimeSplit, breaches: Int) {
        let start = max(window.start.unixMilliseconds, input.existsSince?.unixMilliseconds ?? window.start.unixMilliseconds)
        let end = min(window.end.unixMilliseconds, input.removedAt?.unixMilliseconds ?? window.end.unixMilliseconds)
        guard end > start else { return (TimeSplit(), 0) }

        // The state at `start`: the last one logged before it, or what the first change left.
        var state = input.initialState ?? input.changes.first?.from
        var changes = input.changes[...]
        while let change = changes.first, change.at.unixMilliseconds <= start {
            state = change.to
            changes = changes.dropFirst()
        }
        let downtime = merged(input.downtime, within: start, end)
        let silenced = merged(input.silenced, within: start, end)

        var boundaries = [start, end]
        boundaries += changes.map(\.at.unixMilliseconds).filter { $0 < end }
        for interval in downtime + silenced { boundaries += [interval.start, interval.end] }
        boundaries = Array(Set(boundaries)).sorted()

        var totals = Totals()
        var downtimeIndex = 0
        var silencedIndex = 0
        var breachCounted = false
        if state?.isBreach != true { breachCounted = true }
        for (index, from) in boundaries.dropLast().enumerated() {
            let to = boundaries[index + 1]
            while let change = changes.first, change.at.unixMilliseconds <= from {
                if change.to.isBreach, state?.isBreach != true { breachCounted = false }
                state = change.to
                changes = changes.dropFirst()
            }
            let isDown = covers(downtime, at: from, cursor: &downtimeIndex)
            let isSilenced = covers(silenced, at: from, cursor: &silencedIndex)
            let length = to - from
            if isDown || state == nil || state == .unknown {
                totals.unknown += length
            } else if isSilenced {
                totals.silenced += length
            } else if state?.isBreach == true {
                totals.breach += length
                if !breachCounted {
                    totals.breaches += 1
                    breachCounted = true
                }
            } else {
                totals.up += length
            }
        }
        let time = TimeSplit(
            measured: seconds(end - start), up: seconds(totals.up), breach: seconds(totals.breach),
            silenced: seconds(totals.silenced), unknown: seconds(totals.unknown)
        )
        return (time, totals.breaches)
    }

    /// One integration's figures: time split, attainment against its target, error budget,
    /// breaches, and MTTA/MTTR over the incidents opened in the window.
    public static func figures(_ input: SLAInput, window: DateInterval) -> IntegrationFigures {
        let (time, breaches) = split(input, window: window)
        let integration = input.integration
        let target = integration.sla?.availability
        var budget: Double?
        var left: Double?
        var leftPercent: Double?
        var overBudget = false
        if let target {
            let allowed = (time.up + time.breach) * (100 - target) / 100
            budget = allowed
            left = allowed - time.breach
            leftPercent = allowed > 0 ? (allowed - time.breach) / allowed * 100 : nil
            // A millisecond of slack: the log's resolution.
            overBudget = time.breach - allowed > 0.001
        }
        let acknowledged = input.incidents.compactMap { incident in incident.acknowledgedAt.map { $0.timeIntervalSince(incident.openedAt) } }
        let resolved = input.incidents.compactMap { incident in incident.resolvedAt.map { $0.timeIntervalSince(incident.openedAt) } }
        return IntegrationFigures(
            id: integration.id, name: integration.name, owner: integration.owner, tools: integration.tools,
            journey: integration.journey.map(\.rawValue), target: target, attainment: time.attainment, time: time,
            errorBudget: budget, errorBudgetLeft: left, errorBudgetLeftPercent: leftPercent, overBudget: overBudget,
            breaches: breaches, incidents: input.incidents.count, acknowledged: acknowledged.count, resolved: resolved.count,
            mtta: DurationStatistics(samples: acknowledged), mttr: DurationStatistics(samples: resolved)
        )
    }

    /// The whole report: every integration, worst offenders first, and the same figures per
    /// owner, tool and journey stage.
    ///
    /// Worst first means: over budget first, then the least error budget left, then the lowest
    /// attainment, then the longest breach time; integrations without a target come after
    /// those with one at the same attainment.
    ///
    /// - Parameters:
    ///   - teamNames: Display names of owner teams by id.
    public static func report(_ inputs: [SLAInput], window: DateInterval, generatedAt: Date, teamNames: [String: String] = [:]) -> SLAReport {
        report(inputs, figures: inputs.map { figures($0, window: window) }, window: window, generatedAt: generatedAt, teamNames: teamNames)
    }

    /// The report from figures already computed for each input (in the same order), for callers
    /// that compute them in parallel.
    public static func report(
        _ inputs: [SLAInput], figures: [IntegrationFigures], window: DateInterval, generatedAt: Date, teamNames: [String: String] = [:]
    ) -> SLAReport {
        var rows: [(figures: IntegrationFigures, input: SLAInput)] = Array(zip(figures, inputs))
        rows.sort { isWorse($0.figures, than: $1.figures) }
        let integrations = rows.map(\.figures)

        var owners: [String: [Int]] = [:]
        var tools: [String: [Int]] = [:]
        var stages: [String: [Int]] = [:]
        for (index, row) in rows.enumerated() {
            owners[row.figures.owner, default: []].append(index)
            for tool in Set(row.figures.tools) { tools[tool, default: []].append(index) }
            for stage in Set(row.figures.journey) { stages[stage, default: []].append(index) }
        }
        func groups(_ members: [String: [Int]], name: (String) -> String) -> [GroupFigures] {
            members.map { key, indices in group(key: key, name: name(key), indices.map { rows[$0] }) }
                .sorted(by: isWorse)
        }
        return SLAReport(
            generatedAt: UTCTime.rfc3339(generatedAt), windowStart: UTCTime.rfc3339(window.start), windowEnd: UTCTime.rfc3339(window.end),
            windowSeconds: seconds(window.end.unixMilliseconds - window.start.unixMilliseconds),
            integrations: integrations,
            owners: groups(owners) { teamNames[$0] ?? $0 },
            tools: groups(tools) { $0 },
            journeyStages: groups(stages) { $0 },
            total: group(key: "all", name: "All integrations", rows)
        )
    }

    /// Daily time splits of one integration for the `days` UTC days ending with the one that holds `now`
    /// (the last day is cut at `now`): the status page's availability bars. At most
    /// ``maximumDays`` days, however many are asked for.
    public static func daily(_ input: SLAInput, days: Int, now: Date) -> [TimeSplit] {
        let today = (now.unixMilliseconds / 86_400_000) * 86_400_000
        return (0..<min(max(0, days), maximumDays)).reversed().map { back in
            let dayStart = today - Int64(back) * 86_400_000
            let window = DateInterval(
                start: Date(unixMilliseconds: dayStart),
                end: Date(unixMilliseconds: min(now.unixMilliseconds, dayStart + 86_400_000))
            )
            return split(input, window: window).time
        }
    }

    /// The most daily buckets ``daily(_:days:now:)`` computes: ten years, more than any
    /// retention keeps (``ConfigLimits/retention``).
    public static let maximumDays = 3660

    // MARK: - Parts

    private struct Totals {
        var up: Int64 = 0
        var breach: Int64 = 0
        var silenced: Int64 = 0
        var unknown: Int64 = 0
        var breaches = 0
    }

    private struct Span {
        var start: Int64
        var end: Int64
    }

    private static func group(key: String, name: String, _ rows: [(figures: IntegrationFigures, input: SLAInput)]) -> GroupFigures {
        let time = rows.reduce(TimeSplit()) { $0 + $1.figures.time }
        let acknowledged = rows.flatMap { row in
            row.input.incidents.compactMap { incident in incident.acknowledgedAt.map { $0.timeIntervalSince(incident.openedAt) } }
        }
        let resolved = rows.flatMap { row in
            row.input.incidents.compactMap { incident in incident.resolvedAt.map { $0.timeIntervalSince(incident.openedAt) } }
        }
        return GroupFigures(
            key: key, name: name, integrations: rows.count, attainment: time.attainment, time: time,
            overBudget: rows.count { $0.figures.overBudget }, breaches: rows.reduce(0) { $0 + $1.figures.breaches },
            incidents: rows.reduce(0) { $0 + $1.figures.incidents },
            mtta: DurationStatistics(samples: acknowledged), mttr: DurationStatistics(samples: resolved)
        )
    }

    private static func isWorse(_ lhs: IntegrationFigures, than rhs: IntegrationFigures) -> Bool {
        if lhs.overBudget != rhs.overBudget { return lhs.overBudget }
        if let order = ascending(lhs.errorBudgetLeftPercent, rhs.errorBudgetLeftPercent) { return order }
        if let order = ascending(lhs.attainment, rhs.attainment) { return order }
        if lhs.time.breach != rhs.time.breach { return lhs.time.breach > rhs.time.breach }
        return lhs.id < rhs.id
    }

    private static func isWorse(_ lhs: GroupFigures, than rhs: GroupFigures) -> Bool {
        if let order = ascending(lhs.attainment, rhs.attainment) { return order }
        if lhs.time.breach != rhs.time.breach { return lhs.time.breach > rhs.time.breach }
        return lhs.key < rhs.key
    }

    /// `true`/`false` when the two differ (a missing value sorts last), `nil` when equal.
    private static func ascending(_ lhs: Double?, _ rhs: Double?) -> Bool? {
        switch (lhs, rhs) {
        case let (left?, right?): left == right ? nil : left < right
        case (.some, nil): true
        case (nil, .some): false
        case (nil, nil): nil
        }
    }

    /// The intervals clipped to `start..<end`, sorted and with overlaps merged.
    private static func merged(_ intervals: [DateInterval], within start: Int64, _ end: Int64) -> [Span] {
        let clipped = intervals
            .map { Span(start: max(start, $0.start.unixMilliseconds), end: min(end, $0.end.unixMilliseconds)) }
            .filter { $0.end > $0.start }
            .sorted { $0.start < $1.start }
        var result: [Span] = []
        for span in clipped {
            if let last = result.last, span.start <= last.end {
                result[result.count - 1].end = max(last.end, span.end)
            } else {
                result.append(span)
            }
        }
        return result
    }

    /// Whether `time` falls in one of the sorted, disjoint `spans`; `cursor` only moves forward.
    private static func covers(_ spans: [Span], at time: Int64, cursor: inout Int) -> Bool {
        while cursor < spans.count, spans[cursor].end <= time { cursor += 1 }
        return cursor < spans.count && spans[cursor].start <= time
    }

    private static func seconds(_ milliseconds: Int64) -> Double { Double(milliseconds) / 1000 }
}
