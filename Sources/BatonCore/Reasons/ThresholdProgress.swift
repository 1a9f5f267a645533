/// How far an integration is toward changing state, between verdicts that do not yet change it.
public enum ThresholdProgress: Sendable, Hashable, Codable {
    /// `failed probe 1 of 3`: failures so far against `failure_threshold`.
    case failing(probe: Int, of: Int)
    /// `recovering: 1 of 2 passing probes`: passes so far against `success_threshold`.
    case recovering(passing: Int, of: Int)

    public var compact: String {
        switch self {
        case .failing(let probe, let threshold): "failed probe \(probe) of \(threshold)"
        case .recovering(let passing, let threshold): "recovering: \(passing) of \(threshold) passing probes"
        }
    }
}
