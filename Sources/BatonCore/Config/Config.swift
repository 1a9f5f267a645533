/// A validated Baton configuration: everything `baton.yaml` and `conf.d/` say, merged.
public struct Config: Sendable, Equatable {
    public var daemon: DaemonSettings
    /// Where state lives; `nil` is SQLite in the state directory.
    public var storage: StorageSettings?
    public var defaults: Defaults
    /// Teams by id, in the order they were declared.
    public var teams: [Team]
    public var channels: [Channel]
    public var escalationPolicies: [EscalationPolicy]
    public var maintenance: [MaintenanceWindow]
    public var digests: [Digest]
    public var integrations: [Integration] {
        didSet { integrationPositions = Self.positions(of: integrations) }
    }
    /// Where each integration id is in ``integrations`` (the first, if an id repeats): looking one
    /// up by id happens for every open incident every second, and 10,000 linear scans a second do show.
    private var integrationPositions: [String: Int]
    /// The files this config was read from, in merge order.
    public var files: [String]

    public init(
        daemon: DaemonSettings = DaemonSettings(),
        storage: StorageSettings? = nil,
        defaults: Defaults = Defaults(),
        teams: [Team] = [],
        channels: [Channel] = [],
        escalationPolicies: [EscalationPolicy] = [],
        maintenance: [MaintenanceWindow] = [],
        digests: [Digest] = [],
        integrations: [Integration] = [],
        files: [String] = []
    ) {
        self.daemon = daemon
        self.storage = storage
        self.defaults = defaults
        self.teams = teams
        self.channels = channels
        self.escalationPolicies = escalationPolicies
        self.maintenance = maintenance
        self.digests = digests
        self.integrations = integrations
        self.integrationPositions = Self.positions(of: integrations)
        self.files = files
    }

    private static func positions(of integrations: [Integration]) -> [String: Int] {
        var positions: [String: Int] = [:]
        positions.reserveCapacity(integrations.count)
        for (index, integration) in integrations.enumerated() where positions[integration.id] == nil {
            positions[integration.id] = index
        }
        return positions
    }

    public func team(_ id: String) -> Team? { teams.first { $0.id == id } }
    public func channel(_ id: String) -> Channel? { channels.first { $0.id == id } }
    public func policy(_ id: String) -> EscalationPolicy? { escalationPolicies.first { $0.id == id } }
    public func integration(_ id: String) -> Integration? { integrationPositions[id].map { integrations[$0] } }
}

/// The `daemon:` section.
public struct DaemonSettings: Sendable, Equatable {
    /// Optional TCP listener for /metrics, /healthz, /ping and the status page.
    public var http: ListenAddress?
    /// Probes in flight at once.
    public var maxConcurrency: Int
    /// How long history is kept in the database.
    public var retention: Duration
    /// Base URL used for links in notices.
    public var publicURL: String?
    /// This node's name in a cluster; `nil` means the host name.
    public var nodeName: String?
    /// Pinged every minute while the node is healthy: an outside dead-man switch (a secret: it authorises pings).
    public var heartbeatURL: SecretText?

    public init(
        http: ListenAddress? = nil, maxConcurrency: Int = 256, retention: Duration = .seconds(90 * 86_400), publicURL: String? = nil,
        nodeName: String? = nil, heartbeatURL: SecretText? = nil
    ) {
        self.http = http
        self.maxConcurrency = maxConcurrency
        self.retention = retention
        self.publicURL = publicURL
        self.nodeName = nodeName
        self.heartbeatURL = heartbeatURL
    }
}

/// The `storage:` section.
public struct StorageSettings: Sendable, Equatable {
    public var postgres: PostgresStorage?

    public init(postgres: PostgresStorage? = nil) {
        self.postgres = postgres
    }
}

/// `storage.postgres`: state in PostgreSQL, shared by any number of nodes of which one leads.
public struct PostgresStorage: Sendable, Equatable {
    /// `postgres://user@host:port/database?sslmode=…`; may carry a password, so a secret.
    public var url: SecretText
    public var password: SecretText?
    /// A leader that cannot renew its lease for this long stops acting; a standby takes over after it.
    public var lease: Duration

