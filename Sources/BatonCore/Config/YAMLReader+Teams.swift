extension YAMLReader {
    static let teamKeys = ["name", "channels"]
    static let channelKeys = ["type", "url", "secret", "max_age", "group_wait"]

    /// The `teams:` map. A team without `name` is called by its id.
    func teams(_ node: YAMLNode) -> [TeamDraft] {
        entriesByID(node, "teams").map { id, value in
            let before = diagnostics.errors.count
            guard let map = mapping(value, "team `\(id.value)`", allowed: Self.teamKeys) else {
                return TeamDraft(id: id, team: nil, channelRefs: [])
            }
            let name = map["name"].flatMap { self.name($0, "name") }?.value ?? id.value
            let channels = map["channels"].map { names($0, "channels") } ?? []
            let team = diagnostics.errors.count == before ? Team(id: id.value, name: name, channels: channels.map(\.value)) : nil
            return TeamDraft(id: id, team: team, channelRefs: channels)
        }
    }

    /// The `channels:` map.
    func channels(_ node: YAMLNode) -> [ChannelDraft] {
        entriesByID(node, "channels").map { id, value in
            ChannelDraft(id: id, channel: channel(id: id.value, value))
        }
    }

    private func channel(id: String, _ node: YAMLNode) -> Channel? {
        guard let map = mapping(node, "channel `\(id)`", allowed: Self.channelKeys) else { return nil }
        var type: ChannelType?
        if let value = required("type", in: map, "channel `\(id)`"), let text = string(value, "type") {
            type = ChannelType(rawValue: text)
            if type == nil {
                let known = ChannelType.allCases.map(\.rawValue)
                report("type: unknown channel type `\(text)`; expected one of \(known.joined(separator: ", "))\(DidYouMean.hint(for: text, among: known))", at: value)
            }
        }
        var url: SecretText?
        if let value = required("url", in: map, "channel `\(id)`"), let text = text(value, "url") {
            if HTTPURLCheck.isValid(text.revealed) {
                url = text
            } else {
                report(HTTPURLCheck.problem("url", written: value.scalar?.string ?? text.redacted), at: value)
            }
        }
        var secret: SecretText?
        if let value = map["secret"] {
            secret = text(value, "secret")
            if let type, type != .webhook {
                report("secret: only `webhook` channels are signed; a `\(type.rawValue)` channel takes no secret", at: value)
                return nil
            }
        }
        var maxAge = Channel.defaultMaxAge
        if let value = map["max_age"], let parsed = duration(value, "max_age", in: ConfigLimits.maxAge) {
            maxAge = parsed
        }
        var groupWait = Channel.defaultGroupWait
        if let value = map["group_wait"], let parsed = duration(value, "group_wait", in: ConfigLimits.groupWait) {
            groupWait = parsed
        }
        guard let type, let url else { return nil }
        return Channel(id: id, type: type, url: url, secret: secret, maxAge: maxAge, groupWait: groupWait)
    }
}
