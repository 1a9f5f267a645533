/// The status answer written by ``WireJSON``: the same bytes as `WireFormat.encoder().encode(self)`,
/// at a fraction of the time (the status of 10,000 integrations is about 3.4 MB).
///
/// Keys are written in UTF-8 byte order, as `.sortedKeys` orders them. The optionals of
/// ``StatusResponse`` and ``ClusterStatus`` are left out when `nil` (their synthesized
/// `Encodable`); those of ``IntegrationStatus``, ``IncidentRef`` and ``SLAFigures`` are written
/// as `null` (their own `encode(to:)`). BatonAPITests compares the two encodings byte for byte.
extension StatusResponse {
    /// The answer's JSON; throws only for an SLA figure JSON cannot hold (NaN, infinity), as the encoder does.
    public func wireJSON() throws(WireJSON.NonConformingNumber) -> [UInt8] {
        // About 340 bytes per integration in practice; growing the buffer a few times is cheap too.
        var json = WireJSON(reservingCapacity: 1024 + integrations.count * 384)
        try write(to: &json)
        return json.bytes
    }

    /// The answer's JSON with its integrations written by `writeLines` straight into the
    /// buffer, so the status of 10,000 integrations never sits in an array of ``IntegrationStatus``:
    /// it calls `json.element()` before each line, writes the line as ``IntegrationStatus`` would,
    /// and counts its state in `counted`. `integrations` and `summary` of `self` are not used.
    public func wireJSON(
        reservingCapacity capacity: Int,
        writeLines: (_ json: inout WireJSON, _ counted: inout StateSummary) throws(WireJSON.NonConformingNumber) -> Void
    ) throws(WireJSON.NonConformingNumber) -> [UInt8] {
        var json = WireJSON(reservingCapacity: capacity)
        writeHead(to: &json)
        var counted = StateSummary()
        try writeLines(&json, &counted)
        writeTail(summary: counted, to: &json)
        return json.bytes
    }

    func write(to json: inout WireJSON) throws(WireJSON.NonConformingNumber) {
        writeHead(to: &json)
        for index in integrations.indices {
            json.element()
            try integrations[index].write(to: &json)
        }
        writeTail(summary: summary, to: &json)
    }

    /// Everything before the integrations' first element.
    public func writeHead(to json: inout WireJSON) {
        json.openObject()
        if let cluster {
            json.key("cluster")
            cluster.write(to: &json)
        }
        if let configError {
            json.key("config_error")
            json.string(configError)
        }
        if let delivery {
            json.key("delivery")
            delivery.write(to: &json)
        }
        json.key("generated_at")
        json.string(generatedAt)
        json.key("integrations")
        json.openArray()
    }

    /// Everything after the integrations' last element.
    public func writeTail(summary: StateSummary, to json: inout WireJSON) {
        json.closeArray()
        json.key("summary")
        summary.write(to: &json)
        json.key("warnings")
        json.strings(warnings)
        json.closeObject()
    }
}

extension ClusterStatus {
    func write(to json: inout WireJSON) {
        json.openObject()
        if let leader {
            json.key("leader")
            json.string(leader)
        }
        if let leaderSince {
            json.key("leader_since")
            json.string(leaderSince)
        }
        json.key("node")
        json.string(node)
        json.key("role")
        json.string(role)
        json.key("shared")
        json.bool(shared)
        json.closeObject()
    }
}

extension DeliveryStatus {
    func write(to json: inout WireJSON) {
        json.openObject()
        json.key("dead")
        json.int(dead)
        json.key("disabled_channels")
        json.strings(disabledChannels)
        json.key("pending")
        json.int(pending)
        json.closeObject()
    }
}

extension StateSummary {
    func write(to json: inout WireJSON) {
        json.openObject()
        json.key("blocked")
        json.int(blocked)
        json.key("degraded")
        json.int(degraded)
        json.key("down")
        json.int(down)
        json.key("healthy")
        json.int(healthy)
        json.key("stale")
        json.int(stale)
        json.key("unknown")
        json.int(unknown)
        json.closeObject()
    }
}

extension IntegrationStatus {
    func write(to json: inout WireJSON) throws(WireJSON.NonConformingNumber) {
        // Every key is always present, so each is written with its punctuation in one piece.
        json.raw(#"{"accountable":"#)
        json.string(accountable)
        json.raw(#","blocked_by":"#)
        json.strings(blockedBy)
        json.raw(#","data_age_seconds":"#)
        json.int(dataAgeSeconds)
        json.raw(#","id":"#)
        json.string(id)
        json.raw(#","incident":"#)
        if let incident { incident.write(to: &json) } else { json.null() }
        json.raw(#","journey":"#)
        json.strings(journey)
        json.raw(#","last_probe_at":"#)
        json.string(lastProbeAt)
        json.raw(#","latency_ms":"#)
        json.int(latencyMs)
        json.raw(#","name":"#)
        json.string(name)
        json.raw(#","owner":"#)
        json.string(owner)
        json.raw(#","reason":"#)
        json.string(reason)
        json.raw(#","silenced":"#)
        json.bool(silenced)
        json.raw(#","since":"#)
        json.string(since)
        json.raw(#","sla":"#)
        if let sla { try sla.write(to: &json) } else { json.null() }
        json.raw(#","state":"#)
        json.string(state)
        json.raw(#","tags":"#)
        json.strings(tags)
        json.raw(#","tools":"#)
        json.strings(tools)
        json.closeObject()
    }
}

extension IncidentRef {
    public func write(to json: inout WireJSON) {
        json.openObject()
        json.key("acknowledged_by")
        json.string(acknowledgedBy)
        json.key("id")
        json.int(id)
        json.key("step")
        json.int(step)
        json.closeObject()
    }
}

extension SLAFigures {
    public func write(to json: inout WireJSON) throws(WireJSON.NonConformingNumber) {
        json.openObject()
        json.key("attainment")
        if let attainment { try json.double(attainment) } else { json.null() }
        json.key("target")
        try json.double(target)
        json.key("window")
        json.string(window)
        json.closeObject()
    }
}