    public static let defaultLease: Duration = .seconds(15)

    public init(url: SecretText, password: SecretText? = nil, lease: Duration = PostgresStorage.defaultLease) {
        self.url = url
        self.password = password
        self.lease = lease
    }
}

/// A `host:port` to listen on.
public struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}

/// The `defaults:` section: what every integration inherits unless it says otherwise.
public struct Defaults: Sendable, Equatable {
    public var interval: Duration
    public var timeout: Duration
    public var failureThreshold: Int
    public var successThreshold: Int
    /// Escalation policy id; `nil` when no policy applies.
    public var escalation: String?
    /// Largest response body read from an endpoint, in bytes (`max_body`, an extension to SPEC.md).
    public var maxBodyBytes: Int

    public init(
        interval: Duration = .seconds(60),
        timeout: Duration = .seconds(10),
        failureThreshold: Int = 3,
        successThreshold: Int = 2,
        escalation: String? = nil,
        maxBodyBytes: Int = 1 << 20
    ) {
        self.interval = interval
        self.timeout = timeout
        self.failureThreshold = failureThreshold
        self.successThreshold = successThreshold
        self.escalation = escalation
        self.maxBodyBytes = maxBodyBytes
    }
}

/// A team that can own an integration, be accountable for it, or be informed.
public struct Team: Sendable, Equatable, Identifiable {
    public var id: String
    public var name: String
    /// Channel ids its notices go to.
    public var channels: [String]

    public init(id: String, name: String, channels: [String]) {
        self.id = id
        self.name = name
        self.channels = channels
    }
}

/// The kinds of chat webhook Baton can post to.
public enum ChannelType: String, Sendable, Equatable, CaseIterable {
    case slack, teams, discord, mattermost, googlechat, webhook
}

/// A place notices are posted to.
public struct Channel: Sendable, Equatable, Identifiable {
    public var id: String
    public var type: ChannelType
    /// The webhook URL: always a secret (it authorises posting).
    public var url: SecretText
    /// Signing secret for `webhook` channels (`whsec_…`).
    public var secret: SecretText?
    /// Notices older than this are not sent any more but kept as dead letters (`max_age`, an extension to SPEC.md).
    public var maxAge: Duration
    /// Notices that become due within this time of each other go out as one message; zero sends each alone.
    public var groupWait: Duration

    /// A day: a notice older than that is stale noise, not news.
    public static let defaultMaxAge: Duration = .seconds(86_400)
    public static let defaultGroupWait: Duration = .seconds(10)

    public init(
        id: String, type: ChannelType, url: SecretText, secret: SecretText? = nil, maxAge: Duration = Channel.defaultMaxAge,
        groupWait: Duration = Channel.defaultGroupWait
    ) {
        self.id = id
        self.type = type
        self.url = url
        self.secret = secret
        self.maxAge = maxAge
        self.groupWait = groupWait
    }
}

/// Who a step of an escalation policy notifies.
public enum NotifyTarget: Sendable, Hashable, CustomStringConvertible {
    case owner
    case accountable
    case informed
    case team(String)
    case channel(String)

    public var description: String {
        switch self {
        case .owner: "owner"
        case .accountable: "accountable"
        case .informed: "informed"
        case .team(let id): "team:\(id)"
        case .channel(let id): "channel:\(id)"
        }
    }
}

/// One rung of the ladder: who hears about an incident, how long after it opened.
public struct EscalationStep: Sendable, Equatable {
    public var after: Duration
    public var notify: [NotifyTarget]

    public init(after: Duration, notify: [NotifyTarget]) {
        self.after = after
        self.notify = notify
    }
}

/// A named escalation policy.
public struct EscalationPolicy: Sendable, Equatable, Identifiable {
    public var id: String
    /// Steps in ascending `after` order.
    public var steps: [EscalationStep]
    /// Repeat the last step this often while unacknowledged.
    public var repeatEvery: Duration?

