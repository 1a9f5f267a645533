import Foundation

/// Placeholder until the incident logic lands.
public struct SilenceIndex: Sendable {
    public init(silences: [Silence], maintenance: [MaintenanceWindow], at time: Date, defaultTimeZone: TimeZone = .current) {}
    public func verdict(for integration: Integration) -> SilenceVerdict? { nil }
}
