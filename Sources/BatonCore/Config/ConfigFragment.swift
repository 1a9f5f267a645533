/// What one config file (or several, once merged) says, before defaults are applied and
/// references between sections checked.
///
/// Each part keeps the ids it defines even when its body had errors, so one mistake does
/// not cascade into "unknown team" errors everywhere the team is used; and it keeps the
/// place of every reference, to be checked once all files are read.
struct ConfigFragment {
    var daemon = DaemonDraft()
    var storage: StorageSettings?
    /// Where `storage:` was written, to name both places when two files set it.
    var storageLocation: SourceLocation?
    var defaults = DefaultsDraft()
    var teams: [TeamDraft] = []
    var channels: [ChannelDraft] = []
    var policies: [PolicyDraft] = []
    var maintenance: [MaintenanceDraft] = []
    var digests: [DigestDraft] = []
    var integrations: [IntegrationDraft] = []
}

/// `daemon:` keys a file sets; unset keys leave an earlier file's value alone.
struct DaemonDraft {
    var http: ListenAddress?
    var maxConcurrency: Int?
    var retention: Duration?
    var publicURL: String?
    var nodeName: String?
    var heartbeatURL: SecretText?
}

/// `defaults:` keys a file sets; unset keys leave an earlier file's value alone.
struct DefaultsDraft {
    var interval: Duration?
    var timeout: Duration?
    var failureThreshold: Int?
    var successThreshold: Int?
    var escalation: Located<String>?
    var maxBodyBytes: Int?
}

/// A team, and the channel ids it names.
struct TeamDraft {
    var id: Located<String>
    var team: Team?
    var channelRefs: [Located<String>]
}

/// A channel; `channel` is `nil` when its body had errors.
struct ChannelDraft {
    var id: Located<String>
    var channel: Channel?
}

/// An escalation policy, and the `team:`/`channel:` targets it names.
struct PolicyDraft {
    var id: Located<String>
    var policy: EscalationPolicy?
    var targets: [Located<NotifyTarget>]
}

/// A maintenance window, and the owners and integrations its matcher names.
struct MaintenanceDraft {
    var window: MaintenanceWindow?
    var ownerRefs: [Located<String>]
    var integrationRefs: [Located<String>]
}

/// A digest, and the channels it names.
struct DigestDraft {
    var digest: Digest?
    var channelRefs: [Located<String>]
}

/// An integration as written: what it leaves to `defaults:` is still `nil`.
struct IntegrationDraft {
    var location: SourceLocation
    var id: Located<String>?
    var name: String?
    var tools: [String] = []
    var tags: [String] = []
    var owner: Located<String>?
    var accountable: Located<String>?
    var informed: [Located<String>] = []
    var journey: [JourneyStage] = []
    var dependsOn: [Located<String>] = []
    var probe: ProbeDraft?
    var sla: SLATarget?
    var failureThreshold: Int?
    var successThreshold: Int?
    var escalation: Located<String>?
    /// False when something in the integration could not be read, so it is not built.
    var isComplete = true
}

/// How an integration is observed, as written (boxed, like ``ProbeKind``: a draft is copied
/// while the file is read, and 10,000 of them live at once).
indirect enum ProbeDraft {
    case check(CheckDraft)
    case heartbeat(Heartbeat, tokenLocation: SourceLocation)
}

/// A check whose interval, timeout and body limit may still come from `defaults:`.
struct CheckDraft {
    var url: SecretText
    var method: String
    var headers: [HTTPHeaderField]
    var interval: Duration?
    var timeout: Duration?
    var maxBodyBytes: Int?
    var expect: Expectations
    var freshness: FreshnessRule?
    var auth: CheckAuth?
    var body: RequestBody?
    var tls: CheckTLS?
    var endpoint: String?
}