    public init(id: String, steps: [EscalationStep], repeatEvery: Duration? = nil) {
        self.id = id
        self.steps = steps
        self.repeatEvery = repeatEvery
    }
}

/// Which integrations a maintenance window or silence covers. Empty lists match nothing.
public struct IntegrationMatcher: Sendable, Equatable {
    public var integrations: [String]
    public var tags: [String]
    public var owners: [String]

    public init(integrations: [String] = [], tags: [String] = [], owners: [String] = []) {
        self.integrations = integrations
        self.tags = tags
        self.owners = owners
    }

    /// True when any listed id, tag or owner applies to the integration.
    public func matches(_ integration: Integration) -> Bool {
        integrations.contains(integration.id)
            || tags.contains(where: integration.tags.contains)
            || owners.contains(integration.owner)
    }
}

/// A planned, recurring window in which matching integrations raise no incidents.
public struct MaintenanceWindow: Sendable, Equatable {
    public var match: IntegrationMatcher
    public var cron: CronSchedule
    public var duration: Duration
    public var reason: String
    /// IANA time zone name; `nil` means the server's time zone.
    public var timezone: String?

    public init(match: IntegrationMatcher, cron: CronSchedule, duration: Duration, reason: String, timezone: String? = nil) {
        self.match = match
        self.cron = cron
        self.duration = duration
        self.reason = reason
        self.timezone = timezone
    }
}

/// A scheduled summary posted to channels.
public struct Digest: Sendable, Equatable {
    public var cron: CronSchedule
    public var channels: [String]
    public var since: Duration
    public var timezone: String?

    /// A day: the span between two daily digests.
    public static let defaultSince: Duration = .seconds(86_400)

    public init(cron: CronSchedule, channels: [String], since: Duration, timezone: String? = nil) {
        self.cron = cron
        self.channels = channels
        self.since = since
        self.timezone = timezone
    }
}

/// Customer-journey stages an integration can serve.
public enum JourneyStage: String, Sendable, Equatable, CaseIterable {
    case awareness, acquisition, purchase, onboarding, service, retention, advocacy
}

/// One monitored integration between marketing tools.
public struct Integration: Sendable, Equatable, Identifiable {
    /// The fields, in one immutable box that copies share: the config holds each integration,
    /// and so do the state book and the incident logic (about 200 bytes a copy, 10,000 over).
    /// Setting a field puts a new box in place. A box of its own, not ``Shared``: see there why.
    @usableFromInline
    struct Fields: Sendable, Equatable {
        @usableFromInline var id: String
        @usableFromInline var name: String
        @usableFromInline var tools: [String]
        @usableFromInline var owner: String
        @usableFromInline var accountable: String?
        @usableFromInline var informed: [String]
        @usableFromInline var tags: [String]
        @usableFromInline var journey: [JourneyStage]
        @usableFromInline var dependsOn: [String]
        @usableFromInline var probe: ProbeKind
        @usableFromInline var sla: SLATarget?
        @usableFromInline var failureThreshold: Int
        @usableFromInline var successThreshold: Int
        @usableFromInline var escalation: String?
        @usableFromInline var location: SourceLocation?
    }

    @usableFromInline
    final class Box: Sendable {
        @usableFromInline let fields: Fields
        @usableFromInline init(_ fields: Fields) { self.fields = fields }
    }

    @usableFromInline var box: Box

    @usableFromInline
    mutating func update(_ change: (inout Fields) -> Void) {
        var fields = box.fields
        change(&fields)
        box = Box(fields)
    }

    @inlinable
    public var id: String {
        get { box.fields.id }
        set { update { $0.id = newValue } }
    }

    @inlinable
    public var name: String {
        get { box.fields.name }
        set { update { $0.name = newValue } }
    }

    @inlinable
    public var tools: [String] {
        get { box.fields.tools }
        set { update { $0.tools = newValue } }
    }

    /// Responsible team id.
    @inlinable
    public var owner: String {
        get { box.fields.owner }
        set { update { $0.owner = newValue } }
    }

    /// Accountable team id.
    @inlinable
    public var accountable: String? {
        get { box.fields.accountable }
        set { update { $0.accountable = newValue } }
    }

