extension EndpointBehaviour {
    /// What differs from `old`, one `field old → new` phrase each, for the change log.
    func changes(from old: EndpointBehaviour?) -> [String] {
        guard let old else { return ["created (\(summary))"] }
        var changes: [String] = []
        func note(_ field: String, _ before: String, _ after: String) {
            if before != after { changes.append("\(field) \(before) → \(after)") }
        }
        note("status", "\(old.status)", "\(status)")
        note("mode", old.mode.rawValue, mode.rawValue)
        note("latency", HumanDuration.describe(seconds: Double(old.latencyMs) / 1000), HumanDuration.describe(seconds: Double(latencyMs) / 1000))
        note("last_sync_age", old.lastSyncAgeSeconds.map { HumanDuration.describe(seconds: $0) } ?? "none",
             lastSyncAgeSeconds.map { HumanDuration.describe(seconds: $0) } ?? "none")
        note("last_sync_format", old.lastSyncFormat.rawValue, lastSyncFormat.rawValue)
        note("json_status", old.jsonStatus, jsonStatus)
        note("queue_depth", "\(old.queueDepth)", "\(queueDepth)")
        note("last_modified_age", old.lastModifiedAgeSeconds.map { HumanDuration.describe(seconds: $0) } ?? "none",
             lastModifiedAgeSeconds.map { HumanDuration.describe(seconds: $0) } ?? "none")
        return changes
    }

    /// A short description for logs: `status 200, last_sync_age 4m`.
    var summary: String {
        var parts = ["status \(status)"]
        if mode != .normal { parts.append("mode \(mode.rawValue)") }
        if latencyMs > 0 { parts.append("latency \(HumanDuration.describe(seconds: Double(latencyMs) / 1000))") }
        parts.append("last_sync_age " + (lastSyncAgeSeconds.map { HumanDuration.describe(seconds: $0) } ?? "none"))
        if lastSyncFormat != .rfc3339 { parts.append("last_sync_format \(lastSyncFormat.rawValue)") }
        if jsonStatus != "ok" { parts.append("json_status \(jsonStatus)") }
        if queueDepth != 0 { parts.append("queue_depth \(queueDepth)") }
        if let age = lastModifiedAgeSeconds { parts.append("last_modified_age \(HumanDuration.describe(seconds: age))") }
        return parts.joined(separator: ", ")
    }
}
