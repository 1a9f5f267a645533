import Foundation

extension YAMLReader {
    static let maintenanceKeys = ["match", "cron", "duration", "reason", "timezone"]
    static let matchKeys = ["tags", "owners", "integrations"]
    static let digestKeys = ["cron", "channels", "since", "timezone"]

    /// One item of `maintenance:`.
    func maintenanceWindow(_ node: YAMLNode) -> MaintenanceDraft? {
        let what = "a maintenance window"
        guard let map = mapping(node, what, allowed: Self.maintenanceKeys) else { return nil }
        let before = diagnostics.errors.count
        var matcher = IntegrationMatcher()
        var owners: [Located<String>] = []
        var integrations: [Located<String>] = []
        if let matchNode = required("match", in: map, what), let match = mapping(matchNode, "`match`", allowed: Self.matchKeys) {
            let tags = match["tags"].map { names($0, "tags") } ?? []
            owners = match["owners"].map { names($0, "owners") } ?? []
            integrations = match["integrations"].map { names($0, "integrations") } ?? []
            if tags.isEmpty && owners.isEmpty && integrations.isEmpty {
                report("match: name at least one of tags, owners or integrations, or the window covers nothing", at: matchNode)
            }
            matcher = IntegrationMatcher(integrations: integrations.map(\.value), tags: tags.map(\.value), owners: owners.map(\.value))
        }
        let cron = required("cron", in: map, what).flatMap { cronSchedule($0) }
        let duration = required("duration", in: map, what).flatMap { self.duration($0, "duration", in: ConfigLimits.maintenanceDuration) }
        let reason = required("reason", in: map, what).flatMap { name($0, "reason") }
        let timezone = map["timezone"].flatMap { timeZone($0) }
        var window: MaintenanceWindow?
        if diagnostics.errors.count == before, let cron, let duration, let reason {
            window = MaintenanceWindow(match: matcher, cron: cron, duration: duration, reason: reason.value, timezone: timezone)
        }
        return MaintenanceDraft(window: window, ownerRefs: owners, integrationRefs: integrations)
    }

    /// One item of `digests:`; `since` defaults to a day, the span between two daily digests.
    func digest(_ node: YAMLNode) -> DigestDraft? {
        let what = "a digest"
        guard let map = mapping(node, what, allowed: Self.digestKeys) else { return nil }
        let before = diagnostics.errors.count
        let cron = required("cron", in: map, what).flatMap { cronSchedule($0) }
        var channels: [Located<String>] = []
        if let value = required("channels", in: map, what) {
            channels = names(value, "channels")
            if channels.isEmpty { report("channels: a digest needs at least one channel", at: value) }
        }
        let since = map["since"].flatMap { duration($0, "since", in: ConfigLimits.digestSince) } ?? Digest.defaultSince
        let timezone = map["timezone"].flatMap { timeZone($0) }
        var digest: Digest?
        if diagnostics.errors.count == before, let cron {
            digest = Digest(cron: cron, channels: channels.map(\.value), since: since, timezone: timezone)
        }
        return DigestDraft(digest: digest, channelRefs: channels)
    }

    func cronSchedule(_ node: YAMLNode) -> CronSchedule? {
        guard let text = string(node, "cron") else { return nil }
        do {
            return try CronSchedule(parsing: text)
        } catch {
            report("cron: \(error.message)", at: node)
            return nil
        }
    }

    /// An IANA time zone name such as `Europe/Berlin`, checked against the system's zone database.
    func timeZone(_ node: YAMLNode) -> String? {
        guard let text = string(node, "timezone") else { return nil }
        guard TimeZone(identifier: text) != nil else {
            let hint = DidYouMean.hint(for: text, among: TimeZone.knownTimeZoneIdentifiers)
            report("timezone: unknown time zone `\(text)`; expected an IANA name like Europe/Berlin\(hint)", at: node)
            return nil
        }
        return text
    }
}