    /// Informed team ids.
    @inlinable
    public var informed: [String] {
        get { box.fields.informed }
        set { update { $0.informed = newValue } }
    }

    @inlinable
    public var tags: [String] {
        get { box.fields.tags }
        set { update { $0.tags = newValue } }
    }

    @inlinable
    public var journey: [JourneyStage] {
        get { box.fields.journey }
        set { update { $0.journey = newValue } }
    }

    /// Integration ids this one depends on.
    @inlinable
    public var dependsOn: [String] {
        get { box.fields.dependsOn }
        set { update { $0.dependsOn = newValue } }
    }

    /// How Baton learns the integration's health: a polled check or a pushed heartbeat.
    @inlinable
    public var probe: ProbeKind {
        get { box.fields.probe }
        set { update { $0.probe = newValue } }
    }

    @inlinable
    public var sla: SLATarget? {
        get { box.fields.sla }
        set { update { $0.sla = newValue } }
    }

    @inlinable
    public var failureThreshold: Int {
        get { box.fields.failureThreshold }
        set { update { $0.failureThreshold = newValue } }
    }

    @inlinable
    public var successThreshold: Int {
        get { box.fields.successThreshold }
        set { update { $0.successThreshold = newValue } }
    }

    /// Escalation policy id; `nil` when none applies.
    @inlinable
    public var escalation: String? {
        get { box.fields.escalation }
        set { update { $0.escalation = newValue } }
    }

    /// Where the integration was declared.
    @inlinable
    public var location: SourceLocation? {
        get { box.fields.location }
        set { update { $0.location = newValue } }
    }

    public init(
        id: String,
        name: String,
        tools: [String] = [],
        owner: String,
        accountable: String? = nil,
        informed: [String] = [],
        tags: [String] = [],
        journey: [JourneyStage] = [],
        dependsOn: [String] = [],
        probe: ProbeKind,
        sla: SLATarget? = nil,
        failureThreshold: Int = 3,
        successThreshold: Int = 2,
        escalation: String? = nil,
        location: SourceLocation? = nil
    ) {
        box = Box(Fields(
            id: id,
            name: name,
            tools: tools,
            owner: owner,
            accountable: accountable,
            informed: informed,
            tags: tags,
            journey: journey,
            dependsOn: dependsOn,
            probe: probe,
            sla: sla,
            failureThreshold: failureThreshold,
            successThreshold: successThreshold,
            escalation: escalation,
            location: location
        ))
    }

    /// The polled check, if this integration has one.
    public var check: HTTPCheck? {
        if case .check(let check) = probe { return check }
        return nil
    }

    /// The pushed heartbeat, if this integration has one.
    public var heartbeat: Heartbeat? {
        if case .heartbeat(let heartbeat) = probe { return heartbeat }
        return nil
    }

    /// Whether the age of its data is shown: a check that reads a freshness timestamp, or a
    /// heartbeat (its data is as old as the last ping).
    public var showsDataAge: Bool {
        switch probe {
        case .check(let check): check.freshness != nil
        case .heartbeat: true
        }
    }
}

/// How an integration's health is observed.
///
/// Indirect: a check is about 550 bytes, and an ``Integration`` is copied into several tables;
/// boxed, each copy shares one check.
public indirect enum ProbeKind: Sendable, Equatable {
    case check(HTTPCheck)
    case heartbeat(Heartbeat)
}

/// A polled HTTP check and the rules its answer is judged by.
public struct HTTPCheck: Sendable, Equatable {
    public var url: SecretText
    public var method: String
    /// Header names and values, in declared order; values may hold secrets.
    public var headers: [HTTPHeaderField]
    public var interval: Duration
    public var timeout: Duration
    @Shared public var expect: Expectations
    @Shared public var freshness: FreshnessRule?
    public var maxBodyBytes: Int
    /// How the check proves who it is (`auth:`): OAuth2, basic, AWS SigV4 or an SSH key.
    public var auth: CheckAuth?
    /// What a POST (or other method) sends (`body:`).
    public var body: RequestBody?
    /// Private CA, client certificate, and explicit TLS for ftp (`tls:`).
    @Shared public var tls: CheckTLS?
    /// An S3-compatible host for `s3://` URLs (`endpoint:`), such as `https://minio.internal:9000`.
    public var endpoint: String?

