/// The state of an integration, exactly as SPEC.md names it.
public enum IntegrationState: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// No probe yet.
    case unknown
    case healthy
    /// Slow, or data older than `warn_after`.
    case degraded
    /// Data older than `error_after`, or heartbeat overdue: an SLA breach.
    case stale
    /// `failure_threshold` consecutive failed probes: an SLA breach.
    case down
    /// A dependency is stale or down.
    case blocked

    public var description: String { rawValue }

    /// True for the states that breach an SLA and open an incident.
    public var isBreach: Bool { self == .stale || self == .down }
}
