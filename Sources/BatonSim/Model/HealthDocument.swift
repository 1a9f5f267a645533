/// The JSON an integration's health endpoint answers with.
///
/// `{"status":"ok","last_sync":"2026-11-23T10:00:00Z","queue_depth":0}`, keys in that
/// order; `last_sync` is left out when the behaviour has no sync age.
enum HealthDocument {
    static func render(_ behaviour: EndpointBehaviour, now: WallClock) -> String {
        var json = "{\"status\":\(jsonString(behaviour.jsonStatus))"
        if let age = behaviour.lastSyncAgeSeconds {
            let lastSync = now.advanced(bySeconds: -age)
            json += ",\"last_sync\":"
            switch behaviour.lastSyncFormat {
            case .rfc3339: json += "\"\(lastSync.rfc3339())\""
            case .rfc3339Fraction: json += "\"\(lastSync.rfc3339(withFraction: true))\""
            case .epochSeconds: json += "\(Int64(lastSync.secondsSinceEpoch.rounded(.down)))"
            case .epochMilliseconds: json += "\(Int64((lastSync.secondsSinceEpoch * 1000).rounded(.down)))"
            case .garbage: json += "\"yesterday\""
            }
        }
        json += ",\"queue_depth\":\(behaviour.queueDepth)}"
        return json
    }

    /// The page a misconfigured proxy or a login wall sends instead of JSON.
    static let htmlPage = """
        <!DOCTYPE html>
        <html><head><title>Service Unavailable</title></head>
        <body><h1>Service Unavailable</h1><p>The integration is down for maintenance.</p></body></html>

        """

    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