    public init(
        url: SecretText,
        method: String = "GET",
        headers: [HTTPHeaderField] = [],
        interval: Duration = .seconds(60),
        timeout: Duration = .seconds(10),
        expect: Expectations = Expectations(),
        freshness: FreshnessRule? = nil,
        maxBodyBytes: Int = 1 << 20,
        auth: CheckAuth? = nil,
        body: RequestBody? = nil,
        tls: CheckTLS? = nil,
        endpoint: String? = nil
    ) {
        self.url = url
        self.method = method
        self.headers = headers
        self.interval = interval
        self.timeout = timeout
        self.expect = expect
        self.freshness = freshness
        self.maxBodyBytes = maxBodyBytes
        self.auth = auth
        self.body = body
        self.tls = tls
        self.endpoint = endpoint
    }

    /// What the URL reaches: an HTTP endpoint, or a file drop.
    public var target: CheckTarget { CheckTarget(url: url.revealed) }
}

/// The kind of place a check's URL points at.
public enum CheckTarget: String, Sendable, Equatable {
    case http, sftp, ftp, s3

    public init(url: String) {
        // Judged on every probe: the scheme is packed into an integer, so nothing is allocated.
        switch Self.packedScheme(url) {
        case Self.sftpScheme: self = .sftp
        case Self.ftpScheme, Self.ftpsScheme: self = .ftp
        case Self.s3Scheme: self = .s3
        default: self = .http
        }
    }

    private static let sftpScheme = packedScheme("sftp:")
    private static let ftpScheme = packedScheme("ftp:")
    private static let ftpsScheme = packedScheme("ftps:")
    private static let s3Scheme = packedScheme("s3:")

    /// The bytes before the first `:`, lower-cased (`| 0x20` leaves digits alone), packed into
    /// an integer; 0 when there are more than five, since no file-drop scheme is that long.
    private static func packedScheme(_ url: String) -> UInt64 {
        var packed: UInt64 = 0
        var count = 0
        for byte in url.utf8 {
            if byte == UInt8(ascii: ":") { return packed }
            count += 1
            guard count <= 5 else { return 0 }
            packed = packed << 8 | UInt64(byte | 0x20)
        }
        return 0
    }

    /// True for file drops: a file is judged, not an HTTP answer.
    public var isFileDrop: Bool { self != .http }
}

/// A request body: text as written, or a YAML mapping sent as JSON.
public indirect enum RequestBody: Sendable, Equatable {
    /// Sent as written; `Content-Type` comes from the check's headers.
    case text(SecretText)
    /// A mapping rendered as JSON, sent with `Content-Type: application/json` unless a header says otherwise.
    case json(SecretText)
}

/// `tls:` under `check:`.
public struct CheckTLS: Sendable, Equatable {
    /// PEM file of the private CA to trust instead of the system's.
    public var caFile: String?
    /// Client certificate and key (PEM) for mutual TLS.
    public var certFile: String?
    public var keyFile: String?
    /// ftp: refuse a server that does not offer TLS (`ftps://` implies it).
    public var required: Bool

    public init(caFile: String? = nil, certFile: String? = nil, keyFile: String? = nil, required: Bool = false) {
        self.caFile = caFile
        self.certFile = certFile
        self.keyFile = keyFile
        self.required = required
    }
}

/// One request header of a check.
public struct HTTPHeaderField: Sendable, Equatable {
    public var name: String
    public var value: SecretText

    public init(name: String, value: SecretText) {
        self.name = name
        self.value = value
    }
}

/// What a healthy answer looks like.
public struct Expectations: Sendable, Equatable {
    /// Accepted status codes; `nil` accepts any 2xx.
    public var status: [Int]?
    /// Slower answers count as degraded.
    public var maxLatency: Duration?
    public var json: [JSONCondition]
    public var bodyContains: String?
    /// Days left on the server certificate (`certificate:`).
    public var certificate: CertificateExpectation?
    /// File drops: a smaller file fails (`min_size:`), in bytes.
    public var minSize: Int?

