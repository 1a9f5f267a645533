extension Reason: CustomStringConvertible {
    /// The terse form of `baton status`, the API, the log and the database:
    /// `last_sync 3h12m old (error after 2h)`, `HTTP 503 (failed probe 1 of 3)`.
    public var compact: String {
        switch self {
        case .answered(let summary): summary.compact
        case .httpStatus(let finding): finding.compact
        case .body(let finding): finding.compact
        case .json(let finding): finding.compact
        case .freshness(let finding): finding.compact
        case .latency(let finding): finding.compact
        case .transfer(let failure): failure.compact
        case .blocked(let blockers): "blocked by " + blockers.map(\.compact).joined(separator: ", ")
        case .heartbeat(let finding): finding.compact
        case .noProbeYet: "no probe yet"
        case .progress(let reason, let progress): "\(reason.compact) (\(progress.compact))"
        case .tokenEndpoint(let problem): problem.compact
        case .certificate(let finding): finding.compact
        case .file(let finding): finding.compact
        case .removedFromConfig: "removed from the config"
        case .text(let text): text
        }
    }

    public var description: String { compact }
}
