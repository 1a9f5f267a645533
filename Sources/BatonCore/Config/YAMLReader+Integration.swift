extension YAMLReader {
    static let integrationKeys = [
        "id", "name", "tools", "owner", "accountable", "informed", "tags", "journey", "depends_on",
        "check", "heartbeat", "sla", "failure_threshold", "success_threshold", "escalation",
    ]
    static let slaKeys = ["availability", "window"]

    /// One item of `integrations:`. Settings left to `defaults:` stay `nil` until the files are merged.
    func integration(_ node: YAMLNode) -> IntegrationDraft? {
        guard let map = mapping(node, "an integration", allowed: Self.integrationKeys) else { return nil }
        let before = diagnostics.errors.count
        var draft = IntegrationDraft(location: location(of: node))
        if let value = required("id", in: map, "an integration"), let id = name(value, "id") {
            if IDSyntax.isValidIntegrationID(id.value) {
                draft.id = id
            } else {
                report("id: `\(id.value)` is not a valid integration id: use lowercase letters, digits and `-`", at: value)
            }
        }
        let what = draft.id.map { "integration `\($0.value)`" } ?? "an integration"
        draft.name = required("name", in: map, what).flatMap { name($0, "name") }?.value
        draft.tools = map["tools"].map { names($0, "tools").map(\.value) } ?? []
        draft.tags = map["tags"].map { names($0, "tags").map(\.value) } ?? []
        draft.owner = required("owner", in: map, what).flatMap { name($0, "owner") }
        draft.accountable = map["accountable"].flatMap { name($0, "accountable") }
        draft.informed = map["informed"].map { names($0, "informed") } ?? []
        draft.journey = map["journey"].map(journey) ?? []
        draft.dependsOn = map["depends_on"].map { names($0, "depends_on") } ?? []
        draft.probe = probe(map, what)
        draft.sla = map["sla"].flatMap(sla)
        draft.failureThreshold = map["failure_threshold"].flatMap { int($0, "failure_threshold", in: ConfigLimits.threshold) }
        draft.successThreshold = map["success_threshold"].flatMap { int($0, "success_threshold", in: ConfigLimits.threshold) }
        draft.escalation = map["escalation"].flatMap { name($0, "escalation") }
        draft.isComplete = diagnostics.errors.count == before
        return draft
    }

    /// Exactly one of `check:` (Baton polls) and `heartbeat:` (the job pushes).
    private func probe(_ map: ConfigMapping, _ what: String) -> ProbeDraft? {
        switch (map["check"], map["heartbeat"]) {
        case (let check?, nil):
            return self.check(check).map(ProbeDraft.check)
        case (nil, let heartbeat?):
            return self.heartbeat(heartbeat).map { ProbeDraft.heartbeat($0, tokenLocation: $1) }
        case (_?, let heartbeat?):
            report("heartbeat: \(what) has both `check` and `heartbeat`; keep one", at: heartbeat)
            return nil
        case (nil, nil):
            diagnostics.report("\(what) needs a `check` (Baton polls a URL) or a `heartbeat` (the job pings Baton)", at: map.location)
            return nil
        }
    }

    private func journey(_ node: YAMLNode) -> [JourneyStage] {
        let known = JourneyStage.allCases.map(\.rawValue)
        return items(node, "journey").compactMap { item in
            guard let text = string(item, "journey") else { return nil }
            guard let stage = JourneyStage(rawValue: text) else {
                report("journey: unknown stage `\(text)`; expected one of \(known.joined(separator: ", "))\(DidYouMean.hint(for: text, among: known))", at: item)
                return nil
            }
            return stage
        }
    }

    /// `sla:`; the window defaults to 30 days, the usual monthly SLA period.
    private func sla(_ node: YAMLNode) -> SLATarget? {
        guard let map = mapping(node, "`sla`", allowed: Self.slaKeys) else { return nil }
        let availability = required("availability", in: map, "`sla`").flatMap { percentage($0, "availability") }
        var window: Duration? = SLATarget.defaultWindow
        if let value = map["window"] { window = duration(value, "window", in: ConfigLimits.slaWindow) }
        guard let availability, let window else { return nil }
        return SLATarget(availability: availability, window: window)
    }
}
