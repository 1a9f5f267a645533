import struct Foundation.Date
import struct Foundation.DateInterval

/// Everything the SLA arithmetic needs about one integration over one window, gathered by the
/// daemon from its database: the figures are computed from these alone.
public struct SLAInput: Sendable, Equatable {
    /// Name, owner, tools, journey stages and SLA target (from the current config).
    public var integration: Integration
    /// The shown state when the window (or the integration's existence) begins; `nil` when unknown.
    public var initialState: IntegrationState?
    /// Changes of the shown state inside the window, oldest first (`at`, `from`, `to`; the store leaves `reason` empty).
    public var changes: [StateChange]
    /// When the integration first appeared in the config; before that it did not exist.
    public var existsSince: Date?
    /// When it left the config, if it did.
    public var removedAt: Date?
    /// Maintenance windows and silences that covered it (may overlap each other and the window's edges).
    public var silenced: [DateInterval]
    /// When the daemon was not running: nothing was observed, so that time is unknown.
    public var downtime: [DateInterval]
    /// Incidents opened inside the window: opening, acknowledgement and resolution times are what counts.
    public var incidents: [Incident]

    public init(
        integration: Integration, initialState: IntegrationState?, changes: [StateChange], existsSince: Date?, removedAt: Date?,
        silenced: [DateInterval], downtime: [DateInterval], incidents: [Incident]
    ) {
        self.integration = integration
        self.initialState = initialState
        self.changes = changes
        self.existsSince = existsSince
        self.removedAt = removedAt
        self.silenced = silenced
        self.downtime = downtime
        self.incidents = incidents
    }
}