    public init(
        status: [Int]? = nil, maxLatency: Duration? = nil, json: [JSONCondition] = [], bodyContains: String? = nil,
        certificate: CertificateExpectation? = nil, minSize: Int? = nil
    ) {
        self.status = status
        self.maxLatency = maxLatency
        self.json = json
        self.bodyContains = bodyContains
        self.certificate = certificate
        self.minSize = minSize
    }

    /// True when the body must be parsed as JSON to judge the answer.
    public var needsJSON: Bool { !json.isEmpty }
}

/// `expect.certificate`: how close to its expiry the server certificate may get.
public struct CertificateExpectation: Sendable, Equatable {
    /// Closer than this is degraded.
    public var warnBefore: Duration?
    /// Closer than this (or expired, or not yet valid) is down.
    public var errorBefore: Duration?

    public init(warnBefore: Duration? = nil, errorBefore: Duration? = nil) {
        self.warnBefore = warnBefore
        self.errorBefore = errorBefore
    }
}

/// A condition on the value an RFC 6901 JSON Pointer selects in the body.
public struct JSONCondition: Sendable, Equatable {
    public var pointer: JSONPointer
    public var test: JSONTest

    public init(pointer: JSONPointer, test: JSONTest) {
        self.pointer = pointer
        self.test = test
    }
}

/// The comparisons a ``JSONCondition`` can make.
public enum JSONTest: Sendable, Equatable {
    case equals(JSONValue)
    case notEquals(JSONValue)
    case lessThan(Double)
    case greaterThan(Double)
    /// `exists: true` requires the value; `exists: false` requires its absence.
    case exists(Bool)
}

/// Where the time of the integration's last successful sync is read from, and how old it may get.
public struct FreshnessRule: Sendable, Equatable {
    public enum Source: Sendable, Equatable {
        /// A timestamp in the JSON body.
        case pointer(JSONPointer)
        /// A timestamp header such as `Last-Modified`.
        case header(String)
        /// The file's modification time (file drops; `Last-Modified` over HTTP).
        case fileTime
    }

    public var source: Source
    /// Older than this is degraded.
    public var warnAfter: Duration?
    /// Older than this is stale: an SLA breach.
    public var errorAfter: Duration

    public init(source: Source, warnAfter: Duration? = nil, errorAfter: Duration) {
        self.source = source
        self.warnAfter = warnAfter
        self.errorAfter = errorAfter
    }

    /// The name used in reasons: the pointer's last token (`last_sync`) or the header name.
    public var label: String {
        switch source {
        case .pointer(let pointer): pointer.label
        case .header(let name): name
        case .fileTime: "file"
        }
    }
}

/// A push check: the integration's job calls `POST /ping/<token>` when it succeeds.
public struct Heartbeat: Sendable, Equatable {
    public var token: SecretText
    public var period: Duration
    public var grace: Duration

    /// None: stale as soon as a period passes without a ping.
    public static let defaultGrace: Duration = .zero

    public init(token: SecretText, period: Duration, grace: Duration) {
        self.token = token
        self.period = period
        self.grace = grace
    }
}

/// The availability an integration promises over a rolling window.
public struct SLATarget: Sendable, Equatable {
    /// Percentage, for example 99.5.
    public var availability: Double
    public var window: Duration

    /// Thirty days, the usual monthly SLA period.
    public static let defaultWindow: Duration = .seconds(30 * 86_400)

    public init(availability: Double, window: Duration = SLATarget.defaultWindow) {
        self.availability = availability
        self.window = window
    }
}

extension Integration {
    public static func == (lhs: Integration, rhs: Integration) -> Bool {
        lhs.box === rhs.box || lhs.box.fields == rhs.box.fields
    }
}

/// Printed and dumped as its fields, as a plain struct would be.
extension Integration: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { "Integration" + String(describing: box.fields).drop { $0 != "(" } }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(reflecting: box.fields) }
}
