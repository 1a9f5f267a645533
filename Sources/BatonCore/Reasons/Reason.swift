/// Why an integration, a probe or an incident is as it is: a typed value, worded only when shown.
///
/// Baton keeps the reason typed from the judgement to the last step that shows it: the
/// CLI, the API, the log and the database get the terse ``compact`` form (`last_sync 3h12m
/// old (error after 2h)`, the words of `baton status`), and the notices say the same value
/// in plain words (`last sync 3 h 12 min ago; SLA is 2 h`, in BatonNotices). No code reads
/// a reason back from its text.
///
/// Reasons stored before they had types, and anything free-form, are ``text(_:)``: shown as
/// written in both forms. The database keeps the compact form, so a reason read back from a
/// row is ``text(_:)`` too.
public enum Reason: Sendable, Hashable {
    /// A passing answer: `HTTP 200 in 12ms, last_sync 4m old`.
    case answered(AnswerSummary)
    /// `HTTP 503`, `HTTP 404 (expected 200)`.
    case httpStatus(HTTPStatusFinding)
    /// `body does not contain "ok"`, `body is not JSON: …`.
    case body(BodyFinding)
    /// `/status is "error", expected "ok"`.
    case json(JSONFinding)
    /// `last_sync 3h12m old (error after 2h)`, `last_sync is missing`.
    case freshness(FreshnessFinding)
    /// `slow: 2.4s (max 2s)`.
    case latency(LatencyFinding)
    /// No usable answer: `connection refused (127.0.0.1:9480)`, `timeout after 5s`.
    case transfer(TransferFailure)
    /// `blocked by sfdc-api (down)`: the root causes, in order.
    case blocked(by: [Blocker])
    /// `last heartbeat 1d3h ago (expected every 1d, grace 1h)`.
    case heartbeat(HeartbeatFinding)
    /// `no probe yet`.
    case noProbeYet
    /// Another reason while a threshold is not yet reached: `HTTP 503 (failed probe 1 of 3)`.
    indirect case progress(Reason, ThresholdProgress)
    /// `token endpoint answered 401 invalid_client`.
    case tokenEndpoint(TokenEndpointProblem)
    /// `certificate expires in 5 days (2026-12-07)`.
    case certificate(CertificateFinding)
    /// `leads_20261201.csv is missing`, `no file matches leads_*.csv`.
    case file(FileFinding)
    /// `removed from the config`: an incident closed because its integration left the config.
    case removedFromConfig
    /// Free text, shown as written: reasons read back from the database, test notices.
    case text(String)

    /// The reason without threshold progress: what actually happened.
    public var withoutProgress: Reason {
        if case .progress(let inner, _) = self { return inner.withoutProgress }
        return self
    }
}
