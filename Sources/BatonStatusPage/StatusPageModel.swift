import BatonCore
import Foundation

/// What the status page shows, gathered by the daemon: the page itself only lays it out.
public struct StatusPageModel: Sendable {
    public struct Row: Sendable {
        public var id: String
        public var name: String
        public var owner: String
        public var ownerName: String
        public var journey: [String]
        /// The shown state (`blocked` included) and why.
        public var state: IntegrationState
        public var reason: String
        public var since: Date?
        public var silenced: Bool
        /// Oldest first: one split per UTC day, the last one cut at `generatedAt`.
        public var days: [TimeSplit]
        /// Over the same days.
        public var availability: Double?

        public init(
            id: String, name: String, owner: String, ownerName: String, journey: [String], state: IntegrationState, reason: String,
            since: Date?, silenced: Bool, days: [TimeSplit], availability: Double?
        ) {
            self.id = id
            self.name = name
            self.owner = owner
            self.ownerName = ownerName
            self.journey = journey
            self.state = state
            self.reason = reason
            self.since = since
            self.silenced = silenced
            self.days = days
            self.availability = availability
        }
    }

    public struct OpenIncident: Sendable {
        public var id: Int
        public var integrationName: String
        public var ownerName: String
        public var state: IntegrationState
        public var reason: String
        public var openedAt: Date
        public var step: Int
        public var steps: Int
        public var acknowledgedBy: String?

        public init(
            id: Int, integrationName: String, ownerName: String, state: IntegrationState, reason: String, openedAt: Date, step: Int,
            steps: Int, acknowledgedBy: String?
        ) {
            self.id = id
            self.integrationName = integrationName
            self.ownerName = ownerName
            self.state = state
            self.reason = reason
            self.openedAt = openedAt
            self.step = step
            self.steps = steps
            self.acknowledgedBy = acknowledgedBy
        }
    }

    public var generatedAt: Date
    /// In config order.
    public var rows: [Row]
    public var incidents: [OpenIncident]
    /// How many days the bars cover.
    public var days: Int

    public init(generatedAt: Date, rows: [Row], incidents: [OpenIncident], days: Int) {
        self.generatedAt = generatedAt
        self.rows = rows
        self.incidents = incidents
        self.days = days
    }
}
