import BatonCore
import Foundation
import Testing

/// Hand-computed fixtures for the SLA arithmetic. Times are hours after a fixed origin.
@Suite("SLA arithmetic")
struct SLACalculatorTests {
    static let origin = Date(timeIntervalSince1970: 1_790_000_000)

    static func at(_ hours: Double) -> Date { origin.addingTimeInterval(hours * 3600) }

    static func span(_ from: Double, _ to: Double) -> DateInterval { DateInterval(start: at(from), end: at(to)) }

    static func integration(_ id: String = "leads", owner: String = "mops", tools: [String] = ["Salesforce", "Marketo"],
                            journey: [JourneyStage] = [.acquisition], target: Double? = 99) -> Integration {
        Integration(
            id: id, name: "Lead sync \(id)", tools: tools, owner: owner, journey: journey,
            probe: .heartbeat(Heartbeat(token: SecretText(literal: "t"), period: .seconds(60), grace: .zero)),
            sla: target.map { SLATarget(availability: $0) }
        )
    }

    static func change(_ from: IntegrationState, _ to: IntegrationState, at hours: Double) -> StateChange {
        StateChange(from: from, to: to, reason: .text("r"), at: at(hours))
    }

    static func input(
        _ integration: Integration = integration(), initial: IntegrationState? = .healthy, changes: [StateChange] = [],
        existsSince: Date? = at(-1000), removedAt: Date? = nil, silenced: [DateInterval] = [], downtime: [DateInterval] = [],
        incidents: [Incident] = []
    ) -> SLAInput {
        SLAInput(integration: integration, initialState: initial, changes: changes, existsSince: existsSince, removedAt: removedAt,
                 silenced: silenced, downtime: downtime, incidents: incidents)
    }

    static func incident(_ id: Int, opened: Double, acked: Double? = nil, resolved: Double? = nil) -> Incident {
        Incident(id: id, integrationID: "leads", policyID: nil, status: resolved == nil ? .open : .resolved, openedAt: at(opened),
                 openingState: .stale, openingReason: .text("r"), acknowledgedAt: acked.map(at), resolvedAt: resolved.map(at))
    }

    /// 100 h window, stale from 10 h to 14 h: 96 h up, 4 h breach, 96 % attainment; a 99 % target allows 1 h.
    @Test func oneBreachInsideTheWindow() {
        let figures = SLACalculator.figures(
            Self.input(changes: [Self.change(.healthy, .stale, at: 10), Self.change(.stale, .healthy, at: 14)]),
            window: Self.span(0, 100)
        )
        #expect(figures.time == TimeSplit(measured: 360_000, up: 345_600, breach: 14_400))
        #expect(figures.attainment == 96)
        #expect(figures.breaches == 1)
        #expect(figures.errorBudget == 3600)
        #expect(figures.errorBudgetLeft == -10_800)
        #expect(figures.errorBudgetLeftPercent == -300)
        #expect(figures.overBudget)
    }

    /// A window that starts in the middle of a breach counts only the part inside it, and the breach once.
    @Test func windowCutsABreachInHalf() {
        let input = Self.input(initial: .healthy, changes: [Self.change(.healthy, .down, at: 8), Self.change(.down, .healthy, at: 12)])
        // The store gives the state at the window's start as the initial state.
        let cut = SLAInput(integration: input.integration, initialState: .down, changes: [Self.change(.down, .healthy, at: 12)],
                           existsSince: input.existsSince, removedAt: nil, silenced: [], downtime: [], incidents: [])
        let figures = SLACalculator.figures(cut, window: Self.span(10, 20))
        #expect(figures.time == TimeSplit(measured: 36_000, up: 28_800, breach: 7200))
        #expect(figures.attainment == 80)
        #expect(figures.breaches == 1)

        // And a window ending mid-breach: 10…12 healthy then down until the end.
        let tail = SLACalculator.figures(
            Self.input(changes: [Self.change(.healthy, .down, at: 12)]), window: Self.span(10, 14)
        )
        #expect(tail.time == TimeSplit(measured: 14_400, up: 7200, breach: 7200))
        #expect(tail.breaches == 1)
    }

    /// Silenced time is excluded from attainment whatever the state, and shown; a breach that is
    /// silenced throughout is not counted.
    @Test func silencesAreExcludedAndShown() {
        let figures = SLACalculator.figures(
            Self.input(
                changes: [
                    Self.change(.healthy, .stale, at: 2), Self.change(.stale, .healthy, at: 3),  // inside the silence: not counted
                    Self.change(.healthy, .down, at: 8), Self.change(.down, .healthy, at: 10),  // half silenced
                ],
                // Overlapping silences merge: 1…4 and 3.5…9 cover 1…9.
                silenced: [Self.span(1, 4), Self.span(3.5, 9)]
            ),
            window: Self.span(0, 10)
        )
        #expect(figures.time == TimeSplit(measured: 36_000, up: 3600, breach: 3600, silenced: 28_800))
        #expect(figures.attainment == 50)
        #expect(figures.breaches == 1)
    }

    /// Daemon downtime is unknown time, neither up nor down, and so is time before the first probe.
    @Test func downtimeAndUnknownAreSeparate() {
        let figures = SLACalculator.figures(
            Self.input(
                initial: nil,
                changes: [Self.change(.unknown, .healthy, at: 1), Self.change(.healthy, .stale, at: 5)],
                // Down 4…6 while the integration went stale; silenced 5.5…7 overlaps the downtime.
                silenced: [Self.span(5.5, 7)], downtime: [Self.span(4, 6)]
            ),
            window: Self.span(0, 10)
        )
        // unknown 0…1 and 4…6 = 3 h; up 1…4 = 3 h; silenced 6…7 = 1 h; breach 7…10 = 3 h.
        #expect(figures.time == TimeSplit(measured: 36_000, up: 10_800, breach: 10_800, silenced: 3600, unknown: 10_800))
        #expect(figures.attainment == 50)
        #expect(figures.breaches == 1)
    }

