extension Reason {
    /// The kind of a reason: the key it is stored under, and the `reason_kind` of webhooks.
    public enum Kind: String, Sendable, CaseIterable, CodingKey {
        case answered
        case httpStatus = "http_status"
        case body, json, freshness, latency, transfer, blocked, heartbeat
        case noProbeYet = "no_probe_yet"
        case progress
        case tokenEndpoint = "token_endpoint"
        case certificate, file
        case removedFromConfig = "removed_from_config"
        case text
    }

    public var kind: Kind {
        switch self {
        case .answered: .answered
        case .httpStatus: .httpStatus
        case .body: .body
        case .json: .json
        case .freshness: .freshness
        case .latency: .latency
        case .transfer: .transfer
        case .blocked: .blocked
        case .heartbeat: .heartbeat
        case .noProbeYet: .noProbeYet
        case .progress: .progress
        case .tokenEndpoint: .tokenEndpoint
        case .certificate: .certificate
        case .file: .file
        case .removedFromConfig: .removedFromConfig
        case .text: .text
        }
    }
}

/// Stored as one object keyed by the kind, with the compact text beside it:
/// `{"http_status": {"code": 503, "expected": [200]}, "text": "HTTP 503 (expected 200)"}`.
///
/// ``Reason/text(_:)`` is stored as a plain JSON string, which is also how reasons were
/// stored before they had types: such a value reads back as ``Reason/text(_:)``. A kind this
/// version does not know (written by a newer one) reads back as its text, so a stored
/// notice is never lost to a reason.
extension Reason: Codable {
    private struct Progress: Codable {
        var reason: Reason
        var progress: ThresholdProgress
        var value: Reason { .progress(reason, progress) }
    }

    public init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let text = try? single.decode(String.self) {
            self = .text(text)
            return
        }
        let container = try decoder.container(keyedBy: Kind.self)
        if let kind = container.allKeys.first(where: { $0 != .text }), let reason = try? Self.decode(kind, from: container) {
            self = reason
        } else {
            self = .text(try container.decode(String.self, forKey: .text))
        }
    }

    private static func decode(_ kind: Kind, from container: KeyedDecodingContainer<Kind>) throws -> Reason {
        switch kind {
        case .answered: .answered(try container.decode(AnswerSummary.self, forKey: kind))
        case .httpStatus: .httpStatus(try container.decode(HTTPStatusFinding.self, forKey: kind))
        case .body: .body(try container.decode(BodyFinding.self, forKey: kind))
        case .json: .json(try container.decode(JSONFinding.self, forKey: kind))
        case .freshness: .freshness(try container.decode(FreshnessFinding.self, forKey: kind))
        case .latency: .latency(try container.decode(LatencyFinding.self, forKey: kind))
        case .transfer: .transfer(try container.decode(TransferFailure.self, forKey: kind))
        case .blocked: .blocked(by: try container.decode([Blocker].self, forKey: kind))
        case .heartbeat: .heartbeat(try container.decode(HeartbeatFinding.self, forKey: kind))
        case .noProbeYet: .noProbeYet
        case .progress: try container.decode(Progress.self, forKey: kind).value
        case .tokenEndpoint: .tokenEndpoint(try container.decode(TokenEndpointProblem.self, forKey: kind))
        case .certificate: .certificate(try container.decode(CertificateFinding.self, forKey: kind))
        case .file: .file(try container.decode(FileFinding.self, forKey: kind))
        case .removedFromConfig: .removedFromConfig
        case .text: .text(try container.decode(String.self, forKey: kind))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        if case .text(let text) = self {
            var single = encoder.singleValueContainer()
            try single.encode(text)
            return
        }
        var container = encoder.container(keyedBy: Kind.self)
        switch self {
        case .answered(let value): try container.encode(value, forKey: .answered)
        case .httpStatus(let value): try container.encode(value, forKey: .httpStatus)
        case .body(let value): try container.encode(value, forKey: .body)
        case .json(let value): try container.encode(value, forKey: .json)
        case .freshness(let value): try container.encode(value, forKey: .freshness)
        case .latency(let value): try container.encode(value, forKey: .latency)
        case .transfer(let value): try container.encode(value, forKey: .transfer)
        case .blocked(let value): try container.encode(value, forKey: .blocked)
        case .heartbeat(let value): try container.encode(value, forKey: .heartbeat)
        case .noProbeYet: try container.encode(true, forKey: .noProbeYet)
        case .progress(let reason, let progress): try container.encode(Progress(reason: reason, progress: progress), forKey: .progress)
        case .tokenEndpoint(let value): try container.encode(value, forKey: .tokenEndpoint)
        case .certificate(let value): try container.encode(value, forKey: .certificate)
        case .file(let value): try container.encode(value, forKey: .file)
        case .removedFromConfig: try container.encode(true, forKey: .removedFromConfig)
        case .text: break
        }
        try container.encode(compact, forKey: .text)
    }
}
