import struct Foundation.Date

/// A message to one channel about one event, stored with the event and delivered from the store.
public struct Notice: Sendable, Equatable {
    /// What the notice announces.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case opened, escalated, repeated, acknowledged, resolved, reopened, silenced, unsilenced, test, digest
    }

    /// Stable across retries: sent as `webhook-id` so receivers can drop duplicates.
    public var key: String
    public var kind: Kind
    public var channelID: String
    public var incidentID: Int?
    public var createdAt: Date
    public var content: NoticeContent

    public init(key: String, kind: Kind, channelID: String, incidentID: Int?, createdAt: Date, content: NoticeContent) {
        self.key = key
        self.kind = kind
        self.channelID = channelID
        self.incidentID = incidentID
        self.createdAt = createdAt
        self.content = content
    }
}

/// What a notice says, independent of the chat it goes to: each channel type renders it its own way.
public struct NoticeContent: Sendable, Equatable, Codable {
    /// One plain sentence: `Salesforce → Marketo lead sync is stale: last_sync 3h12m old (error after 2h)`.
    public var headline: String
    public var integrationID: String
    public var integrationName: String
    public var tools: [String]
    /// Team ids and display names.
    public var owner: TeamRef
    public var accountable: TeamRef?
    /// `stale`, `down`, or the state it recovered to.
    public var state: String
    /// Stored typed; a notice stored before reasons had types reads back as ``Reason/text(_:)``.
    public var reason: Reason
    /// When the breach began (the incident's opening).
    public var since: Date
    public var incidentID: Int?
    /// The step reached, 1-based, and how many the policy has.
    public var step: Int?
    public var steps: Int?
    /// `baton ack 42`, while acknowledging is still useful.
    public var acknowledgeCommand: String?
    public var acknowledgedBy: String?
    public var note: String?
    /// For `resolved`: how long the incident lasted.
    public var durationSeconds: Int?
    /// Integrations this one blocks (`depends_on` pointing at it).
    public var blocks: [String]
    /// SLA target in percent, when the integration has one.
    public var slaTarget: Double?
    /// Link to the status page, when `daemon.public_url` is set.
    public var link: String?

    public init(
        headline: String, integrationID: String, integrationName: String, tools: [String], owner: TeamRef, accountable: TeamRef?,
        state: String, reason: Reason, since: Date, incidentID: Int?, step: Int?, steps: Int?, acknowledgeCommand: String?,
        acknowledgedBy: String?, note: String?, durationSeconds: Int?, blocks: [String], slaTarget: Double?, link: String?
    ) {
        self.headline = headline
        self.integrationID = integrationID
        self.integrationName = integrationName
        self.tools = tools
        self.owner = owner
        self.accountable = accountable
        self.state = state
        self.reason = reason
        self.since = since
        self.incidentID = incidentID
        self.step = step
        self.steps = steps
        self.acknowledgeCommand = acknowledgeCommand
        self.acknowledgedBy = acknowledgedBy
        self.note = note
        self.durationSeconds = durationSeconds
        self.blocks = blocks
        self.slaTarget = slaTarget
        self.link = link
    }
}

/// A team as notices name it.
public struct TeamRef: Sendable, Equatable, Codable {
    public var id: String
    public var name: String

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}