    /// An integration added or removed mid-window is measured over the time it existed.
    @Test func partialExistence() {
        let added = SLACalculator.figures(
            Self.input(initial: nil, changes: [Self.change(.unknown, .healthy, at: 6)], existsSince: Self.at(6)),
            window: Self.span(0, 10)
        )
        #expect(added.time == TimeSplit(measured: 14_400, up: 14_400))
        #expect(added.attainment == 100)

        let removed = SLACalculator.figures(
            Self.input(changes: [Self.change(.healthy, .down, at: 2)], removedAt: Self.at(3)), window: Self.span(0, 10)
        )
        #expect(removed.time == TimeSplit(measured: 10_800, up: 7200, breach: 3600))

        let later = SLACalculator.figures(Self.input(existsSince: Self.at(20)), window: Self.span(0, 10))
        #expect(later.time == TimeSplit())
        #expect(later.attainment == nil)
    }

    /// Degraded and blocked count as up (a blocked integration's breach is its upstream's);
    /// stale → down is one breach, not two.
    @Test func statesThatCountAsUp() {
        let figures = SLACalculator.figures(
            Self.input(changes: [
                Self.change(.healthy, .degraded, at: 1), Self.change(.degraded, .blocked, at: 2),
                Self.change(.blocked, .stale, at: 3), Self.change(.stale, .down, at: 4), Self.change(.down, .healthy, at: 5),
            ]),
            window: Self.span(0, 10)
        )
        #expect(figures.time == TimeSplit(measured: 36_000, up: 28_800, breach: 7200))
        #expect(figures.breaches == 1)
    }

    /// MTTA and MTTR: mean, median (average of the middle two) and nearest-rank p90.
    @Test func mttaAndMttr() {
        let incidents = [
            Self.incident(1, opened: 0, acked: 0.1, resolved: 1),  // ack 6 min, resolve 60 min
            Self.incident(2, opened: 2, acked: 2.5, resolved: 4),  // 30 min, 120 min
            Self.incident(3, opened: 5, resolved: 5.5),  // never acknowledged, 30 min
            Self.incident(4, opened: 8, acked: 9),  // 60 min, still open
        ]
        let figures = SLACalculator.figures(Self.input(incidents: incidents), window: Self.span(0, 10))
        #expect(figures.incidents == 4)
        #expect(figures.acknowledged == 3)
        #expect(figures.resolved == 3)
        #expect(figures.mtta == DurationStatistics(count: 3, mean: 1920, median: 1800, p90: 3600))
        #expect(figures.mttr == DurationStatistics(count: 3, mean: 4200, median: 3600, p90: 7200))
        #expect(DurationStatistics(samples: [4, 1, 3, 2]) == DurationStatistics(count: 4, mean: 2.5, median: 2.5, p90: 4))
        #expect(DurationStatistics(samples: Array(1...20).map(Double.init)).p90 == 18)
        #expect(DurationStatistics(samples: []) == DurationStatistics())
    }

    /// Worst offenders first; groups weight attainment by time; an integration counts in each of its tools.
    @Test func reportOrderAndGroups() {
        let window = Self.span(0, 10)
        let inputs = [
            Self.input(Self.integration("fine", owner: "web")),
            Self.input(Self.integration("bad", owner: "mops"), changes: [Self.change(.healthy, .down, at: 0), Self.change(.down, .healthy, at: 5)]),
            Self.input(Self.integration("meh", owner: "mops", tools: ["Marketo"], journey: [.retention]),
                       changes: [Self.change(.healthy, .stale, at: 9.95)]),
            Self.input(Self.integration("untargeted", owner: "web", target: nil), changes: [Self.change(.healthy, .down, at: 9)]),
        ]
        let report = SLACalculator.report(inputs, window: window, generatedAt: Self.at(10), teamNames: ["mops": "Marketing Operations"])

        #expect(report.integrations.map(\.id) == ["bad", "meh", "fine", "untargeted"])
        #expect(report.owners.map(\.key) == ["mops", "web"])
        #expect(report.owners.first?.name == "Marketing Operations")
        // mops: 20 h measured, 5 h + 3 min breach.
        #expect(report.owners.first?.time == TimeSplit(measured: 72_000, up: 53_820, breach: 18_180))
        #expect(report.owners.first?.overBudget == 1)
        #expect(report.tools.first(where: { $0.key == "Marketo" })?.integrations == 4)
        #expect(report.tools.first(where: { $0.key == "Salesforce" })?.integrations == 3)
        #expect(report.journeyStages.map(\.key).sorted() == ["acquisition", "retention"])
        #expect(report.total.integrations == 4)
        #expect(report.total.breaches == 3)
        #expect(report.windowStart == UTCTime.rfc3339(Self.at(0)))
        #expect(report.windowSeconds == 36_000)
    }

    /// Daily splits for the status page: whole UTC days, today cut at now.
    @Test func dailyBars() {
        let midnight = Date(timeIntervalSince1970: 1_790_035_200)  // a UTC midnight
        let input = Self.input(changes: [StateChange(from: .healthy, to: .down, reason: .text("r"), at: midnight.addingTimeInterval(-6 * 3600))])
        let days = SLACalculator.daily(input, days: 3, now: midnight.addingTimeInterval(2 * 3600))
        #expect(days.count == 3)
        #expect(days[0].breach == 0 && days[0].up == 86_400)
        #expect(days[1].breach == 6 * 3600 && days[1].up == 18 * 3600)
        #expect(days[2] == TimeSplit(measured: 7200, breach: 7200))
    }
}
